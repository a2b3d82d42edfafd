package io.dualuse.screening.wire;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The codec writes with Avro's generated encoders where it can: the bytes must be Avro's own. */
class AvroCodecTest {

    @Test
    void everyRecordTypeIsEncodedExactlyAsAvrosGenericWriterEncodesItAndReadsBack() throws IOException {
        for (SpecificRecord record : WireSamples.oneOfEach()) {
            byte[] encoded = AvroCodec.instance().encode(record);

            ByteArrayOutputStream stock = new ByteArrayOutputStream();
            stock.write(AvroCodec.instance().header(record.getClass()));
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(stock, null);
            SpecificData model = SpecificData.getForClass(record.getClass());
            assertThat(model.useCustomCoders()).as("the stock writer's model").isFalse();
            new SpecificDatumWriter<SpecificRecord>(record.getSchema(), model).write(record, encoder);
            encoder.flush();

            assertThat(encoded).as(record.getSchema().getName()).isEqualTo(stock.toByteArray());
            assertThat(AvroCodec.instance().decode(encoded, record.getClass())).isEqualTo(record);
        }
    }
}
