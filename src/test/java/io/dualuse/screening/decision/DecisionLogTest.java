package io.dualuse.screening.decision;

import io.dualuse.screening.review.HoldPayloads;
import io.dualuse.screening.review.LocalStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The undo of an aborted transaction puts back exactly what the log held before; the log stays bounded. */
class DecisionLogTest {

    private static Decision decision(String id, long version, DecisionStatus status) {
        return new Decision(id, version, status, List.of(), List.of(), "v", "h", Instant.parse("2026-11-22T10:00:00Z"));
    }

    @Test
    void undoRestoresThePreviousDecisionAndVersion() {
        DecisionLog log = new DecisionLog(10, LocalStore.decisions(HoldPayloads.inHeap()));
        log.record(decision("O-1", 1, DecisionStatus.HOLD));
        Decision v2 = decision("O-1", 2, DecisionStatus.RELEASE);
        Runnable undo = log.recordUndoably(v2, io.dualuse.screening.wire.AvroCodec.instance().encode(DecisionEvents.toEvent(v2)));
        assertThat(log.latestVersion("O-1")).contains(2L);

        undo.run();

        assertThat(log.latestVersion("O-1")).contains(1L);
        assertThat(log.latest("O-1")).get().extracting(Decision::status).isEqualTo(DecisionStatus.HOLD);
    }

    @Test
    void undoOfAFirstDecisionForgetsTheOrder() {
        DecisionLog log = new DecisionLog(10, LocalStore.decisions(HoldPayloads.inHeap()));
        Decision d = decision("O-2", 1, DecisionStatus.RELEASE);
        log.recordUndoably(d, io.dualuse.screening.wire.AvroCodec.instance().encode(DecisionEvents.toEvent(d))).run();
        assertThat(log.latest("O-2")).isEmpty();
        assertThat(log.latestVersion("O-2")).isEmpty();
    }

    @Test
    void theLeastRecentlyDecidedOrderLeavesTheHeapIndexAndTheStoreTogether() {
        DecisionLog.Store store = LocalStore.decisions(HoldPayloads.inHeap());
        DecisionLog log = new DecisionLog(2, store);
        log.record(decision("O-A", 1, DecisionStatus.HOLD));
        log.record(decision("O-B", 1, DecisionStatus.RELEASE));
        assertThat(log.latestVersion("O-A")).contains(1L); // O-A used last: O-B is the eldest now
        log.record(decision("O-C", 1, DecisionStatus.REJECT));

        assertThat(store.get("O-B")).isNull();
        assertThat(log.latest("O-B")).isEmpty();
        assertThat(log.latestVersion("O-B")).isEmpty();
        assertThat(List.of("O-A", "O-C")).allSatisfy(id -> assertThat(store.get(id)).isNotNull());
        assertThat(log.latest("O-C")).get().extracting(Decision::status).isEqualTo(DecisionStatus.REJECT);
    }

    @Test
    void anOlderVersionArrivingLateDoesNotReplaceTheNewerDecision() {
        DecisionLog log = new DecisionLog(10, LocalStore.decisions(HoldPayloads.inHeap()));
        log.record(decision("O-3", 2, DecisionStatus.RELEASE));
        log.record(decision("O-3", 1, DecisionStatus.HOLD));
        assertThat(log.latest("O-3")).get().extracting(Decision::orderVersion, Decision::status)
                .containsExactly(2L, DecisionStatus.RELEASE);
    }
}
