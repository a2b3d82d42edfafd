package io.dualuse.screening.core.screening;

import io.dualuse.screening.core.decision.Reason;
import io.dualuse.screening.core.decision.ReasonCode;
import io.dualuse.screening.core.rules.Measure;

/** Export prohibited (No. 1 of 2026, No. 46 of 2024 clause 1): REJECT when the line is the item, HOLD when it may be. No licence helps. */
final class Prohibition implements MeasureEffect {

    static final Prohibition INSTANCE = new Prohibition();

    private Prohibition() {
    }

    @Override
    public Reason on(Measure m, LineInScope line) {
        String no = line.entry().controlNumber();
        return new Reason(line.controlled() ? ReasonCode.PROHIBITED : ReasonCode.PROHIBITED_IF_CONTROLLED, line.lineNo(), no,
                m.id(), m.legalBasis(),
                (line.controlled() ? "prohibited: " : "would be prohibited if classified as " + no + ": ") + m.title(),
                line.evidence());
    }
}
