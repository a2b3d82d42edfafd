package io.dualuse.screening.core.screening;

import io.dualuse.screening.core.decision.Reason;
import io.dualuse.screening.core.decision.ReasonCode;
import io.dualuse.screening.core.rules.Measure;

/** Stricter end-user and end-use review: HOLD for a compliance officer, licence or not. */
final class EnhancedReview implements MeasureEffect {

    static final EnhancedReview INSTANCE = new EnhancedReview();

    private EnhancedReview() {
    }

    @Override
    public Reason on(Measure m, LineInScope line) {
        return new Reason(ReasonCode.ENHANCED_REVIEW, line.lineNo(), line.entry().controlNumber(), m.id(), m.legalBasis(),
                m.title() + ": end-user and end-use review required", line.evidence());
    }
}
