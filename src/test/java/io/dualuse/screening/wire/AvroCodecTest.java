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

    @Test
    void aRecordOfAnUnknownSchemaVersionIsRefusedNamingItsFingerprintAsTheProducerWroteIt() {
        // a plausible older order schema: one defaulted field fewer
        org.apache.avro.Schema current = io.dualuse.screening.order.event.OrderEvent.getClassSchema();
        org.apache.avro.Schema.Field dropped = current.getFields().stream().filter(org.apache.avro.Schema.Field::hasDefaultValue)
                .findFirst().orElseThrow();
        org.apache.avro.Schema older = org.apache.avro.Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false,
                current.getFields().stream().filter(f -> !f.name().equals(dropped.name()))
                        .map(f -> new org.apache.avro.Schema.Field(f, f.schema())).toList());
        long fingerprint = org.apache.avro.SchemaNormalization.parsingFingerprint64(older);
        // the single-object header as the Avro specification frames it: C3 01, then the fingerprint little-endian
        byte[] bytes = java.nio.ByteBuffer.allocate(12).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .put((byte) 0xC3).put((byte) 0x01).putLong(fingerprint).put((byte) 0).put((byte) 0).array();
        String onTheWire = java.util.HexFormat.of().formatHex(bytes, 2, 10);

        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(WireFormatException.class,
                () -> AvroCodec.instance().decode(bytes)))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(WireFormatException.Kind.SCHEMA_MISMATCH))
                .satisfies(e -> assertThat(e.getMessage()).contains(onTheWire).doesNotContain(Long.toHexString(fingerprint)));
    }
}
