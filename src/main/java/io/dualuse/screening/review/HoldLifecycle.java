package io.dualuse.screening.review;

import io.dualuse.screening.decision.Decision;
import io.dualuse.screening.decision.DecisionEvents;
import io.dualuse.screening.decision.DecisionLog;
import io.dualuse.screening.decision.DecisionPublisher;
import io.dualuse.screening.decision.DecisionStatus;
import io.dualuse.screening.decision.Evidence;
import io.dualuse.screening.decision.Reason;
import io.dualuse.screening.decision.ReasonCode;
import io.dualuse.screening.license.LicenseBook;
import io.dualuse.screening.license.LicenseChanged;
import io.dualuse.screening.ops.CompactedTopicTail;
import io.dualuse.screening.ops.PartitionOwnership;
import io.dualuse.screening.order.Order;
import io.dualuse.screening.order.OrderEvents;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.review.event.HoldEvent;
import io.dualuse.screening.review.event.HoldRecord;
import io.dualuse.screening.review.event.ReviewAction;
import io.dualuse.screening.review.event.ReviewRecord;
import io.dualuse.screening.rules.ActiveRuleset;
import io.dualuse.screening.rules.Ruleset;
import io.dualuse.screening.rules.RulesetActivations;
import io.dualuse.screening.wire.AvroCodec;
import io.dualuse.screening.wire.WireFormat;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The life of a HOLD: opened when an order is held, re-screened when a licence it may need is
 * registered or changed, closed when a new decision releases it or a compliance officer reviews it.
 * Open holds are state on the compacted topic {@code screening.holds.state.v1} (tombstone when
 * resolved), rebuilt from it at start-up.
 */
@ApplicationScoped
public class HoldLifecycle implements RulesetActivations.Rescreening {

    public static final String HOLDS_STATE_OUT = "holds-state-out";
    public static final String REVIEWS_OUT = "reviews-out";
    private static final Logger LOG = Logger.getLogger(HoldLifecycle.class);
    private static final Logger DECISIONS_LOG = Logger.getLogger("screening.decisions");

    private final HoldBook book = new HoldBook();
    private final HoldPayloads payloads;
    /** Released orders whose export date has not passed: a new ruleset may have to hold them again. */
    private final ReleasedOrders releasedNotShipped;
    private final ActiveRuleset rules;
    private final LicenseBook licenses;
    private final DecisionPublisher publisher;
    private final DecisionLog decisionLog;
    private final PartitionOwnership ownership;
    private final Emitter<Record<String, HoldRecord>> stateOut;
    private final Emitter<Record<String, ReviewRecord>> reviewsOut;
    private final WireFormat wire;
    private final Clock clock;
    private CompactedTopicTail tail;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    public HoldLifecycle(ActiveRuleset rules, LicenseBook licenses, DecisionPublisher publisher, DecisionLog decisionLog,
                         PartitionOwnership ownership,
                         @Channel(HOLDS_STATE_OUT) Emitter<Record<String, HoldRecord>> stateOut,
                         @Channel(REVIEWS_OUT) Emitter<Record<String, ReviewRecord>> reviewsOut, WireFormat wire,
                         HoldPayloads payloads, MeterRegistry registry, Clock clock,
                         @ConfigProperty(name = "screening.released.max-orders", defaultValue = "10000") int maxReleased) {
        this.clock = clock;
        this.payloads = payloads;
        this.releasedNotShipped = new ReleasedOrders(this.payloads, maxReleased, clock);
        Gauge.builder("screening.released.watched", releasedNotShipped, ReleasedOrders::size)
                .description("Released orders not yet shipped that a ruleset activation would re-screen").register(registry);
        FunctionCounter.builder("screening.released.forgotten", releasedNotShipped, ReleasedOrders::forgotten)
                .description("Released orders pushed out of that watch before their export date (raise screening.released.max-orders)")
                .register(registry);
        this.wire = wire;
        this.rules = rules;
        this.licenses = licenses;
        this.publisher = publisher;
        this.decisionLog = decisionLog;
        this.ownership = ownership;
        this.stateOut = stateOut;
        this.reviewsOut = reviewsOut;
    }

    void start(@Observes StartupEvent start,
               @io.smallrye.common.annotation.Identifier("default-kafka-broker") java.util.Map<String, Object> kafka,
               @ConfigProperty(name = "screening.topics.holds-state") String topic,
               @ConfigProperty(name = "screening.instance-id") String instanceId) {
        tail = new CompactedTopicTail(kafka, topic, this::restore, instanceId).start();
        tail.caughtUp().whenComplete((v, e) -> {
            if (e != null) {
                ready.completeExceptionally(e);
            } else {
                LOG.infof("%d open hold(s) restored", book.size());
                ready.complete(null);
            }
        });
    }

    // after the pipeline's stop (default priority); the payload store closes later still (LocalStore)
    void stop(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) ShutdownEvent stop) {
        if (tail != null) {
            tail.close();
        }
    }

    public CompletableFuture<Void> ready() {
        return ready;
    }

    public HoldBook book() {
        return book;
    }

    private void restore(String orderId, byte[] value) {
        if (value == null) {
            book.remove(orderId);
            return;
        }
        HoldRecord r = wire.decode(value, HoldRecord.class);
        Decision d = DecisionEvents.fromEvent(r.getDecision());
        List<HoldStep> history = new ArrayList<>();
        r.getHistory().forEach(s -> history.add(new HoldStep(s.getAt(), s.getKind(),
                DecisionStatus.valueOf(s.getStatus().name()), s.getActor(), s.getNote())));
        Order order = OrderEvents.toOrder(r.getOrder());
        // encoded once here for both the hold and the decision log (restoring a large backlog)
        HeldOrder.Encoded bytes = new HeldOrder.Encoded(AvroCodec.instance().encode(r.getOrder()),
                AvroCodec.instance().encode(r.getDecision()));
        book.put(new HeldOrder(order, r.getOrder(), d, bytes, r.getOpenedAt(), history, payloads));
        decisionLog.record(d, bytes.decision());
    }

    /** What a decision does to an order's hold: {@code next} null means closed; nothing to do unless {@code changed}. */
    public record Transition(String orderId, HeldOrder next, boolean changed, OrderEvent event, Decision decision) {

        /** The state-topic value: the hold, or null (a tombstone) when it is closed. */
        public HoldRecord record() {
            return next == null ? null : toRecord(orderId, event, decision, next.openedAt(), next.history());
        }

        /**
         * The same value in single-object encoding, put together from the order's and the decision's
         * bytes without encoding them again; null when closed, or when the bytes cannot be reused
         * (then {@link #record()} is encoded as usual).
         */
        public byte[] recordBytes(HeldOrder.Encoded encoded) {
            if (next == null || encoded == null) {
                return null;
            }
            return HoldStateBytes.compose(orderId, encoded.event(), encoded.decision(), next.openedAt(), steps(next.history()));
        }
    }

    /**
     * What a new decision does to an order's hold: opens or updates it (HOLD, REJECT), or closes it
     * (RELEASE; or any reviewed decision, which resolves the hold). Computed without side effects,
     * so that the state record can be written in the same Kafka transaction as the decision.
     */
    public Transition transition(OrderEvent event, Order order, Decision decision, HoldStep step, boolean resolved) {
        return transition(event, order, decision, null, step, resolved);
    }

    /** @param encoded null, or the order's and the decision's bytes (see {@link HeldOrder.Encoded}) */
    public Transition transition(OrderEvent event, Order order, Decision decision, HeldOrder.Encoded encoded, HoldStep step,
                                 boolean resolved) {
        Optional<HeldOrder> open = book.get(order.orderId());
        if (resolved || decision.status() == DecisionStatus.RELEASE) {
            return new Transition(order.orderId(), null, open.isPresent(), event, decision);
        }
        List<HoldStep> history = new ArrayList<>(open.map(HeldOrder::history).orElse(List.of()));
        history.add(step);
        Instant openedAt = open.map(HeldOrder::openedAt).orElse(step.at());
        HeldOrder hold = new HeldOrder(order, event, decision, encoded, openedAt, history, payloads);
        return new Transition(order.orderId(), hold, true, event, decision);
    }

    /** Remembers a released order until its export date, so that a ruleset change can re-screen it. */
    public void released(OrderEvent event, Order order, Decision decision) {
        released(event, order, decision, null);
    }

    private void released(OrderEvent event, Order order, Decision decision, HeldOrder.Encoded encoded) {
        if (decision.status() == DecisionStatus.RELEASE && !order.exportDate().isBefore(java.time.LocalDate.now(clock))) {
            releasedNotShipped.put(order, HeldOrder.Encoded.of(encoded, event, decision));
        } else {
            releasedNotShipped.remove(order.orderId());
        }
    }

    /**
     * A new ruleset is in force: re-screens every open hold this instance owns and every released
     * order not yet shipped; publishes the decisions that change (a release may become a hold).
     */
    @Override
    public CompletionStage<Integer> rulesetActivated(String version, String actor) {
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        List<HeldOrder> candidates = new ArrayList<>(book.all());
        candidates.addAll(releasedNotShipped.notShippedAsOf(today));
        candidates.removeIf(h -> !ownership.owns(h.exporterId()));
        return rescreen(candidates, "ruleset " + version + " activated", actor);
    }

    /**
     * A day on which the rules change by themselves has come (a measure or a suspension starts or
     * ends, rules/RulesetCalendar): re-screens every open hold this instance owns and every released
     * order not yet shipped, as an activation does; publishes the decisions that change.
     */
    public CompletionStage<Integer> calendarReached(java.time.LocalDate day) {
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        List<HeldOrder> candidates = new ArrayList<>(book.all());
        candidates.addAll(releasedNotShipped.notShippedAsOf(today));
        candidates.removeIf(h -> !ownership.owns(h.exporterId()));
        return rescreen(candidates, "the rules in force change on " + day, null);
    }

    /**
     * Applies a transition and returns how to undo it: the pipeline applies a whole batch as it
     * goes (a later order of the batch must see an earlier one) and undoes it if the batch's
     * transaction aborts.
     */
    public Runnable applyUndoably(Transition t, OrderEvent event, Order order, Decision decision, HeldOrder.Encoded encoded) {
        Optional<HeldOrder> before = book.get(t.orderId());
        apply(t);
        released(event, order, decision, encoded);
        return () -> {
            book.remove(t.orderId());
            before.ifPresent(book::put);
            // the aborted batch is read again, and its orders put back what they leave here;
            // remembering the previous release instead cost a read of its bytes for every order
            releasedNotShipped.remove(t.orderId());
        };
    }

    /** Applies a transition to the open holds of this instance (after its record is committed). */
    public void apply(Transition t) {
        if (!t.changed()) {
            return;
        }
        if (t.next() == null) {
            book.remove(t.orderId());
        } else {
            book.put(t.next());
        }
    }

    /** Writes a transition to the state topic (outside the pipeline's transaction) and applies it. */
    CompletionStage<Void> recorded(OrderEvent event, Order order, Decision decision, HoldStep step, boolean resolved) {
        Transition t = transition(event, order, decision, step, resolved);
        if (!t.changed()) {
            return CompletableFuture.completedFuture(null);
        }
        apply(t);
        return stateOut.send(Record.of(order.orderId(), t.record()));
    }

    /**
     * Partitions moved here: their open holds decided with another ruleset than the one in force are
     * screened again. Their previous owner may have stopped before it re-screened them after an
     * activation, or every instance restarted with a configured ruleset published later.
     */
    void onExportersAssigned(@ObservesAsync PartitionOwnership.ExportersAssigned assigned) {
        Ruleset inForce = rules.screener().ruleset();
        List<HeldOrder> stale = book.all().stream()
                .filter(h -> !inForce.contentHash().equals(h.decision().rulesetHash()) && ownership.owns(h.exporterId()))
                .toList();
        if (!stale.isEmpty()) {
            LOG.infof("%d open hold(s) of partitions %s were decided with another ruleset than %s: screening them again",
                    stale.size(), assigned.partitions(), inForce.version());
            rescreen(stale, "ruleset " + inForce.version() + " in force when partitions " + assigned.partitions()
                    + " moved here", null).toCompletableFuture().join();
        }
    }

    void onLicenseChanged(@ObservesAsync LicenseChanged change) {
        // with several instances, the one that owns the exporter's partition re-screens its holds
        List<HeldOrder> affected = book.affectedBy(change.license(), change.previous()).stream()
                .filter(h -> ownership.owns(h.exporterId())).toList();
        if (!affected.isEmpty()) {
            rescreen(affected, "licence " + change.licenseNumber() + (change.license() == null ? " deleted" : " registered"),
                    change.actor()).toCompletableFuture().join();
        }
    }

    /**
     * Screens open holds again (licence or ruleset change); publishes the decisions that changed, and
     * for an open hold with the same outcome under another ruleset, its new decision on the audit
     * topic only. Returns how many changed.
     */
    public synchronized CompletionStage<Integer> rescreen(List<HeldOrder> holds, String note, String actor) {
        List<CompletableFuture<Void>> published = new ArrayList<>();
        int changed = 0;
        for (HeldOrder h : holds) {
            Optional<HeldOrder> open = book.get(h.orderId());
            boolean current = open.map(o -> o.orderVersion() == h.orderVersion())
                    .orElseGet(() -> releasedNotShipped.isCurrent(h.orderId(), h.orderVersion()));
            if (!current) {
                continue; // resolved or amended meanwhile
            }
            // judged as of the day the order first came in: how far back its export date lay was known then
            LicenseBook.Screened s = licenses.screen(rules.screener(), h.order(),
                    java.time.LocalDate.ofInstant(h.openedAt(), java.time.ZoneOffset.UTC));
            Decision d = s.decision();
            Decision before = h.decision(); // read from the payload store once
            boolean same = sameOutcome(d, before);
            if (same && (open.isEmpty() || d.rulesetHash().equals(before.rulesetHash()))) {
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
                    .thenCompose(x -> recorded(h.event(), h.order(), d, step, false))
                    .thenRun(() -> {
                        decisionLog.record(d);
                        if (!same) {
                            released(h.event(), h.order(), d);
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

    /**
     * Records a compliance officer's review and publishes the resulting decision. A REJECT by the
     * rules (a prohibition) is released only with {@code override} and a reason; every override is
     * in the audit log (the review topic and the decision's reasons).
     */
    public synchronized CompletionStage<Decision> review(String orderId, ReviewAction action, String reason, String reviewer,
                                                         boolean override, String recordedBy) {
        HeldOrder h = book.get(orderId).orElseThrow(() -> new ReviewException(404, "order " + orderId + " has no open hold"));
        if (reason == null || reason.isBlank()) {
            throw new ReviewException(400, "a review needs a reason");
        }
        if (reviewer == null || reviewer.isBlank()) {
            throw new ReviewException(400, "a review needs the reviewer's name");
        }
        boolean rejectedByRules = h.decision().status() == DecisionStatus.REJECT;
        if (action == ReviewAction.RELEASE && rejectedByRules && !override) {
            throw new ReviewException(409, "order " + orderId + " was rejected by the rules ("
                    + h.decision().reasons().stream().filter(r -> r.outcome() == DecisionStatus.REJECT)
                    .map(r -> r.code() + (r.measureId() == null ? "" : " " + r.measureId())).distinct().toList()
                    + "); releasing it needs override: true and a reason");
        }
        Instant now = clock.instant();
        ReasonCode code = action == ReviewAction.REJECT ? ReasonCode.REVIEW_REJECT
                : rejectedByRules ? ReasonCode.OVERRIDE_RELEASE : ReasonCode.REVIEW_RELEASE;
        List<Reason> reasons = new ArrayList<>(h.decision().reasons());
        reasons.add(new Reason(code, null, null, null, null, reviewer + ": " + reason,
                List.of(Evidence.of("reviewer", reviewer), Evidence.of("recordedBy", recordedBy),
                        Evidence.of("previousStatus", h.decision().status()))));
        DecisionStatus status = action == ReviewAction.RELEASE ? DecisionStatus.RELEASE : DecisionStatus.REJECT;
        Decision d = new Decision(orderId, h.order().orderVersion(), status, reasons, List.of(),
                h.decision().rulesetVersion(), h.decision().rulesetHash(), now);
        ReviewRecord record = new ReviewRecord(orderId, h.order().orderVersion(), action, reason, reviewer, recordedBy,
                action == ReviewAction.RELEASE && rejectedByRules,
                io.dualuse.screening.decision.event.DecisionStatus.valueOf(h.decision().status().name()), now);
        HoldStep step = new HoldStep(now, "REVIEWED", status, recordedBy, reason);
        return reviewsOut.send(Record.of(orderId, record))
                .thenCompose(x -> publisher.publish(d))
                .thenCompose(x -> recorded(h.event(), h.order(), d, step, true))
                .thenApply(x -> {
                    decisionLog.record(d);
                    DECISIONS_LOG.info(DecisionEvents.summary(d) + " (reviewed by " + recordedBy + ")");
                    return d;
                });
    }

    private static HoldRecord toRecord(String orderId, OrderEvent event, Decision decision, Instant openedAt, List<HoldStep> steps) {
        return new HoldRecord(orderId, event, DecisionEvents.toEvent(decision), openedAt, steps(steps));
    }

    private static List<HoldEvent> steps(List<HoldStep> steps) {
        List<HoldEvent> history = new ArrayList<>(steps.size());
        for (HoldStep s : steps) {
            history.add(new HoldEvent(s.at(), s.kind(), io.dualuse.screening.decision.event.DecisionStatus.valueOf(s.status().name()),
                    s.actor(), s.note()));
        }
        return history;
    }
}
