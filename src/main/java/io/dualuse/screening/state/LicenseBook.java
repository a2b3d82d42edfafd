package io.dualuse.screening.state;

import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.decision.DecisionStatus;
import io.dualuse.screening.core.decision.LicenseAllocation;
import io.dualuse.screening.core.license.InMemoryLicenseRegistry;
import io.dualuse.screening.core.license.License;
import io.dualuse.screening.core.license.LicenseChanged;
import io.dualuse.screening.core.order.Order;
import io.dualuse.screening.core.order.Violation;
import io.dualuse.screening.core.screening.Screener;
import io.dualuse.screening.license.event.LedgerEntry;
import io.dualuse.screening.license.event.LicenseRecord;
import io.dualuse.screening.platform.ScreeningConfig;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.wire.LicenseEvents;
import io.dualuse.screening.wire.WireFormat;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The licences and their drawdowns, kept as Kafka state: licences on the compacted topic
 * {@code screening.licenses.v1} (key licence number), draws on {@code screening.license-ledger.v1}
 * (key licence/order, so that a draw is idempotent). Every instance rebuilds both views from the
 * topics at start-up and keeps following them; nothing else needs restoring.
 *
 * <p>Screening and reserving licence quantity happen under one lock, so that two orders screened by
 * this instance can never both spend the last kilogram (see docs/architecture.md for several instances).
 */
@ApplicationScoped
public class LicenseBook implements PartitionOwnership.PartitionState {

    private static final Logger LOG = Logger.getLogger(LicenseBook.class);

    private final InMemoryLicenseRegistry registry;
    private final Emitter<Record<String, LicenseRecord>> licensesOut;
    private final Emitter<Record<String, LedgerEntry>> ledgerOut;
    private final Event<LicenseChanged> changed;
    private final WireFormat wire;
    private final List<CompactedTopicTail> tails = new ArrayList<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile CompactedTopicTail licenceTail;
    private volatile CompactedTopicTail ledgerTail;
    private final PartitionOwnership ownership;

    public LicenseBook(InMemoryLicenseRegistry registry, PartitionOwnership ownership,
                       @Channel(Topics.LICENSES_OUT) Emitter<Record<String, LicenseRecord>> licensesOut,
                       @Channel(Topics.LEDGER_OUT) Emitter<Record<String, LedgerEntry>> ledgerOut,
                       Event<LicenseChanged> changed, WireFormat wire, io.micrometer.core.instrument.MeterRegistry meters) {
        io.micrometer.core.instrument.Gauge.builder("screening.ledger.kept.orders", registry, InMemoryLicenseRegistry::drawingOrders)
                .description("Orders whose licence draws this instance keeps one by one: those of the exporters whose partitions it owns")
                .register(meters);
        this.wire = wire;
        this.registry = registry;
        this.licensesOut = licensesOut;
        this.ledgerOut = ledgerOut;
        this.changed = changed;
        this.ownership = ownership;
    }

    void start(@Observes StartupEvent start,
               @io.smallrye.common.annotation.Identifier("default-kafka-broker") java.util.Map<String, Object> kafka,
               ScreeningConfig config) {
        String licensesTopic = config.topic(Topics.LICENSES);
        String ledgerTopic = config.topic(Topics.LICENSE_LEDGER);
        CompactedTopicTail licenses = new CompactedTopicTail(kafka, licensesTopic, this::applyLicense).start();
        // the draws are read when partitions are assigned, and then only those of the exporters owned here
        CompactedTopicTail ledger = new CompactedTopicTail(kafka, ledgerTopic, this::applyDraw, null, true).start();
        tails.add(licenses);
        tails.add(ledger);
        this.licenceTail = licenses;
        this.ledgerTail = ledger;
        ownership.register(this);
        licenses.caughtUp().whenComplete((v, e) -> {
            if (e != null) {
                ready.completeExceptionally(e);
            } else {
                ready.complete(null);
            }
        });
    }

    void stop(@Observes ShutdownEvent stop) {
        tails.forEach(CompactedTopicTail::close);
    }

    /**
     * Brings the draws of the exporters kept here up to everything committed so far, by any instance;
     * with {@code replay}, reads the ledger again for the exporters being taken over. The licences
     * are caught up first: a draw is kept or not by its licence's exporter.
     */
    @Override
    public CompletableFuture<Void> catchUp(boolean replay) {
        return ready.thenCompose(v -> licenceTail.replay(false))
                .thenCompose(v -> ledgerTail.replay(replay))
                .thenRun(() -> LOG.infof("draws of %d order(s) kept here", registry.drawingOrders()));
    }

    @Override
    public CompletableFuture<Void> drop(java.util.Set<Integer> partitions) {
        return ledgerTail.inReaderThread(() -> registry.forgetDraws(l -> partitions.contains(ownership.partitionOf(l.exporterId()))));
    }

    /** Completes when the licences are restored from their topic (draws: see {@link #catchUp}). */
    public CompletableFuture<Void> ready() {
        return ready;
    }

    public InMemoryLicenseRegistry registry() {
        return registry;
    }

    /**
     * Publishes a licence to the licence topic (the source of truth) and applies it here at once,
     * so that the caller reads its own write. Completes with true when the licence was new.
     */
    public CompletionStage<Boolean> register(License license, String actor) {
        LicenseRecord record = LicenseEvents.toRecord(license, actor);
        // decided before publishing: the topic reader may apply our own record before the ack arrives
        boolean isNew = registry.find(license.licenseNumber()).isEmpty();
        return licensesOut.send(Record.of(license.licenseNumber(), record))
                .thenApply(acked -> {
                    apply(license.licenseNumber(), license, actor);
                    return isNew;
                });
    }

    private void applyLicense(String key, byte[] value) {
        if (value == null) {
            apply(key, null, null);
            return;
        }
        LicenseRecord record = wire.decode(value, LicenseRecord.class);
        List<Violation> violations = new ArrayList<>();
        License license = LicenseEvents.toLicense(record, violations);
        if (license == null) {
            LOG.errorf("licence %s on the licence topic is invalid and ignored: %s", key, violations);
            return;
        }
        apply(key, license, record.getRegisteredBy());
    }

    /** Fires {@link LicenseChanged} only when something changed, so the echo of our own write is silent. */
    private synchronized void apply(String number, License license, String actor) {
        License previous = registry.find(number).orElse(null);
        if (license == null) {
            registry.remove(number);
        } else {
            registry.put(license);
        }
        if (!Objects.equals(previous, license)) {
            changed.fireAsync(new LicenseChanged(number, license, previous, actor));
        }
    }

    /**
     * Keeps the draws on the licences of the exporters kept here. A replayed record (read again when
     * partitions are taken over) is taken only for the exporters being taken over: the others' draws
     * are newer here than anything replayed. A draw on a licence not known (yet) is kept: leaving it
     * out could let a licence be overdrawn.
     */
    private void applyDraw(String key, byte[] value, boolean replayed) {
        int slash = key.indexOf('/');
        if (slash < 0) {
            LOG.errorf("ledger key %s is not licence/order; ignored", key);
            return;
        }
        String exporter = registry.find(key.substring(0, slash)).map(License::exporterId).orElse(null);
        boolean keep = exporter == null ? !replayed : replayed ? ownership.taking(exporter) : ownership.keeps(exporter);
        if (!keep) {
            return;
        }
        if (value == null) {
            registry.undraw(key.substring(0, slash), key.substring(slash + 1));
        } else {
            LedgerEntry e = wire.decode(value, LedgerEntry.class);
            if (InMemoryLicenseRegistry.SETTLED.equals(e.getOrderId())) {
                registry.settled(e.getLicenseNumber(), new BigDecimal(e.getQuantity()), e.getOrderVersion());
            } else {
                registry.draw(e.getLicenseNumber(), e.getOrderId(), new BigDecimal(e.getQuantity()),
                        e.getExportDate() == null ? null : java.time.LocalDate.parse(e.getExportDate()));
            }
        }
    }

    /**
     * Screens an order and, atomically with it, reserves what a release draws (and frees what an
     * earlier version of the order drew). Returns the decision and the ledger changes to publish.
     */
    public synchronized Screened screen(Screener screener, Order order) {
        return screen(screener, order, java.time.LocalDate.now(screener.clock()));
    }

    /** The same, for an order that first came in on {@code receivedOn} (a hold screened again). */
    public synchronized Screened screen(Screener screener, Order order, java.time.LocalDate receivedOn) {
        Decision decision = screener.screen(order, registry, receivedOn);
        Map<String, BigDecimal> before = registry.drawsOf(order.orderId());
        java.time.LocalDate exportedBefore = registry.exportDateOf(order.orderId());
        Map<String, BigDecimal> after = new LinkedHashMap<>();
        if (decision.status() == DecisionStatus.RELEASE) {
            for (LicenseAllocation a : decision.licenseAllocations()) {
                after.merge(a.licenseNumber(), a.quantity(), BigDecimal::add);
            }
        }
        registry.release(order.orderId());
        after.forEach((number, qty) -> registry.draw(number, order.orderId(), qty, order.exportDate()));
        List<Record<String, LedgerEntry>> ledger = new ArrayList<>();
        for (String number : before.keySet()) {
            if (!after.containsKey(number)) {
                ledger.add(Record.of(number + "/" + order.orderId(), null));
            }
        }
        after.forEach((number, qty) -> {
            // a new export date alone is written too: it says when the draw is settled
            if (!qty.equals(before.get(number)) || !order.exportDate().equals(exportedBefore)) {
                String unit = registry.find(number).map(License::unit).orElse("");
                ledger.add(Record.of(number + "/" + order.orderId(),
                        new LedgerEntry(number, order.orderId(), order.orderVersion(), qty.toPlainString(), unit,
                                order.exportDate().toString())));
            }
        });
        return new Screened(decision, ledger, before, exportedBefore);
    }

    /** A decision, the ledger records it implies, and what the order drew before (to roll back). */
    public record Screened(Decision decision, List<Record<String, LedgerEntry>> ledger, Map<String, BigDecimal> drawnBefore,
                           java.time.LocalDate exportDateBefore) {
    }

    /** Undoes the reservation of a screening whose transaction was aborted. */
    public synchronized void rollback(Order order, Screened screened) {
        registry.release(order.orderId());
        screened.drawnBefore().forEach((number, qty) -> registry.draw(number, order.orderId(), qty, screened.exportDateBefore()));
    }

    /**
     * A settlement to publish: each touched licence's settled record, then the tombstones of the
     * draws it folds. Publish the records together (one transaction) or undo it.
     */
    public record Settling(InMemoryLicenseRegistry.Settlement settlement, List<Record<String, LedgerEntry>> totals,
                           List<Record<String, LedgerEntry>> tombstones) {
        public boolean isEmpty() {
            return settlement.isEmpty();
        }
    }

    /**
     * Folds the draws of orders exported before {@code exportedBefore}, on the licences of the
     * exporters {@code owns} accepts (the owner of an exporter's partition is the only one that
     * draws its licences, and so the only one that settles them), into their licences' settled
     * records: what the ledger, and every instance's memory, holds per order then grows with the
     * orders that can still change, not with history.
     */
    public synchronized Settling settle(java.time.LocalDate exportedBefore, java.util.function.Predicate<String> owns) {
        InMemoryLicenseRegistry.Settlement s = registry.settle(exportedBefore, l -> owns.test(l.exporterId()));
        List<Record<String, LedgerEntry>> totals = new ArrayList<>();
        for (InMemoryLicenseRegistry.SettledTotal t : s.totals()) {
            String unit = registry.find(t.licenseNumber()).map(License::unit).orElse("");
            totals.add(Record.of(t.licenseNumber() + "/" + InMemoryLicenseRegistry.SETTLED, new LedgerEntry(t.licenseNumber(),
                    InMemoryLicenseRegistry.SETTLED, t.orders(), t.quantity().toPlainString(), unit, null)));
        }
        List<Record<String, LedgerEntry>> tombstones = new ArrayList<>();
        for (InMemoryLicenseRegistry.OrderDraw d : s.folded()) {
            tombstones.add(Record.of(d.licenseNumber() + "/" + d.orderId(), null));
        }
        return new Settling(s, totals, tombstones);
    }

    /** Puts back a settlement that was not published. */
    public synchronized void undo(Settling settling) {
        registry.undo(settling.settlement());
    }

    /** Publishes ledger records; completes when the broker has them all. */
    public CompletionStage<Void> publish(List<Record<String, LedgerEntry>> ledger) {
        CompletableFuture<?>[] sends = ledger.stream()
                .map(r -> ledgerOut.send(r).toCompletableFuture()).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(sends);
    }
}
