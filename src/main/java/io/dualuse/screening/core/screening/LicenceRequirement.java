package io.dualuse.screening.core.screening;

import io.dualuse.screening.core.decision.Reason;
import io.dualuse.screening.core.decision.ReasonCode;
import io.dualuse.screening.core.rules.Measure;

/** The ordinary licence requirement: RELEASE when a licence covers the line, HOLD otherwise. */
final class LicenceRequirement implements MeasureEffect {

    static final LicenceRequirement INSTANCE = new LicenceRequirement();

    private LicenceRequirement() {
    }

    @Override
    public Reason on(Measure m, LineInScope line) {
        if (line.cover().isPresent()) {
            return line.licensed(m);
        }
        String no = line.entry().controlNumber();
        return new Reason(line.controlled() ? ReasonCode.LICENSE_REQUIRED : ReasonCode.CLASSIFICATION_REVIEW, line.lineNo(), no,
                m.id(), m.legalBasis(), no + " (" + line.entry().description() + ") needs an export licence"
                + (line.controlled() ? "" : " if it is the listed item") + " and no licence on file covers this line",
                line.evidence());
    }
}
