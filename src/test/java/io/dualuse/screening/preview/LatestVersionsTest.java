package io.dualuse.screening.preview;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatestVersionsTest {

    @Test
    void aHigherVersionReplacesTheRecordAndARedeliveryKeepsTheFirst() {
        LatestVersions latest = new LatestVersions(10);
        long a = LatestVersions.fingerprint("ORDER-A");

        latest.offer(a, 1, 0, 5);
        latest.offer(a, 2, 2, 9);
        latest.offer(a, 2, 1, 12); // the same version again, later
        latest.offer(a, 1, 0, 20); // an older version, late

        assertThat(latest.isLatest(a, 2, 9)).isTrue();
        assertThat(latest.isLatest(a, 0, 5)).isFalse();
        assertThat(latest.isLatest(a, 1, 12)).isFalse();
        assertThat(latest.isLatest(a, 0, 20)).isFalse();
        assertThat(latest.isLatest(LatestVersions.fingerprint("ORDER-B"), 2, 9)).isFalse();
        assertThat(latest.size()).isEqualTo(1);
    }

    @Test
    void holdsAsManyOrdersAsItWasMadeForAndNoMore() {
        LatestVersions latest = new LatestVersions(1000);
        for (int i = 0; i < 1000; i++) {
            latest.offer(LatestVersions.fingerprint("ORDER-" + i), 1, i % 3, i);
        }
        for (int i = 0; i < 1000; i++) {
            assertThat(latest.isLatest(LatestVersions.fingerprint("ORDER-" + i), i % 3, i)).as("ORDER-" + i).isTrue();
        }
        long another = LatestVersions.fingerprint("ORDER-1000");
        assertThatThrownBy(() -> latest.offer(another, 1, 0, 1000)).isInstanceOf(LatestVersions.Full.class);

        latest.clear();
        assertThat(latest.size()).isZero();
        assertThat(latest.isLatest(LatestVersions.fingerprint("ORDER-1"), 1, 1)).isFalse();
        latest.offer(another, 1, 0, 1000);
        assertThat(latest.isLatest(another, 0, 1000)).isTrue();
    }

    @Test
    void everyOrderFallsInExactlyOnePassAndThePassesShareThem() {
        int passes = 4;
        int[] perPass = new int[passes];
        Set<Integer> seen = new HashSet<>();
        IntStream.range(0, 40_000).forEach(i -> {
            int c = LatestVersions.classOf(LatestVersions.fingerprint("ORD-" + i), passes);
            assertThat(c).isBetween(0, passes - 1);
            perPass[c]++;
            seen.add(c);
        });
        assertThat(seen).hasSize(passes);
        for (int n : perPass) {
            assertThat(n).isBetween(9_000, 11_000);
        }
    }
}
