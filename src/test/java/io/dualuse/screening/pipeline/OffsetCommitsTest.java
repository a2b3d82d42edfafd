package io.dualuse.screening.pipeline;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The at-least-once commit policy: one commit in flight, newer offsets merged, nothing acknowledged left uncommitted. */
class OffsetCommitsTest {

    private static final TopicPartition P0 = new TopicPartition("orders.v1", 0);
    private static final TopicPartition P1 = new TopicPartition("orders.v1", 1);

    private final List<Map<TopicPartition, OffsetAndMetadata>> asyncSent = new ArrayList<>();
    private final List<OffsetCommitCallback> callbacks = new ArrayList<>();
    private final List<Map<TopicPartition, OffsetAndMetadata>> syncSent = new ArrayList<>();
    private final OffsetCommits commits = new OffsetCommits((offsets, callback) -> {
        asyncSent.add(offsets);
        callbacks.add(callback);
    }, syncSent::add);

    private static Map<TopicPartition, OffsetAndMetadata> at(TopicPartition tp, long offset) {
        return Map.of(tp, new OffsetAndMetadata(offset));
    }

    @Test
    void batchesWrittenWhileACommitIsInFlightAreMergedIntoOneNextCommit() {
        commits.written(at(P0, 10));
        commits.written(at(P0, 20));
        commits.written(at(P1, 5));
        commits.written(at(P0, 30));
        assertThat(asyncSent).containsExactly(at(P0, 10));

        callbacks.get(0).onComplete(at(P0, 10), null);
        commits.commitIfIdle();

        assertThat(asyncSent).containsExactly(at(P0, 10), Map.of(P0, new OffsetAndMetadata(30), P1, new OffsetAndMetadata(5)));
        assertThat(commits.pending()).isEmpty();
    }

    @Test
    void aFailedCommitIsRetriedUnlessANewerOffsetIsPending() {
        commits.written(Map.of(P0, new OffsetAndMetadata(10), P1, new OffsetAndMetadata(7)));
        commits.written(at(P0, 20));

        callbacks.get(0).onComplete(null, new RebalanceInProgressException("rebalancing"));

        assertThat(commits.pending()).isEqualTo(Map.of(P0, new OffsetAndMetadata(20), P1, new OffsetAndMetadata(7)));
        commits.commitIfIdle();
        assertThat(asyncSent).hasSize(2).last().isEqualTo(Map.of(P0, new OffsetAndMetadata(20), P1, new OffsetAndMetadata(7)));
    }

    @Test
    void revokedPartitionsCommitTheirPendingOffsetsSynchronouslyAndOthersStayPending() {
        commits.written(at(P0, 10));
        commits.written(Map.of(P0, new OffsetAndMetadata(12), P1, new OffsetAndMetadata(3)));

        commits.revoked(List.of(P0));

        assertThat(syncSent).containsExactly(at(P0, 12));
        assertThat(commits.pending()).isEqualTo(at(P1, 3));
    }

    @Test
    void lostPartitionsDropTheirOffsetsAndFlushCommitsTheRest() {
        commits.written(at(P0, 10));
        commits.written(Map.of(P0, new OffsetAndMetadata(12), P1, new OffsetAndMetadata(3)));

        commits.lost(List.of(P0));
        commits.flush();

        assertThat(syncSent).containsExactly(at(P1, 3));
        assertThat(commits.pending()).isEmpty();
        commits.flush();
        assertThat(syncSent).hasSize(1);
    }
}
