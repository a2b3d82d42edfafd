package io.dualuse.screening.wire;

import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.decision.DecisionStatus;
import io.dualuse.screening.core.decision.Evidence;
import io.dualuse.screening.core.decision.LicenseAllocation;
import io.dualuse.screening.core.decision.Reason;
import io.dualuse.screening.core.decision.ReasonCode;
import io.dualuse.screening.decision.event.ScreeningDecision;

import java.util.ArrayList;
import java.util.List;

/** Maps a core {@link Decision} to the {@link ScreeningDecision} record published on the decision topics. */
public final class DecisionEvents {

    private DecisionEvents() {
    }

    public static ScreeningDecision toEvent(Decision d) {
        List<io.dualuse.screening.decision.event.Reason> reasons = new ArrayList<>(d.reasons().size());
        for (Reason r : d.reasons()) {
            List<io.dualuse.screening.decision.event.Evidence> evidence = new ArrayList<>(r.evidence().size());
            for (Evidence e : r.evidence()) {
                evidence.add(new io.dualuse.screening.decision.event.Evidence(e.name(), e.value()));
            }
            reasons.add(new io.dualuse.screening.decision.event.Reason(r.code().name(), toEvent(r.outcome()), r.lineNo(),
                    r.controlNumber(), r.measureId(), r.legalBasis(), r.message(), evidence));
        }
        List<io.dualuse.screening.decision.event.LicenseAllocation> allocations = new ArrayList<>();
        for (LicenseAllocation a : d.licenseAllocations()) {
            allocations.add(new io.dualuse.screening.decision.event.LicenseAllocation(a.licenseNumber(), a.lineNo(),
                    a.quantity().toPlainString(), a.unit()));
        }
        return new ScreeningDecision(d.orderId(), d.orderVersion(), toEvent(d.status()), reasons, allocations,
                d.rulesetVersion(), d.rulesetHash(), d.decidedAt());
    }

    /** The core decision back from its event form (restoring open holds from their topic). */
    public static Decision fromEvent(ScreeningDecision e) {
        List<Reason> reasons = new ArrayList<>(e.getReasons().size());
        for (io.dualuse.screening.decision.event.Reason r : e.getReasons()) {
            List<Evidence> evidence = new ArrayList<>();
            r.getEvidence().forEach(x -> evidence.add(new Evidence(x.getName(), x.getValue())));
            ReasonCode code;
            try {
                code = ReasonCode.valueOf(r.getCode());
            } catch (IllegalArgumentException unknown) {
                code = ReasonCode.CLASSIFICATION_REVIEW; // a code from a newer version: keep it held
            }
            reasons.add(new Reason(code, r.getLineNo(), r.getControlNumber(), r.getMeasureId(), r.getLegalBasis(),
                    r.getMessage(), evidence));
        }
        List<LicenseAllocation> allocations = new ArrayList<>();
        e.getLicenseAllocations().forEach(a -> allocations.add(new LicenseAllocation(a.getLicenseNumber(), a.getLineNo(),
                new java.math.BigDecimal(a.getQuantity()), a.getUnit())));
        return new Decision(e.getOrderId(), e.getOrderVersion(), DecisionStatus.valueOf(e.getStatus().name()), reasons,
                allocations, e.getRulesetVersion(), e.getRulesetHash(), e.getDecidedAt());
    }

    public static io.dualuse.screening.decision.event.DecisionStatus toEvent(DecisionStatus s) {
        return io.dualuse.screening.decision.event.DecisionStatus.valueOf(s.name());
    }

    /** One readable line for logs and the demo: status, order, and the reasons that decided it. */
    public static String summary(Decision d) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-7s order %s v%d", d.status(), d.orderId(), d.orderVersion()));
        String sep = " : ";
        for (Reason r : d.reasons()) {
            if (r.outcome() != d.status()) {
                continue;
            }
            sb.append(sep).append(r.code());
            if (r.lineNo() != null) {
                sb.append(" line ").append(r.lineNo());
            }
            if (r.controlNumber() != null) {
                sb.append(' ').append(r.controlNumber());
            }
            if (r.measureId() != null) {
                sb.append(" [").append(r.measureId()).append(']');
            }
            sep = "; ";
        }
        return sb.toString();
    }
}
