package io.dualuse.screening.state;

import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.decision.DecisionStatus;
import io.dualuse.screening.core.order.Order;
import io.dualuse.screening.core.review.HoldStep;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.platform.ScreeningConfig;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.review.event.HoldEvent;
import io.dualuse.screening.review.event.HoldRecord;
import io.dualuse.screening.wire.AvroCodec;
import io.dualuse.screening.wire.DecisionEvents;
import io.dualuse.screening.wire.HoldStateBytes;
import io.dualuse.screening.wire.OrderEvents;
import io.dualuse.screening.wire.WireFormat;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
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
 * The open holds of this service, and the released orders not yet shipped: what a later decision
 * about the same order changes. A hold opens when an order is held and closes when a new decision
 * releases it or an officer reviews it. Open holds are state on the compacted topic
 * {@code screening.holds.state.v1} (tombstone when resolved), rebuilt from it at start-up. Who
 * decides again (a licence, a ruleset, the calendar, a review) is in {@code rescreen}.
 */
@ApplicationScoped
public class OpenHolds implements PartitionOwnership.PartitionState {

    private static final Logger LOG = Logger.getLogger(OpenHolds.class);

    private final HoldBook book = new HoldBook();
    private final HoldPayloads payloads;
    /** Released orders whose export date has not passed: a new ruleset may have to hold them again. */
    private final ReleasedOrders releasedNotShipped;
    private final DecisionLog decisionLog;
    private final PartitionOwnership ownership;
    private final Emitter<Record<String, HoldRecord>> stateOut;
    private final WireFormat wire;
    private final Clock clock;
    private CompactedTopicTail tail;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    public OpenHolds(DecisionLog decisionLog, PartitionOwnership ownership,
                     @Channel(Topics.HOLDS_STATE_OUT) Emitter<Record<String, HoldRecord>> stateOut, WireFormat wire,
                     HoldPayloads payloads, MeterRegistry registry, Clock clock, ScreeningConfig config) {
        int maxReleased = config.released().maxOrders();
        this.clock = clock;
        this.payloads = payloads;
        this.releasedNotShipped = new ReleasedOrders(this.payloads, maxReleased, clock);
        Gauge.builder("screening.released.watched", releasedNotShipped, ReleasedOrders::size)
                .description("Released orders not yet shipped that a ruleset activation would re-screen").register(registry);
        Gauge.builder("screening.holds.kept", book, HoldBook::size)
                .description("Open holds this instance keeps: those of the exporters whose partitions it owns").register(registry);
        FunctionCounter.builder("screening.released.forgotten", releasedNotShipped, ReleasedOrders::forgotten)
                .description("Released orders pushed out of that watch before their export date (raise screening.released.max-orders)")
                .register(registry);
        this.wire = wire;
        this.decisionLog = decisionLog;
        this.ownership = ownership;
        this.stateOut = stateOut;
    }

    void start(@Observes StartupEvent start,
               @io.smallrye.common.annotation.Identifier("default-kafka-broker") java.util.Map<String, Object> kafka,
               ScreeningConfig config) {
        // read when partitions are assigned, and then only the holds of the exporters owned here
        tail = new CompactedTopicTail(kafka, config.topic(Topics.HOLDS_STATE), this::restore, config.instanceId(), true).start();
        ownership.register(this);
    }

    @Override
    public CompletableFuture<Void> catchUp(boolean replay) {
        return tail.replay(replay).thenRun(() -> {
            LOG.infof("%d open hold(s) of the exporters kept here", book.size());
            ready.complete(null);
        });
    }

    @Override
    public CompletableFuture<Void> drop(java.util.Set<Integer> partitions) {
        return tail.inReaderThread(() -> {
            book.removeIf(h -> partitions.contains(ownership.partitionOf(h.exporterId())));
            releasedNotShipped.removeIf(hash -> partitions.contains(ownership.partitionOfHash(hash)));
        });
    }

    // after the pipeline's stop (default priority); the payload store closes later still (LocalStore)
    void stop(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) ShutdownEvent stop) {
        if (tail != null) {
            tail.close();
        }
    }

    /** Completes once the holds of this instance's first partitions are read (see {@link #catchUp}). */
    public CompletableFuture<Void> ready() {
        return ready;
    }

    public HoldBook book() {
        return book;
    }

    /**
     * Keeps the holds of the exporters this instance keeps. A replayed record (read again when
     * partitions are taken over) is taken only for the exporters being taken over: the others' holds
     * are newer here than anything replayed.
     */
    private void restore(String orderId, byte[] value, boolean replayed) {
        if (value == null) {
            if (!replayed || book.get(orderId).filter(h -> ownership.taking(h.exporterId())).isPresent()) {
                book.remove(orderId);
            }
            return;
        }
        HoldRecord r = wire.decode(value, HoldRecord.class);
        String exporter = r.getOrder().getExporter().getId();
        if (replayed ? !ownership.taking(exporter) : !ownership.keeps(exporter)) {
            if (!replayed) {
                book.remove(orderId); // an order whose exporter changed is no longer kept here
            }
            return;
        }
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

    /** Remembers a released order until its export date, so that a rules change can re-screen it. */
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

    /** The open holds and released orders not yet shipped of the exporters this instance owns: what a rules change re-screens. */
    public List<HeldOrder> ownedHoldsAndReleases() {
        List<HeldOrder> candidates = new ArrayList<>(book.all());
        candidates.addAll(releasedNotShipped.notShippedAsOf(java.time.LocalDate.now(clock)));
        candidates.removeIf(h -> !ownership.owns(h.exporterId()));
        return candidates;
    }

    /** The open holds of the exporters this instance owns that {@code filter} selects. */
    public List<HeldOrder> ownedHolds(java.util.function.Predicate<HeldOrder> filter) {
        return book.all().stream().filter(h -> ownership.owns(h.exporterId()) && filter.test(h)).toList();
    }

    /** The open holds of this instance's owned exporters that a licence change may affect. */
    public List<HeldOrder> ownedHoldsAffectedBy(io.dualuse.screening.core.license.License now,
                                                io.dualuse.screening.core.license.License before) {
        return book.affectedBy(now, before).stream().filter(h -> ownership.owns(h.exporterId())).toList();
    }

    /**
     * True while {@code h} is still the order's latest open hold or watched release: a re-screen of
     * a version resolved or amended meanwhile is skipped.
     */
    public boolean isCurrent(HeldOrder h) {
        return book.get(h.orderId()).map(o -> o.orderVersion() == h.orderVersion())
                .orElseGet(() -> releasedNotShipped.isCurrent(h.orderId(), h.orderVersion()));
    }

    /** True when the order has an open hold (not only a watched release). */
    public boolean isOpen(String orderId) {
        return book.get(orderId).isPresent();
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
    public CompletionStage<Void> recorded(OrderEvent event, Order order, Decision decision, HoldStep step, boolean resolved) {
        Transition t = transition(event, order, decision, step, resolved);
        if (!t.changed()) {
            return CompletableFuture.completedFuture(null);
        }
        apply(t);
        return stateOut.send(Record.of(order.orderId(), t.record()));
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
