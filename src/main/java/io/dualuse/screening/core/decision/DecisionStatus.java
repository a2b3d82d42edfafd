package io.dualuse.screening.core.decision;

/** Ordered by severity: an order takes the worst status of its reasons. */
public enum DecisionStatus {
    RELEASE, HOLD, REJECT;

    public DecisionStatus worst(DecisionStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
