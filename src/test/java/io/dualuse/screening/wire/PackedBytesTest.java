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
