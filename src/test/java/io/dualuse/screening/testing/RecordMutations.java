package io.dualuse.screening.testing;

import io.dualuse.screening.wire.AvroCodec;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;

/**
 * Mutations of an Avro single-object record for the intake's fuzz tests: bits flipped, bytes
 * replaced, slices cut, copied or inserted, lengths and counts inflated to the billions, truncated.
 */
public final class RecordMutations {

    private RecordMutations() {
    }

    /** One random change, or two; the body most of the time, the single-object header now and then. */
    public static byte[] mutate(byte[] original, Random random) {
        byte[] b = original.clone();
        int body = AvroCodec.HEADER_LENGTH;
        int at = body + random.nextInt(b.length - body);
        return switch (random.nextInt(9)) {
            case 0 -> {
                b[at] ^= (byte) (1 << random.nextInt(8));
                yield b;
            }
            case 1 -> {
                b[at] = (byte) random.nextInt(256);
                yield b;
            }
            case 2 -> Arrays.copyOf(b, at); // truncated
            case 3 -> concat(Arrays.copyOf(b, at), randomBytes(random, 1 + random.nextInt(16)), Arrays.copyOfRange(b, at, b.length));
            case 4 -> concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, Math.min(b.length, at + 1 + random.nextInt(8)), b.length)); // a slice cut
            case 5 -> concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, body, at), Arrays.copyOfRange(b, at, b.length)); // a slice copied
            case 6 -> { // a length or count inflated: a huge varint in place of one byte
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(b, 0, at);
                writeVarint(out, random.nextBoolean() ? Integer.MAX_VALUE : -(1L << 40));
                out.write(b, at + 1, b.length - at - 1);
                yield out.toByteArray();
            }
            case 7 -> { // a header byte: magic or fingerprint
                b[random.nextInt(body)] ^= (byte) (1 << random.nextInt(8));
                yield b;
            }
            default -> { // two mutations
                byte[] once = mutate(original, random);
                yield once.length > body ? mutate(once, random) : once;
            }
        };
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] out = new byte[n];
        random.nextBytes(out);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }

    /** Avro's long encoding: zig-zag, then 7 bits a byte. */
    public static void writeVarint(ByteArrayOutputStream out, long value) {
        long n = (value << 1) ^ (value >> 63);
        while ((n & ~0x7FL) != 0) {
            out.write((int) ((n & 0x7F) | 0x80));
            n >>>= 7;
        }
        out.write((int) n);
    }

}
