package io.dualuse.screening.rescreen;

import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.decision.Reason;
import io.dualuse.screening.core.review.HoldStep;
import io.dualuse.screening.state.ActiveRuleset;
import io.dualuse.screening.state.DecisionLog;
import io.dualuse.screening.state.HeldOrder;
import io.dualuse.screening.state.LicenseBook;
import io.dualuse.screening.state.OpenHolds;
import io.dualuse.screening.wire.DecisionEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Screens open holds and released-not-shipped orders again, outside the order stream, and publishes
 * what changes. Every trigger (a licence, a ruleset, a rebalance, the calendar) comes through here.
 */
@ApplicationScoped
public class Rescreener {

    static final Logger DECISIONS_LOG = Logger.getLogger("screening.decisions");

    private final OpenHolds holds;
    private final ActiveRuleset rules;
    private final LicenseBook licenses;
    private final DecisionPublisher publisher;
    private final DecisionLog decisionLog;
    private final Clock clock;

    public Rescreener(OpenHolds holds, ActiveRuleset rules, LicenseBook licenses, DecisionPublisher publisher,
                      DecisionLog decisionLog, Clock clock) {
        this.holds = holds;
        this.rules = rules;
        this.licenses = licenses;
        this.publisher = publisher;
        this.decisionLog = decisionLog;
        this.clock = clock;
    }

    /**
     * Screens the given holds again; publishes the decisions that changed, and for an open hold with
     * the same outcome under another ruleset, its new decision on the audit topic only. Returns how
     * many changed.
     */
    public synchronized CompletionStage<Integer> rescreen(List<HeldOrder> candidates, String note, String actor) {
        List<CompletableFuture<Void>> published = new ArrayList<>();
        int changed = 0;
        for (HeldOrder h : candidates) {
            if (!holds.isCurrent(h)) {
                continue; // resolved or amended meanwhile
            }
            boolean open = holds.isOpen(h.orderId());
            // judged as of the day the order first came in: how far back its export date lay was known then
            LicenseBook.Screened s = licenses.screen(rules.screener(), h.order(), LocalDate.ofInstant(h.openedAt(), ZoneOffset.UTC));
            Decision d = s.decision();
            Decision before = h.decision(); // read from the payload store once
            boolean same = sameOutcome(d, before);
            if (same && (!open || d.rulesetHash().equals(before.rulesetHash()))) {
                // nothing to publish, but the book has drawn what the decision allocates: the ledger must say so too
                published.add(licenses.publish(s.ledger()).toCompletableFuture());
                continue;
            }
            // a changed decision goes everywhere; an open hold with the same outcome under another
            // ruleset only to the audit topic: nothing changes downstream, but the hold now cites the
            // rules in force (a review quotes them), and a later rebalance does not take it for stale
            if (!same) {
                changed++;
            }
            HoldStep step = new HoldStep(clock.instant(), "RESCREENED", d.status(), actor, same ? note + "; outcome unchanged" : note);
            published.add((same ? publisher.publishToAudit(d) : publisher.publish(d))
                    .thenCompose(x -> licenses.publish(s.ledger()))
                    .thenCompose(x -> holds.recorded(h.event(), h.order(), d, step, false))
                    .thenRun(() -> {
                        decisionLog.record(d);
                        if (!same) {
                            holds.released(h.event(), h.order(), d);
                            DECISIONS_LOG.info(DecisionEvents.summary(d) + " (re-screened: " + note + ")");
                        }
                    })
                    .toCompletableFuture());
        }
        int count = changed;
        return CompletableFuture.allOf(published.toArray(CompletableFuture[]::new)).thenApply(v -> count);
    }

    private static boolean sameOutcome(Decision a, Decision b) {
        return a.status() == b.status() && a.reasons().stream().map(Reason::code).toList()
                .equals(b.reasons().stream().map(Reason::code).toList());
    }
}
