package io.dualuse.screening.decision;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The undo of an aborted transaction puts back exactly what the log held before. */
class DecisionLogTest {

    private static Decision decision(String id, long version, DecisionStatus status) {
        return new Decision(id, version, status, List.of(), List.of(), "v", "h", Instant.parse("2026-11-22T10:00:00Z"));
    }

    @Test
    void undoRestoresThePreviousDecisionAndVersion() {
        DecisionLog log = new DecisionLog(10, 10);
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
        DecisionLog log = new DecisionLog(10, 10);
        Decision d = decision("O-2", 1, DecisionStatus.RELEASE);
        log.recordUndoably(d, io.dualuse.screening.wire.AvroCodec.instance().encode(DecisionEvents.toEvent(d))).run();
        assertThat(log.latest("O-2")).isEmpty();
        assertThat(log.latestVersion("O-2")).isEmpty();
    }
}
