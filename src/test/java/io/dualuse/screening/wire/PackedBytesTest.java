package io.dualuse.screening.wire;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What goes in comes out, joined, and repeated reason texts take a fraction of their size. */
class PackedBytesTest {

    @Test
    void partsComeBackJoinedInOrder() {
        byte[] a = "order".getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[0];
        byte[] c = new byte[3000];
        new Random(7).nextBytes(c); // incompressible: must still round-trip
        byte[] joined = new byte[a.length + c.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(c, 0, joined, a.length, c.length);

        assertThat(PackedBytes.unpack(PackedBytes.pack(a, b, c))).isEqualTo(joined);
        assertThat(PackedBytes.unpack(PackedBytes.pack(b))).isEmpty();
    }

    @Test
    void aSmallPackAfterALargeOneCarriesNothingOfItThroughTheReusedBuffers() {
        byte[] large = new byte[300 * 1024]; // larger than the buffers a thread keeps
        new Random(11).nextBytes(large);
        byte[] medium = new byte[20_000];
        new Random(13).nextBytes(medium);
        byte[] small = "HOLD".getBytes(StandardCharsets.UTF_8);

        byte[] packedLarge = PackedBytes.pack(large, small);
        byte[] packedMedium = PackedBytes.pack(medium, small);
        byte[] packedSmall = PackedBytes.pack(small, small);

        assertThat(PackedBytes.unpack(packedSmall)).isEqualTo("HOLDHOLD".getBytes(StandardCharsets.UTF_8));
        assertThat(PackedBytes.unpack(packedMedium)).hasSize(medium.length + small.length).startsWith(medium);
        assertThat(PackedBytes.unpack(packedLarge)).hasSize(large.length + small.length).startsWith(large);
    }

    @Test
    void repeatedReasonTextsPackToAFractionOfTheirSize() {
        StringBuilder reasons = new StringBuilder();
        for (int line = 1; line <= 10; line++) {
            reasons.append("NOT_CONTROLLED line ").append(line)
                    .append(": no catalog entry in force on 2026-11-24 matches customs code 61091000")
                    .append(line).append(" or the description\n");
        }
        byte[] raw = reasons.toString().getBytes(StandardCharsets.UTF_8);

        byte[] packed = PackedBytes.pack(raw);

        assertThat(packed.length).isLessThan(raw.length / 4);
        assertThat(PackedBytes.unpack(packed)).isEqualTo(raw);
    }

    @Test
    void truncatedBytesAreRefusedNotMisread() {
        byte[] packed = PackedBytes.pack("some order bytes, some decision bytes".getBytes(StandardCharsets.UTF_8));
        byte[] truncated = java.util.Arrays.copyOf(packed, packed.length - 3);

        assertThatThrownBy(() -> PackedBytes.unpack(truncated)).isInstanceOf(RuntimeException.class);
    }
}
