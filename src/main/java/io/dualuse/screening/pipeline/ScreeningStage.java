package io.dualuse.screening.pipeline;

import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.decision.DecisionStatus;
import io.dualuse.screening.core.decision.Evidence;
import io.dualuse.screening.core.decision.Reason;
import io.dualuse.screening.core.decision.ReasonCode;
import io.dualuse.screening.core.order.Order;
import io.dualuse.screening.core.review.HoldStep;
import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.license.event.LedgerEntry;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.platform.ScreeningConfig;
import io.dualuse.screening.platform.ScreeningMetrics;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.state.ActiveRuleset;
import io.dualuse.screening.state.CompactedTopicTail;
import io.dualuse.screening.state.DecisionLog;
import io.dualuse.screening.state.HeldOrder;
import io.dualuse.screening.state.LicenseBook;
import io.dualuse.screening.state.OpenHolds;
import io.dualuse.screening.wire.AvroCodec;
import io.dualuse.screening.wire.DecisionEvents;
import io.dualuse.screening.wire.OrderEvents;
import io.dualuse.screening.wire.WireFormat;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Screens the orders of the exporters this instance owns and adds to the poll's {@link Batch}
 * everything a decision implies: the decision on the audit topic and on the releases or holds
 * topic, the licence draws on the ledger, and the open-hold state. The pipeline writes a batch in
 * one Kafka transaction with the consumer offsets, so a {@code read_committed} reader sees each
 * order version's decision exactly once, whatever crashes in between.
 *
 * <p>Orders of a batch are screened in order, each seeing the licence draws and holds of the ones
 * before it; if the transaction aborts, the batch undoes all of that locally and is read again.
 */
@ApplicationScoped
public class ScreeningStage {

    private static final Logger LOG = Logger.getLogger(ScreeningStage.class);
    private static final Logger DECISIONS_LOG = Logger.getLogger("screening.decisions");

    private final ActiveRuleset rules;
    private final LicenseBook licenses;
    private final OpenHolds holds;
    private final DecisionLog decisionLog;
    private final ScreeningMetrics metrics;
    private final Destinations topics;
    private final byte[] instanceId;
    private final WireFormat wire;
    private final int maxRecordBytes;

    /** Where each kind of record goes (configurable topic names). */
    public record Destinations(String decisions, String releases, String holds, String ledger, String holdsState,
                         String deadLetters) {
    }

    public ScreeningStage(ActiveRuleset rules, LicenseBook licenses, OpenHolds holds, DecisionLog decisionLog,
                          ScreeningMetrics metrics, ScreeningConfig config, WireFormat wire) {
        this.wire = wire;
        this.maxRecordBytes = config.pipeline().maxRecordBytes();
        this.rules = rules;
        this.licenses = licenses;
        this.holds = holds;
        this.decisionLog = decisionLog;
        this.metrics = metrics;
        this.topics = new Destinations(config.topic(Topics.DECISIONS), config.topic(Topics.RELEASES), config.topic(Topics.HOLDS),
                config.topic(Topics.LICENSE_LEDGER), config.topic(Topics.HOLDS_STATE), config.topic(Topics.ORDERS_DLQ));
        this.instanceId = config.instanceId().getBytes(StandardCharsets.UTF_8);
    }

    /** A record of the routed topic: checked by the intake already, so only decoded here. */
    public void screen(ConsumerRecord<String, byte[]> r, Batch batch) {
        long started = System.nanoTime();
        OrderEvent event;
        Order order;
        try {
            event = wire.decode(r.value(), OrderEvent.class);
            order = OrderEvents.toOrder(event);
        } catch (RuntimeException e) {
            failed(r, null, e, batch);
            return;
        }
        screen(r, event, order, started, batch);
    }

    /** An order the intake has just checked. */
    public void screen(ConsumerRecord<String, byte[]> r, OrderEvent event, Order order, long started, Batch batch) {
        List<Runnable> undo = new ArrayList<>(3);
        try {
            // in single-object mode the record's bytes are the order's stored form as they are
            byte[] eventBytes = wire.isSingleObject() ? r.value() : AvroCodec.instance().encode(event);
            screenOne(event, eventBytes, order, started, batch, undo);
            undo.forEach(batch::onAbort);
        } catch (OutputTooLarge e) {
            // the topic would refuse the record and abort the whole batch, again on every retry
            undoAll(undo);
            LOG.errorf("order record %s-%d@%d: %s; dead-lettered and held", r.topic(), r.partition(), r.offset(), e.getMessage());
            deadLetter(r, "OUTPUT_TOO_LARGE", e.getMessage(), batch);
            hold(event, e, batch);
        } catch (RuntimeException e) {
            // never lose an order and never release on a failure: undo what it changed, hold it with the error
            undoAll(undo);
            LOG.errorf(e, "order record %s-%d@%d could not be screened; it is held", r.topic(), r.partition(), r.offset());
            failed(r, event, e, batch);
        }
    }

    private void screenOne(OrderEvent event, byte[] eventBytes, Order order, long started, Batch batch, List<Runnable> undo) {
        Optional<Long> prior = decisionLog.latestVersion(order.orderId());
        if (prior.isPresent() && prior.get() >= order.orderVersion()) {
            LOG.debugf(prior.get() > order.orderVersion()
                            ? "order %s v%d ignored: v%d was already decided (late, older version)"
                            : "order %s v%d already decided as v%d: re-delivery not screened again",
                    order.orderId(), order.orderVersion(), prior.get());
            return;
        }

        LicenseBook.Screened s = licenses.screen(rules.screener(), order);
        undo.add(() -> licenses.rollback(order, s));
        Decision decision = s.decision();
        // encoded once, for the audit and logistics topics and the hold or released order: Avro
        // encoding was the biggest share of the pipeline's CPU in a profile under load
        ScreeningDecision record = DecisionEvents.toEvent(decision);
        byte[] encoded = AvroCodec.instance().encode(record);
        checkSize("the decision", encoded.length);
        HeldOrder.Encoded bytes = new HeldOrder.Encoded(eventBytes, encoded);
        HoldStep step = new HoldStep(decision.decidedAt(), "SCREENED", decision.status(), null, null);
        OpenHolds.Transition hold = holds.transition(event, order, decision, bytes, step, false);
        if (hold.changed()) {
            checkSize("the open-hold state (order and decision)", eventBytes.length + encoded.length);
        }
        undo.add(holds.applyUndoably(hold, event, order, decision, bytes));
        undo.add(decisionLog.recordUndoably(decision));

        boolean released = decision.status() == DecisionStatus.RELEASE;
        // bytes pass the serializer unchanged; in registry mode it encodes the record with its schema id
        Object value = wire.isSingleObject() ? encoded : record;
        // the decision log keeps where the decision is on the audit topic, not a copy of it
        batch.write(to(topics.decisions(), order.orderId(), value),
                at -> decisionLog.published(order.orderId(), order.orderVersion(), at.partition(), at.offset()));
        batch.write(to(released ? topics.releases() : topics.holds(), order.orderId(), value));
        if (released && hold.changed()) {
            batch.write(to(topics.holds(), order.orderId(), value)); // the release closes an earlier hold
        }
        for (Record<String, LedgerEntry> draw : s.ledger()) {
            batch.write(to(topics.ledger(), draw.key(), draw.value()));
        }
        if (hold.changed()) {
            // tagged with this instance, so that its own hold-state reader skips what it already applied
            RecordHeaders headers = new RecordHeaders();
            headers.add(CompactedTopicTail.WRITER_HEADER, instanceId);
            Object state = wire.isSingleObject() ? hold.recordBytes(bytes) : null;
            batch.write(new ProducerRecord<>(topics.holdsState(), null, order.orderId(), state != null ? state : hold.record(), headers));
        }
        batch.onCommit(() -> reportDecided(decision, started));
    }

    private void reportDecided(Decision decision, long started) {
        metrics.screened(decision, System.nanoTime() - started);
        if (DECISIONS_LOG.isInfoEnabled()) {
            DECISIONS_LOG.info(DecisionEvents.summary(decision));
        }
    }

    /** A decided order's output the topics would refuse ({@code screening.pipeline.max-record-bytes}). */
    static final class OutputTooLarge extends RuntimeException {
        OutputTooLarge(String message) {
            super(message, null, false, false);
        }
    }

    private void checkSize(String what, int bytes) {
        if (bytes > maxRecordBytes) {
            throw new OutputTooLarge(what + " is " + bytes + " bytes, over the " + maxRecordBytes
                    + "-byte record limit (screening.pipeline.max-record-bytes)");
        }
    }

    private static void undoAll(List<Runnable> undo) {
        for (int i = undo.size() - 1; i >= 0; i--) {
            undo.get(i).run();
        }
    }

    /** The record as it came, to the dead-letter topic, with the code, the reason and where it came from. */
    void deadLetter(ConsumerRecord<String, byte[]> r, String code, String reason, Batch batch) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(OrderIntake.HEADER_CODE, code.getBytes(StandardCharsets.UTF_8));
        headers.add(OrderIntake.HEADER_REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(OrderIntake.HEADER_TOPIC, r.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(OrderIntake.HEADER_PARTITION, String.valueOf(r.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add(OrderIntake.HEADER_OFFSET, String.valueOf(r.offset()).getBytes(StandardCharsets.UTF_8));
        batch.write(new ProducerRecord<>(topics.deadLetters(), null, r.key(), r.value(), headers));
        batch.onCommit(() -> metrics.deadLettered(code));
    }

    /** A HOLD for an order the service failed on; bytes it cannot even decode go to the dead-letter topic. */
    private void failed(ConsumerRecord<String, byte[]> r, OrderEvent event, RuntimeException e, Batch batch) {
        if (event == null) {
            LOG.errorf(e, "routed record %s-%d@%d is unreadable; dead-lettered", r.topic(), r.partition(), r.offset());
            deadLetter(r, "INTERNAL_ERROR", String.valueOf(e), batch);
            return;
        }
        hold(event, e, batch);
    }

    /** A small HOLD decision with the error, so that the warehouse hears of the order however large it is. */
    private void hold(OrderEvent event, RuntimeException e, Batch batch) {
        long started = System.nanoTime();
        Decision held = new Decision(event.getOrderId(), event.getOrderVersion(), DecisionStatus.HOLD,
                List.of(new Reason(ReasonCode.INTERNAL_ERROR, null, null, null, null,
                        "the service failed on this order; it is held until ops and compliance look at it", List.of(
                                Evidence.of("error", String.valueOf(e))))),
                List.of(), rules.screener().ruleset().version(), rules.screener().ruleset().contentHash(), Instant.now());
        var record = DecisionEvents.toEvent(held);
        batch.write(to(topics.decisions(), held.orderId(), record));
        batch.write(to(topics.holds(), held.orderId(), record));
        batch.onCommit(() -> reportDecided(held, started));
    }

    private static ProducerRecord<String, Object> to(String topic, String key, Object value) {
        return new ProducerRecord<>(topic, key, value);
    }
}
