package io.dualuse.screening.state;

import io.dualuse.screening.platform.ScreeningConfig;
import io.dualuse.screening.platform.TopicConfigSource;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.testing.RecordingEvent;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an instance keeps follows what it is assigned: taken partitions are read again before any
 * of their orders is screened, partitions given away are dropped, and a rebalance that gives back
 * what it revoked (the eager protocol revokes everything first) reads nothing twice.
 */
class PartitionOwnershipTest {

    private static final String ROUTED = Topics.ORDERS_BY_EXPORTER;
    private static final int PARTITIONS = 6;

    /** A state that records what it was asked, and what the ownership accepted while it caught up. */
    private static final class RecordingState implements PartitionOwnership.PartitionState {
        final List<String> calls = new ArrayList<>();
        final PartitionOwnership ownership;
        final String exporterOfPartition2;

        RecordingState(PartitionOwnership ownership, String exporterOfPartition2) {
            this.ownership = ownership;
            this.exporterOfPartition2 = exporterOfPartition2;
        }

        @Override
        public CompletableFuture<Void> catchUp(boolean replay) {
            calls.add("catchUp(" + replay + ") taking p2=" + ownership.taking(exporterOfPartition2) + " owns p2="
                    + ownership.owns(exporterOfPartition2) + " keeps p2=" + ownership.keeps(exporterOfPartition2));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> drop(Set<Integer> partitions) {
            calls.add("drop" + partitions + " keeps p2=" + ownership.keeps(exporterOfPartition2));
            return CompletableFuture.completedFuture(null);
        }
    }

    @Test
    void takenPartitionsAreReadBeforeTheyAreScreenedAndPartitionsGivenAwayAreDropped() {
        RecordingEvent<PartitionOwnership.ExportersAssigned> fired = new RecordingEvent<>();
        PartitionOwnership ownership = new PartitionOwnership(fired, config());
        ownership.partitionCounts(topic -> PARTITIONS);
        String p2 = exporterOf(2);
        RecordingState state = new RecordingState(ownership, p2);
        ownership.register(state);
        assertThat(ownership.keeps(p2)).as("nothing is kept before the first assignment").isFalse();
        assertThat(ownership.partitionOf(p2)).isEqualTo(-1);

        ownership.onPartitionsAssigned(assigned(0, 2, 4));
        assertThat(state.calls).containsExactly("catchUp(true) taking p2=true owns p2=false keeps p2=true");
        assertThat(ownership.owns(p2)).isTrue();
        assertThat(ownership.keeps(p2)).isTrue();
        assertThat(ownership.taking(p2)).isFalse();
        assertThat(fired.fired).extracting(PartitionOwnership.ExportersAssigned::partitions).containsExactly(Set.of(0, 2, 4));

        // the eager protocol: everything revoked, then the same partitions given back
        state.calls.clear();
        ownership.onPartitionsRevoked(assigned(0, 2, 4));
        assertThat(ownership.owns(p2)).as("not screened between revocation and assignment").isFalse();
        assertThat(ownership.keeps(p2)).as("but still kept").isTrue();
        ownership.onPartitionsAssigned(assigned(0, 2, 4));
        assertThat(state.calls).as("nothing read again, only caught up").containsExactly(
                "catchUp(false) taking p2=false owns p2=false keeps p2=true");
        assertThat(ownership.owns(p2)).isTrue();

        // a second instance joins: partition 2 goes, partition 1 comes
        state.calls.clear();
        ownership.onPartitionsRevoked(assigned(0, 2, 4));
        ownership.onPartitionsAssigned(assigned(0, 1, 4));
        assertThat(state.calls).containsExactly("drop[2] keeps p2=false", "catchUp(true) taking p2=false owns p2=false keeps p2=false");
        assertThat(ownership.owns(p2)).isFalse();
        assertThat(ownership.owns(exporterOf(1))).isTrue();

        // more instances than partitions: an assignment without a routed partition leaves nothing kept
        state.calls.clear();
        ownership.onPartitionsRevoked(assigned(0, 1, 4));
        ownership.onPartitionsAssigned(List.of());
        assertThat(state.calls).containsExactly("drop[0, 1, 4] keeps p2=false");
        assertThat(ownership.keeps(exporterOf(1))).isFalse();
        assertThat(ownership.owns(exporterOf(1))).isFalse();
    }

    @Test
    void whenPartitionsAreAddedEverythingKeptIsDroppedAndReadAgain() {
        PartitionOwnership ownership = new PartitionOwnership(new RecordingEvent<>(), config());
        int[] count = {PARTITIONS};
        ownership.partitionCounts(topic -> count[0]);
        RecordingState state = new RecordingState(ownership, "EXP-ANY");
        ownership.register(state);
        ownership.onPartitionsAssigned(assigned(0, 1));
        state.calls.clear();

        count[0] = 12; // exporters move between partitions: nothing kept is known to be this instance's
        ownership.onPartitionsRevoked(assigned(0, 1));
        ownership.onPartitionsAssigned(assigned(0, 1));
        assertThat(state.calls).hasSize(2);
        assertThat(state.calls.get(0)).startsWith("drop[0, 1]");
        assertThat(state.calls.get(1)).startsWith("catchUp(true)");
    }

    /** An exporter id whose partition of the routed topic, of 6 partitions, is {@code partition}. */
    static String exporterOf(int partition) {
        return IntStream.range(0, 10_000).mapToObj(i -> "EXP-" + i)
                .filter(e -> PartitionOwnership.exporterHash(e) % PARTITIONS == partition).findFirst().orElseThrow();
    }

    private static List<TopicPartition> assigned(int... partitions) {
        List<TopicPartition> out = new ArrayList<>();
        for (int p : partitions) {
            out.add(new TopicPartition(ROUTED, p));
            out.add(new TopicPartition(Topics.ORDERS, p));
        }
        return out;
    }

    static ScreeningConfig config(Map<String, String> properties) {
        Map<String, String> all = new java.util.HashMap<>(properties);
        all.putIfAbsent("screening.instance-id", "test");
        return new SmallRyeConfigBuilder().withMapping(ScreeningConfig.class).withSources(new TopicConfigSource())
                .withSources(new PropertiesConfigSource(all, "test", 250))
                .build().getConfigMapping(ScreeningConfig.class);
    }

    private static ScreeningConfig config() {
        return config(Map.of());
    }

}
