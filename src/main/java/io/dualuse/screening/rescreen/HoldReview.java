package io.dualuse.screening.rescreen;

import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.review.HoldStep;
import io.dualuse.screening.core.review.ReviewException;
import io.dualuse.screening.core.review.ReviewPolicy;
import io.dualuse.screening.core.review.Verdict;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.review.event.ReviewAction;
import io.dualuse.screening.review.event.ReviewRecord;
import io.dualuse.screening.state.DecisionLog;
import io.dualuse.screening.state.HeldOrder;
import io.dualuse.screening.state.OpenHolds;
import io.dualuse.screening.wire.DecisionEvents;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * A compliance officer's review of an open hold ({@link ReviewPolicy} says what it may decide):
 * recorded on the review topic, its decision published, the hold closed.
 */
@ApplicationScoped
public class HoldReview {


    private final OpenHolds holds;
    private final DecisionPublisher publisher;
    private final DecisionLog decisionLog;
    private final Emitter<Record<String, ReviewRecord>> reviewsOut;
    private final Clock clock;

    public HoldReview(OpenHolds holds, DecisionPublisher publisher, DecisionLog decisionLog,
                      @Channel(Topics.REVIEWS_OUT) Emitter<Record<String, ReviewRecord>> reviewsOut, Clock clock) {
        this.holds = holds;
        this.publisher = publisher;
        this.decisionLog = decisionLog;
        this.reviewsOut = reviewsOut;
        this.clock = clock;
    }

    /** Records the review and publishes its decision; throws {@link ReviewException} when it cannot be recorded. */
    public synchronized CompletionStage<Decision> review(String orderId, Verdict verdict, String reason, String reviewer,
                                                         boolean override, String recordedBy) {
        HeldOrder h = holds.book().get(orderId)
                .orElseThrow(() -> new ReviewException(ReviewException.Kind.NO_OPEN_HOLD, "order " + orderId + " has no open hold"));
        Instant now = clock.instant();
        Decision held = h.decision();
        ReviewPolicy.Outcome outcome = ReviewPolicy.review(held, h.order().orderVersion(), verdict, reason, reviewer, override,
                recordedBy, now);
        Decision d = outcome.decision();
        ReviewAction action = switch (verdict) {
            case RELEASE -> ReviewAction.RELEASE;
            case REJECT -> ReviewAction.REJECT;
        };
        ReviewRecord record = new ReviewRecord(orderId, h.order().orderVersion(), action, reason, reviewer, recordedBy,
                outcome.overridesRules(), DecisionEvents.toEvent(held.status()), now);
        HoldStep step = new HoldStep(now, "REVIEWED", d.status(), recordedBy, reason);
        return reviewsOut.send(Record.of(orderId, record))
                .thenCompose(x -> publisher.publish(d))
                .thenCompose(x -> holds.recorded(h.event(), h.order(), d, step, true))
                .thenApply(x -> {
                    decisionLog.record(d);
                    Rescreener.DECISIONS_LOG.info(DecisionEvents.summary(d) + " (reviewed by " + recordedBy + ")");
                    return d;
                });
    }
}
