package io.dualuse.screening.rescreen;

import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.decision.DecisionStatus;
import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.pipeline.ScreeningStage;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.wire.DecisionEvents;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

import java.util.concurrent.CompletionStage;

/**
 * Publishes decisions made outside the order stream (re-screening after a licence or ruleset
 * change, reviews) to the audit topic and to the logistics topic for their status, keyed by
 * orderId. The stream's own decisions are written by {@link ScreeningStage} in its transaction.
 * The returned stage completes when the broker has acknowledged every write.
 */
@ApplicationScoped
public class DecisionPublisher {


    private final Emitter<Record<String, ScreeningDecision>> decisions;
    private final Emitter<Record<String, ScreeningDecision>> releases;
    private final Emitter<Record<String, ScreeningDecision>> holds;

    public DecisionPublisher(@Channel(Topics.DECISIONS_OUT) Emitter<Record<String, ScreeningDecision>> decisions,
                             @Channel(Topics.RELEASES_OUT) Emitter<Record<String, ScreeningDecision>> releases,
                             @Channel(Topics.HOLDS_OUT) Emitter<Record<String, ScreeningDecision>> holds) {
        this.decisions = decisions;
        this.releases = releases;
        this.holds = holds;
    }

    /**
     * Publishes a decision to the audit topic only: an open hold screened again under a new ruleset
     * with the same outcome, which warehouses and carriers have nothing to act on.
     */
    public CompletionStage<Void> publishToAudit(Decision decision) {
        return decisions.send(Record.of(decision.orderId(), DecisionEvents.toEvent(decision)));
    }

    /**
     * Publishes a decision that resolves or changes a hold. A RELEASE is also written to the holds
     * topic, so that whoever tracks holds there sees it closed.
     */
    public CompletionStage<Void> publish(Decision decision) {
        ScreeningDecision event = DecisionEvents.toEvent(decision);
        Record<String, ScreeningDecision> record = Record.of(decision.orderId(), event);
        CompletionStage<Void> audit = decisions.send(record);
        boolean released = decision.status() == DecisionStatus.RELEASE;
        CompletionStage<Void> logistics = (released ? releases : holds).send(record);
        CompletionStage<Void> all = audit.thenCombine(logistics, (a, b) -> null);
        if (released) {
            all = all.thenCombine(holds.send(record), (a, b) -> null);
        }
        return all;
    }
}
