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
public class LicenseBook {

    private static final Logger LOG = Logger.getLogger(LicenseBook.class);

    private final InMemoryLicenseRegistry registry;
    private final Emitter<Record<String, LicenseRecord>> licensesOut;
    private final Emitter<Record<String, LedgerEntry>> ledgerOut;
    private final Event<LicenseChanged> changed;
    private final WireFormat wire;
    private final List<CompactedTopicTail> tails = new ArrayList<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile CompactedTopicTail ledgerTail;

    public LicenseBook(InMemoryLicenseRegistry registry,
                       @Channel(Topics.LICENSES_OUT) Emitter<Record<String, LicenseRecord>> licensesOut,
                       @Channel(Topics.LEDGER_OUT) Emitter<Record<String, LedgerEntry>> ledgerOut,
                       Event<LicenseChanged> changed, WireFormat wire) {
        this.wire = wire;
        this.registry = registry;
        this.licensesOut = licensesOut;
        this.ledgerOut = ledgerOut;
        this.changed = changed;
    }

    void start(@Observes StartupEvent start,
               @io.smallrye.common.annotation.Identifier("default-kafka-broker") java.util.Map<String, Object> kafka,
               ScreeningConfig config) {
        String licensesTopic = config.topic(Topics.LICENSES);
        String ledgerTopic = config.topic(Topics.LICENSE_LEDGER);
        CompactedTopicTail licenses = new CompactedTopicTail(kafka, licensesTopic, this::applyLicense).start();
        CompactedTopicTail ledger = new CompactedTopicTail(kafka, ledgerTopic, this::applyDraw).start();
        tails.add(licenses);
        tails.add(ledger);
        this.ledgerTail = ledger;
        CompletableFuture.allOf(licenses.caughtUp(), ledger.caughtUp()).whenComplete((v, e) -> {
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

    /** Blocks until every draw committed so far, by any instance, is in this instance's view. */
    public void awaitLedgerCaughtUp() {
        ready.join();
        ledgerTail.awaitCaughtUpToLatest(java.time.Duration.ofSeconds(30));
    }

    /** Completes when licences and ledger are restored from their topics. */
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

    private void applyDraw(String key, byte[] value) {
        int slash = key.indexOf('/');
        if (slash < 0) {
            LOG.errorf("ledger key %s is not licence/order; ignored", key);
            return;
        }
        if (value == null) {
            registry.undraw(key.substring(0, slash), key.substring(slash + 1));
        } else {
            LedgerEntry e = wire.decode(value, LedgerEntry.class);
            registry.draw(e.getLicenseNumber(), e.getOrderId(), new BigDecimal(e.getQuantity()));
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
        Map<String, BigDecimal> after = new LinkedHashMap<>();
        if (decision.status() == DecisionStatus.RELEASE) {
            for (LicenseAllocation a : decision.licenseAllocations()) {
                after.merge(a.licenseNumber(), a.quantity(), BigDecimal::add);
            }
        }
        registry.release(order.orderId());
        after.forEach((number, qty) -> registry.draw(number, order.orderId(), qty));
        List<Record<String, LedgerEntry>> ledger = new ArrayList<>();
        for (String number : before.keySet()) {
            if (!after.containsKey(number)) {
                ledger.add(Record.of(number + "/" + order.orderId(), null));
            }
        }
        after.forEach((number, qty) -> {
            if (!qty.equals(before.get(number))) {
                String unit = registry.find(number).map(License::unit).orElse("");
                ledger.add(Record.of(number + "/" + order.orderId(),
                        new LedgerEntry(number, order.orderId(), order.orderVersion(), qty.toPlainString(), unit)));
            }
        });
        return new Screened(decision, ledger, before);
    }

    /** A decision, the ledger records it implies, and what the order drew before (to roll back). */
    public record Screened(Decision decision, List<Record<String, LedgerEntry>> ledger, Map<String, BigDecimal> drawnBefore) {
    }

    /** Undoes the reservation of a screening whose transaction was aborted. */
    public synchronized void rollback(Order order, Screened screened) {
        registry.release(order.orderId());
        screened.drawnBefore().forEach((number, qty) -> registry.draw(number, order.orderId(), qty));
    }

    /** Publishes ledger records; completes when the broker has them all. */
    public CompletionStage<Void> publish(List<Record<String, LedgerEntry>> ledger) {
        CompletableFuture<?>[] sends = ledger.stream()
                .map(r -> ledgerOut.send(r).toCompletableFuture()).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(sends);
    }
}
