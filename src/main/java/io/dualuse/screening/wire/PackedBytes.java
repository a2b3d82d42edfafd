package io.dualuse.screening.wire;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

import java.nio.ByteBuffer;

/**
 * Avro bytes the service keeps for long (open holds, released orders, the decision log; in the
 * local store, state.LocalStore), lz4-compressed: a heap histogram under the pipeline benchmark
 * showed 64,000 open holds holding 170 MB of order and decision bytes, most of it the same reason
 * texts over and over. lz4 because it packs and unpacks in microseconds (the pipeline packs every
 * order it keeps) and is already on the classpath for Kafka's own compression.
 *
 * <p>Layout: the unpacked length (4 bytes), then the lz4 block.
 */
public final class PackedBytes {

    private static final LZ4Factory FACTORY = factory();
    private static final LZ4Compressor COMPRESSOR = FACTORY.fastCompressor();
    // the safe decompressor checks every bound: these bytes are our own, but cheap insurance
    private static final LZ4SafeDecompressor DECOMPRESSOR = FACTORY.safeDecompressor();

    private PackedBytes() {
    }

    /**
     * The native codec where the platform has it, the Java one elsewhere. Asked for by name:
     * {@code fastestInstance()} only loads the native library from the system class loader, so
     * under Quarkus's it gave the pure-Java codec, which a profile of the service under load
     * showed at 24 % of its CPU. Once loaded here, Kafka's own lz4 uses it too: its compressing
     * streams ask {@code fastestInstance()} per batch, its decompressing ones once per class
     * loader, which is why {@code ScreeningMain} loads this class before any Kafka client.
     */
    private static LZ4Factory factory() {
        try {
            return LZ4Factory.nativeInstance();
        } catch (Throwable e) { // no library for this platform, or loaded by another class loader
            return LZ4Factory.fastestJavaInstance();
        }
    }

    /** Which lz4 implementation packs: JNI or Java, for the start-up log. */
    public static String codec() {
        return FACTORY.toString();
    }

    /** The bytes of {@code parts} one after the other, packed. */
    public static byte[] pack(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        // the joined input and the worst-case output are scratch, reused by the thread: only the
        // packed result is a new array (the pipeline packs twice per order)
        Scratch scratch = SCRATCH.get();
        byte[] joined;
        if (parts.length == 1) {
            joined = parts[0];
        } else {
            joined = scratch.input(length);
            int at = 0;
            for (byte[] p : parts) {
                System.arraycopy(p, 0, joined, at, p.length);
                at += p.length;
            }
        }
        byte[] out = scratch.output(COMPRESSOR.maxCompressedLength(length));
        int packed = COMPRESSOR.compress(joined, 0, length, out, 0);
        byte[] result = new byte[4 + packed];
        ByteBuffer.wrap(result).putInt(length);
        System.arraycopy(out, 0, result, 4, packed);
        if (length > MAX_KEPT_SCRATCH) {
            SCRATCH.remove(); // a rare huge order should not pin its buffers to the thread
        }
        return result;
    }

    private static final int MAX_KEPT_SCRATCH = 256 * 1024;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        private byte[] input = new byte[8192];
        private byte[] output = new byte[8192];

        byte[] input(int size) {
            if (input.length < size) {
                input = new byte[size];
            }
            return input;
        }

        byte[] output(int size) {
            if (output.length < size) {
                output = new byte[size];
            }
            return output;
        }
    }

    /** What {@link #pack} was given, joined. */
    public static byte[] unpack(byte[] packed) {
        int length = ByteBuffer.wrap(packed).getInt();
        byte[] out = new byte[length];
        int n = DECOMPRESSOR.decompress(packed, 4, packed.length - 4, out, 0);
        if (n != length) {
            throw new IllegalStateException("packed bytes unpack to " + n + " bytes, expected " + length);
        }
        return out;
    }
}
