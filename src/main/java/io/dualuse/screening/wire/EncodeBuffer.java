package io.dualuse.screening.wire;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A thread's output buffer and Avro encoder, reused from one record to the next: allocating both
 * per record was a quarter of the service's allocation under load (JFR), for a few KB each time.
 * Used by {@link AvroCodec} and by the hold-state records put together from bytes. Not re-entrant:
 * a body must not encode another record through it.
 */
public final class EncodeBuffer {

    /** Writes a record's binary body. */
    @FunctionalInterface
    public interface Body {
        void write(BinaryEncoder encoder) throws IOException;
    }

    private static final int MAX_KEPT = 64 * 1024;
    private static final ThreadLocal<EncodeBuffer> PER_THREAD = ThreadLocal.withInitial(EncodeBuffer::new);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    private BinaryEncoder encoder;

    private EncodeBuffer() {
    }

    /** The header, then the body, in this thread's buffer; a copy of exactly those bytes. */
    public static byte[] encode(byte[] header, Body body) {
        EncodeBuffer b = PER_THREAD.get();
        try {
            b.out.reset();
            b.out.write(header);
            b.encoder = EncoderFactory.get().binaryEncoder(b.out, b.encoder);
            body.write(b.encoder);
            b.encoder.flush();
            return b.out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (b.out.size() > MAX_KEPT) {
                PER_THREAD.remove(); // a rare huge record should not pin its buffer to the thread
            }
        }
    }
}
