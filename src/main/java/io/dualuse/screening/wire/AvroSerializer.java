package io.dualuse.screening.wire;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer for the service's Avro records in single-object encoding (the default wire
 * format). Raw bytes pass through unchanged: a transactional channel also dead-letters records
 * byte for byte.
 */
public class AvroSerializer implements Serializer<Object> {

    @Override
    public byte[] serialize(String topic, Object data) {
        if (data == null || data instanceof byte[]) {
            return (byte[]) data;
        }
        if (data instanceof SpecificRecord record) {
            return AvroCodec.instance().encode(record);
        }
        throw new IllegalArgumentException("cannot serialize " + data.getClass().getName() + " for " + topic);
    }
}
