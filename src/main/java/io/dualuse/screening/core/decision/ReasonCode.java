package io.dualuse.screening.core.decision;

/**
 * Stable reason codes. Warehouses and dashboards key on them, so a code is never renamed; each
 * carries the status it gives a line.
 */
public enum ReasonCode {
    NOT_CONTROLLED(DecisionStatus.RELEASE),
    OUTSIDE_JURISDICTION(DecisionStatus.RELEASE),
    CONTROL_SUSPENDED(DecisionStatus.RELEASE),
    /** A listed item that no measure of the ruleset restricts for this export (a licence needed only for other destinations). */
    NO_MEASURE_APPLIES(DecisionStatus.RELEASE),
    MEASURE_SUSPENDED(DecisionStatus.RELEASE),
    LICENSED(DecisionStatus.RELEASE),
    NAMED_LICENSE_NOT_APPLICABLE(DecisionStatus.RELEASE),
    /** A party matched a listed entity that an officer has found it is not (finding, officer and reason in the evidence). */
    PARTY_NOT_LISTED(DecisionStatus.RELEASE),
    /** A compliance officer released a held order. */
    REVIEW_RELEASE(DecisionStatus.RELEASE),
    /** A compliance officer released an order the rules rejected, with a reason (audited). */
    OVERRIDE_RELEASE(DecisionStatus.RELEASE),
    /** A compliance officer rejected a held order. */
    REVIEW_REJECT(DecisionStatus.REJECT),
    LICENSE_REQUIRED(DecisionStatus.HOLD),
    CLASSIFICATION_REVIEW(DecisionStatus.HOLD),
    PROHIBITED_IF_CONTROLLED(DecisionStatus.HOLD),
    ENHANCED_REVIEW(DecisionStatus.HOLD),
    END_USE_RED_FLAG(DecisionStatus.HOLD),
    MISSING_DATA(DecisionStatus.HOLD),
    UNKNOWN_UNIT(DecisionStatus.HOLD),
    SUSPENSION_STATUS_UNCONFIRMED(DecisionStatus.HOLD),
    /** The export date is further in the past than the policy allows: back-dated orders are reviewed. */
    EXPORT_DATE_PAST(DecisionStatus.HOLD),
    RULESET_STALE(DecisionStatus.HOLD),
    /** The service failed on this order: it is held, never released, and ops are alerted by the log. */
    INTERNAL_ERROR(DecisionStatus.HOLD),
    /** A party may be a listed entity (a possible match, a listing whose measures are suspended or ceased, a licence on file for a controlled entity): an officer decides. */
    LISTED_PARTY_REVIEW(DecisionStatus.HOLD),
    /** A party is on MOFCOM's watch list: end user and end use are verified before a dual-use line ships. */
    WATCH_LIST_PARTY(DecisionStatus.HOLD),
    /** A party is on the Unreliable Entity List: China-related import and export with it are prohibited. */
    UNRELIABLE_ENTITY(DecisionStatus.REJECT),
    DENIAL_PRESUMPTION(DecisionStatus.REJECT),
    PROHIBITED(DecisionStatus.REJECT);

    private final DecisionStatus outcome;

    ReasonCode(DecisionStatus outcome) {
        this.outcome = outcome;
    }

    public DecisionStatus outcome() {
        return outcome;
    }
}
