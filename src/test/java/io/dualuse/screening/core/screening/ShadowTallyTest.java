package io.dualuse.screening.core.screening;

import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.decision.DecisionStatus;
import io.dualuse.screening.core.decision.Reason;
import io.dualuse.screening.core.decision.ReasonCode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ShadowTallyTest {

    private static Decision decision(String id, DecisionStatus status, String ruleset, Reason... reasons) {
        return new Decision(id, 1, status, List.of(reasons), List.of(), ruleset, "sha-" + ruleset, Instant.parse("2026-12-05T10:00:00Z"));
    }

    private static Reason reason(ReasonCode code, int line, String controlNumber, String measure, String message) {
        return new Reason(code, line, controlNumber, measure, "basis", message, List.of());
    }

    @Test
    void countsEveryOrderByTransitionChangesFirst() {
        ShadowTally tally = new ShadowTally();
        Reason licensed = reason(ReasonCode.LICENSED, 1, "1C117.d", "CN-GENERAL-LICENSE", "licence L-1");
        Reason review = reason(ReasonCode.ENHANCED_REVIEW, 1, "1C117.d", "M-NEW", "review");
        Reason notControlled = reason(ReasonCode.NOT_CONTROLLED, 1, null, null, "not listed");

        assertThat(tally.add(decision("A", DecisionStatus.RELEASE, "old", licensed),
                decision("A", DecisionStatus.HOLD, "new", licensed, review))).isTrue();
        assertThat(tally.add(decision("B", DecisionStatus.RELEASE, "old", notControlled),
                decision("B", DecisionStatus.RELEASE, "new", notControlled))).isFalse();
        assertThat(tally.add(decision("C", DecisionStatus.RELEASE, "old", notControlled),
                decision("C", DecisionStatus.RELEASE, "new", notControlled))).isFalse();

        assertThat(tally.orders()).isEqualTo(3);
        assertThat(tally.changed()).isEqualTo(1);
        assertThat(tally.transitions()).extracting(ShadowTally.Transition::from, ShadowTally.Transition::to,
                        ShadowTally.Transition::orders, ShadowTally.Transition::changed)
                .containsExactly(tuple(DecisionStatus.RELEASE, DecisionStatus.HOLD, 1L, true),
                        tuple(DecisionStatus.RELEASE, DecisionStatus.RELEASE, 2L, false));
        assertThat(tally.reasonCodes()).extracting(ShadowTally.Count::key, ShadowTally.Count::inForce, ShadowTally.Count::candidate)
                .containsExactly(tuple("ENHANCED_REVIEW", 0L, 1L), tuple("LICENSED", 1L, 1L), tuple("NOT_CONTROLLED", 2L, 2L));
        assertThat(tally.controlNumbers()).extracting(ShadowTally.Count::key, ShadowTally.Count::delta)
                .containsExactly(tuple("1C117.d", 0L));
    }

    @Test
    void aNewCauseUnderTheSameStatusIsAChangeButNewWordingIsNot() {
        Reason heldForLicence = reason(ReasonCode.LICENSE_REQUIRED, 1, "1C117.d", "CN-GENERAL-LICENSE", "ruleset old: licence needed");
        Reason reworded = reason(ReasonCode.LICENSE_REQUIRED, 1, "1C117.d", "CN-GENERAL-LICENSE", "ruleset new: licence needed");
        Reason otherMeasure = reason(ReasonCode.LICENSE_REQUIRED, 1, "1C117.d", "CN-OTHER", "licence needed");

        assertThat(ShadowTally.differs(decision("A", DecisionStatus.HOLD, "old", heldForLicence),
                decision("A", DecisionStatus.HOLD, "new", reworded))).isFalse();
        assertThat(ShadowTally.differs(decision("A", DecisionStatus.HOLD, "old", heldForLicence),
                decision("A", DecisionStatus.HOLD, "new", heldForLicence, otherMeasure))).isTrue();
        assertThat(ShadowTally.differs(decision("A", DecisionStatus.HOLD, "old", heldForLicence),
                decision("A", DecisionStatus.REJECT, "new", heldForLicence))).isTrue();
    }

    @Test
    void anOrderCountsOnceForACodeOnSeveralLines() {
        ShadowTally tally = new ShadowTally();
        tally.add(decision("A", DecisionStatus.HOLD, "old",
                        reason(ReasonCode.LICENSE_REQUIRED, 1, "1C117.d", "M", "x"), reason(ReasonCode.LICENSE_REQUIRED, 2, "1C117.d", "M", "x")),
                decision("A", DecisionStatus.HOLD, "new", reason(ReasonCode.LICENSE_REQUIRED, 1, "1C117.d", "M", "x")));

        assertThat(tally.reasonCodes()).extracting(ShadowTally.Count::key, ShadowTally.Count::inForce, ShadowTally.Count::candidate)
                .containsExactly(tuple("LICENSE_REQUIRED", 1L, 1L));
        assertThat(tally.changed()).isEqualTo(1); // line 2 is no longer held
    }
}
