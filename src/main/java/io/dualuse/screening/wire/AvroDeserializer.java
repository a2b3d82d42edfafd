package io.dualuse.screening.wire;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

import java.util.Map;

/**
 * Kafka deserializer for any of the service's Avro records, in the wire format of the client
 * configuration ({@link WireSettings}; single-object encoding by default, where the fingerprint
 * tells the type and version).
 */
public class AvroDeserializer implements Deserializer<SpecificRecord> {

    private WireFormat wire = WireFormat.of(WireSettings.SINGLE_OBJECT);

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        wire = WireFormat.of(configs);
    }

    @Override
    public SpecificRecord deserialize(String topic, byte[] data) {
        return data == null ? null : wire.decode(data);
    }
}
