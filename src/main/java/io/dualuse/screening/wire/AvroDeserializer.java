package io.dualuse.screening.wire;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/** Kafka deserializer for any of the service's Avro records; the fingerprint tells the type and version. */
public class AvroDeserializer implements Deserializer<SpecificRecord> {

    @Override
    public SpecificRecord deserialize(String topic, byte[] data) {
        return data == null ? null : AvroCodec.instance().decode(data);
    }
}
