package io.dualuse.screening.core.screening;

import io.dualuse.screening.core.decision.Reason;
import io.dualuse.screening.core.decision.ReasonCode;
import io.dualuse.screening.core.rules.Measure;

/** Licences are in principle not granted: REJECT unless a licence explicitly covers the line. */
final class DenialPresumption implements MeasureEffect {

    static final DenialPresumption INSTANCE = new DenialPresumption();

    private DenialPresumption() {
    }

    @Override
    public Reason on(Measure m, LineInScope line) {
        if (line.cover().isPresent()) {
            return line.licensed(m);
        }
        return new Reason(line.controlled() ? ReasonCode.DENIAL_PRESUMPTION : ReasonCode.PROHIBITED_IF_CONTROLLED,
                line.lineNo(), line.entry().controlNumber(), m.id(), m.legalBasis(),
                m.title() + ": licences are in principle not granted and none covers this line", line.evidence());
    }
}
