package io.dualuse.screening.wire;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Map;

/**
 * Kafka serializer for the service's Avro records in the configured wire format: single-object
 * encoding unless the client configuration says {@code screening.wire.format=registry} (see
 * {@link WireSettings}). Raw bytes pass through unchanged: a transactional channel also
 * dead-letters records byte for byte.
 */
public class AvroSerializer implements Serializer<Object> {

    private WireFormat wire = WireFormat.of(WireSettings.SINGLE_OBJECT);

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        wire = WireFormat.of(configs);
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        if (data == null || data instanceof byte[]) {
            return (byte[]) data;
        }
        if (data instanceof SpecificRecord record) {
            return wire.encode(record);
        }
        throw new IllegalArgumentException("cannot serialize " + data.getClass().getName() + " for " + topic);
    }
}
