package io.dualuse.screening.core.review;

import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.decision.DecisionStatus;
import io.dualuse.screening.core.decision.Evidence;
import io.dualuse.screening.core.decision.Reason;
import io.dualuse.screening.core.decision.ReasonCode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What an officer's review of a hold may decide. A review needs a reason and a reviewer. A REJECT
 * by the rules (a prohibition) is released only with {@code override}: the released decision then
 * says OVERRIDE_RELEASE, so that every override is in the audit log. The review's decision keeps
 * every reason of the decision it resolves and adds the review as the last one.
 */
public final class ReviewPolicy {

    private ReviewPolicy() {
    }

    /** A checked review: the decision it publishes, and whether it overrides a REJECT by the rules. */
    public record Outcome(Decision decision, boolean overridesRules) {
    }

    /**
     * @param held       the decision of the open hold under review
     * @param recordedBy the logged-in user who records the review (the reviewer may be someone else)
     * @throws ReviewException when the review is incomplete or releases a REJECT without override
     */
    public static Outcome review(Decision held, long orderVersion, Verdict verdict, String reason, String reviewer,
                                 boolean override, String recordedBy, Instant now) {
        if (reason == null || reason.isBlank()) {
            throw new ReviewException(ReviewException.Kind.INCOMPLETE, "a review needs a reason");
        }
        if (reviewer == null || reviewer.isBlank()) {
            throw new ReviewException(ReviewException.Kind.INCOMPLETE, "a review needs the reviewer's name");
        }
        boolean rejectedByRules = held.status() == DecisionStatus.REJECT;
        if (verdict == Verdict.RELEASE && rejectedByRules && !override) {
            throw new ReviewException(ReviewException.Kind.NEEDS_OVERRIDE, "order " + held.orderId() + " was rejected by the rules ("
                    + held.reasons().stream().filter(r -> r.outcome() == DecisionStatus.REJECT)
                    .map(r -> r.code() + (r.measureId() == null ? "" : " " + r.measureId())).distinct().toList()
                    + "); releasing it needs override: true and a reason");
        }
        ReasonCode code = switch (verdict) {
            case REJECT -> ReasonCode.REVIEW_REJECT;
            case RELEASE -> rejectedByRules ? ReasonCode.OVERRIDE_RELEASE : ReasonCode.REVIEW_RELEASE;
        };
        DecisionStatus status = switch (verdict) {
            case RELEASE -> DecisionStatus.RELEASE;
            case REJECT -> DecisionStatus.REJECT;
        };
        List<Reason> reasons = new ArrayList<>(held.reasons());
        reasons.add(new Reason(code, null, null, null, null, reviewer + ": " + reason,
                List.of(Evidence.of("reviewer", reviewer), Evidence.of("recordedBy", recordedBy),
                        Evidence.of("previousStatus", held.status()))));
        Decision d = new Decision(held.orderId(), orderVersion, status, reasons, List.of(),
                held.rulesetVersion(), held.rulesetHash(), now);
        return new Outcome(d, verdict == Verdict.RELEASE && rejectedByRules);
    }
}
