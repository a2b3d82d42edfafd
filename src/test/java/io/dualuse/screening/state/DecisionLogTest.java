package io.dualuse.screening.state;

import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.decision.DecisionStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The decision log points at the audit topic for the order stream's decisions and stores the
 * others; the undo of an aborted transaction puts back exactly what the log held before; the log
 * stays bounded. The audit topic here is a map by position: its Kafka reader is exercised by the
 * REST tests against the broker.
 */
class DecisionLogTest {

    /** The audit topic as positions to decisions, and which positions were asked for. */
    private static final class Positions implements DecisionLog.AuditTopic {
        final Map<String, Decision> written = new HashMap<>();
        final List<String> reads = new java.util.ArrayList<>();

        void write(int partition, long offset, Decision d) {
            written.put(partition + "@" + offset, d);
        }

        @Override
        public Optional<Decision> read(int partition, long offset) {
            reads.add(partition + "@" + offset);
            return Optional.ofNullable(written.get(partition + "@" + offset));
        }
    }

    private final Positions topic = new Positions();
    private final DecisionLog.Store store = LocalStore.decisions(HoldPayloads.inHeap());

    private static Decision decision(String id, long version, DecisionStatus status) {
        return new Decision(id, version, status, List.of(), List.of(), "v", "h", Instant.parse("2026-11-22T10:00:00Z"));
    }

    /** What the pipeline does for one decision: note it, write it, and say where once committed. */
    private void screened(DecisionLog log, Decision d, int partition, long offset) {
        log.recordUndoably(d);
        topic.write(partition, offset, d);
        log.published(d.orderId(), d.orderVersion(), partition, offset);
    }

    @Test
    void aCommittedDecisionIsReadFromTheAuditTopicNotStored() {
        DecisionLog log = new DecisionLog(10, store, topic);
        screened(log, decision("O-0", 1, DecisionStatus.RELEASE), 2, 41);

        assertThat(log.latest("O-0")).get().extracting(Decision::orderVersion, Decision::status)
                .containsExactly(1L, DecisionStatus.RELEASE);
        assertThat(topic.reads).containsExactly("2@41");
        assertThat(store.get("O-0")).isNull();
    }

    @Test
    void untilItsWriteIsCommittedTheDecisionBeforeIsShown() {
        DecisionLog log = new DecisionLog(10, store, topic);
        screened(log, decision("O-P", 1, DecisionStatus.HOLD), 0, 7);
        log.recordUndoably(decision("O-P", 2, DecisionStatus.RELEASE));

        assertThat(log.latestVersion("O-P")).contains(2L); // a re-delivery of v2 is skipped already
        assertThat(log.latest("O-P")).get().extracting(Decision::orderVersion).isEqualTo(1L);

        topic.write(0, 9, decision("O-P", 2, DecisionStatus.RELEASE));
        log.published("O-P", 2, 0, 9);
        assertThat(log.latest("O-P")).get().extracting(Decision::orderVersion).isEqualTo(2L);
    }

    @Test
    void aFirstDecisionNotYetCommittedIsNotShown() {
        DecisionLog log = new DecisionLog(10, store, topic);
        log.recordUndoably(decision("O-N", 1, DecisionStatus.RELEASE));
        assertThat(log.latest("O-N")).isEmpty();
        assertThat(topic.reads).isEmpty();
    }

    @Test
    void undoRestoresThePreviousDecisionAndVersion() {
        DecisionLog log = new DecisionLog(10, store, topic);
        log.record(decision("O-1", 1, DecisionStatus.HOLD));
        Runnable undo = log.recordUndoably(decision("O-1", 2, DecisionStatus.RELEASE));
        assertThat(log.latestVersion("O-1")).contains(2L);

        undo.run();

        assertThat(log.latestVersion("O-1")).contains(1L);
        assertThat(log.latest("O-1")).get().extracting(Decision::status).isEqualTo(DecisionStatus.HOLD);
        // a late confirmation of the undone version changes nothing
        log.published("O-1", 2, 0, 3);
        assertThat(log.latest("O-1")).get().extracting(Decision::status).isEqualTo(DecisionStatus.HOLD);
    }

    @Test
    void undoOfAFirstDecisionForgetsTheOrder() {
        DecisionLog log = new DecisionLog(10, store, topic);
        log.recordUndoably(decision("O-2", 1, DecisionStatus.RELEASE)).run();
        assertThat(log.latest("O-2")).isEmpty();
        assertThat(log.latestVersion("O-2")).isEmpty();
    }

    @Test
    void aStoredDecisionSupersededByACommittedOneLeavesTheStore() {
        DecisionLog log = new DecisionLog(10, store, topic);
        log.record(decision("O-S", 1, DecisionStatus.HOLD)); // a re-screen or review: stored
        assertThat(store.get("O-S")).isNotNull();

        screened(log, decision("O-S", 2, DecisionStatus.RELEASE), 1, 5);

        assertThat(store.get("O-S")).isNull();
        assertThat(log.latest("O-S")).get().extracting(Decision::orderVersion, Decision::status)
                .containsExactly(2L, DecisionStatus.RELEASE);
    }

    @Test
    void theLeastRecentlyDecidedOrderLeavesTheHeapIndexAndTheStoreTogether() {
        DecisionLog log = new DecisionLog(2, store, topic);
        log.record(decision("O-A", 1, DecisionStatus.HOLD));
        log.record(decision("O-B", 1, DecisionStatus.RELEASE));
        assertThat(log.latestVersion("O-A")).contains(1L); // O-A used last: O-B is the eldest now
        screened(log, decision("O-C", 1, DecisionStatus.REJECT), 0, 1);

        assertThat(store.get("O-B")).isNull();
        assertThat(log.latest("O-B")).isEmpty();
        assertThat(log.latestVersion("O-B")).isEmpty();
        assertThat(store.get("O-A")).isNotNull();
        assertThat(List.of("O-A", "O-C")).extracting(id -> log.latest(id).orElseThrow())
                .extracting(Decision::orderId, Decision::status)
                .containsExactly(tuple("O-A", DecisionStatus.HOLD), tuple("O-C", DecisionStatus.REJECT));
    }

    @Test
    void anOlderVersionArrivingLateDoesNotReplaceTheNewerDecision() {
        DecisionLog log = new DecisionLog(10, store, topic);
        log.record(decision("O-3", 2, DecisionStatus.RELEASE));
        log.record(decision("O-3", 1, DecisionStatus.HOLD));
        assertThat(log.latest("O-3")).get().extracting(Decision::orderVersion, Decision::status)
                .containsExactly(2L, DecisionStatus.RELEASE);
    }
}
