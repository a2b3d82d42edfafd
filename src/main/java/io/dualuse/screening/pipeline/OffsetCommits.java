package io.dualuse.screening.pipeline;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The consumer offsets of the at-least-once pipeline: committed asynchronously, with at most one
 * commit in flight; offsets of batches written meanwhile are merged into the next one.
 *
 * <p>One asynchronous commit per poll, as the pipeline first did, piled up hundreds of commit
 * requests at the group coordinator under load: the consumer then could not close within its
 * timeout, never left the group, and the next instance waited a whole session timeout for its
 * partitions. Only the newest offset of a partition matters, so nothing is lost by merging.
 * Used by the pipeline's thread only (Kafka runs commit callbacks inside that thread's poll).
 */
final class OffsetCommits {

    private static final Logger LOG = Logger.getLogger(OffsetCommits.class);

    private final BiConsumer<Map<TopicPartition, OffsetAndMetadata>, OffsetCommitCallback> commitAsync;
    private final Consumer<Map<TopicPartition, OffsetAndMetadata>> commitSync;
    private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
    private boolean inFlight;

    OffsetCommits(BiConsumer<Map<TopicPartition, OffsetAndMetadata>, OffsetCommitCallback> commitAsync,
                  Consumer<Map<TopicPartition, OffsetAndMetadata>> commitSync) {
        this.commitAsync = commitAsync;
        this.commitSync = commitSync;
    }

    /** The output of a batch is acknowledged: its offsets may be committed. */
    void written(Map<TopicPartition, OffsetAndMetadata> offsets) {
        pending.putAll(offsets);
        commitIfIdle();
    }

    /** Sends what is pending unless a commit is still in flight (called after each poll too). */
    void commitIfIdle() {
        if (inFlight || pending.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> sent = Map.copyOf(pending);
        pending.clear();
        inFlight = true;
        commitAsync.accept(sent, (committed, e) -> {
            inFlight = false;
            if (e != null) {
                // tried again with the next commit, unless a newer offset of the partition is pending already
                sent.forEach(pending::putIfAbsent);
                LOG.warnf("offset commit failed, retried with the next one: %s", e);
            }
        });
    }

    /** Partitions leave this consumer (rebalance): their pending offsets are committed now, so the next owner starts there. */
    void revoked(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> leaving = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata o = pending.remove(tp);
            if (o != null) {
                leaving.put(tp, o);
            }
        }
        if (!leaving.isEmpty()) {
            commitSync.accept(leaving);
        }
    }

    /** Partitions were lost without a revocation (the group moved on): their offsets cannot be committed any more. */
    void lost(Collection<TopicPartition> partitions) {
        partitions.forEach(pending::remove);
    }

    /** Stopping: everything pending is committed synchronously before the consumer closes. */
    void flush() {
        if (!pending.isEmpty()) {
            Map<TopicPartition, OffsetAndMetadata> last = Map.copyOf(pending);
            pending.clear();
            commitSync.accept(last);
        }
    }

    /** What would be committed next (for tests). */
    Map<TopicPartition, OffsetAndMetadata> pending() {
        return Map.copyOf(pending);
    }
}
