package io.dualuse.screening.wire;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer for the service's Avro records in single-object encoding (the default wire format). */
public class AvroSerializer implements Serializer<SpecificRecord> {

    @Override
    public byte[] serialize(String topic, SpecificRecord data) {
        return data == null ? null : AvroCodec.instance().encode(data);
    }
}
