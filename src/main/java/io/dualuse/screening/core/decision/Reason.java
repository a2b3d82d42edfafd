package io.dualuse.screening.core.decision;

import java.util.List;

/**
 * One reason of a decision, complete enough for a compliance officer to defend it years later:
 * which line, which catalog entry, which measure and law, in words, and the facts used.
 *
 * @param lineNo null for order-level reasons (stale ruleset, end-use red flag)
 */
public record Reason(ReasonCode code, Integer lineNo, String controlNumber, String measureId,
                     String legalBasis, String message, List<Evidence> evidence) {

    public Reason {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    public DecisionStatus outcome() {
        return code.outcome();
    }
}
