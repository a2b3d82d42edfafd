package io.dualuse.screening.bench;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * BENCHMARK EXPERIMENT ONLY, not used by the service: the same Avro single-object encoding as
 * {@code wire.AvroCodec} (C3 01, the schema's 8-byte fingerprint, the binary body; byte-identical
 * output, checked in {@link SerdeExperimentBenchmark#setUp}), but written through Avro's BUFFERED
 * binary encoder and read with an array-backed binary decoder. Avro's {@code BinaryMessageEncoder} /
 * {@code BinaryMessageDecoder}, which {@code AvroCodec} uses, go through the unbuffered
 * {@code DirectBinaryEncoder/Decoder}, i.e. one synchronized {@code ByteArrayOutputStream.write} /
 * {@code ByteArrayInputStream.read} call per byte. Current schema only (no writer-schema resolution)
 * and not thread-safe: one instance per thread.
 */
final class BufferedSingleObjectCodec<T extends SpecificRecord> {

    private final byte[] header = new byte[10];
    private final SpecificDatumWriter<T> writer;
    private final SpecificDatumReader<T> reader;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    private BinaryEncoder encoder;
    private BinaryDecoder decoder;

    BufferedSingleObjectCodec(Class<T> type) {
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        header[0] = (byte) 0xC3;
        header[1] = (byte) 0x01;
        ByteBuffer.wrap(header, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(SchemaNormalization.parsingFingerprint64(schema));
        writer = new SpecificDatumWriter<>(schema, model);
        reader = new SpecificDatumReader<>(schema, schema, model);
    }

    byte[] encode(T record) {
        try {
            out.reset();
            out.write(header);
            encoder = EncoderFactory.get().binaryEncoder(out, encoder);
            writer.write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    T decode(byte[] bytes) {
        if (bytes.length < 10 || !Arrays.equals(bytes, 0, 10, header, 0, 10)) {
            throw new IllegalArgumentException("not this type's single-object encoding");
        }
        try {
            decoder = DecoderFactory.get().binaryDecoder(bytes, 10, bytes.length - 10, decoder);
            return reader.read(null, decoder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
