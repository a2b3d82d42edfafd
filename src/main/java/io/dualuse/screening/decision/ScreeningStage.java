package io.dualuse.screening.decision;

import io.dualuse.screening.license.LicenseBook;
import io.dualuse.screening.license.event.LedgerEntry;
import io.dualuse.screening.ops.ScreeningMetrics;
import io.dualuse.screening.order.Order;
import io.dualuse.screening.order.OrderEvents;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.review.HoldLifecycle;
import io.dualuse.screening.review.HoldStep;
import io.dualuse.screening.rules.ActiveRuleset;
import io.dualuse.screening.wire.AvroCodec;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.transactions.KafkaTransactions;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Stage 2 of the pipeline: screens the orders of the exporters whose partitions this instance
 * owns and writes, in one Kafka transaction with the consumer offsets, everything the decisions
 * imply: each decision on the audit topic and on the releases or holds topic, the licence draws on
 * the ledger, and the open-hold state. A consumer reading with {@code isolation.level=read_committed}
 * sees each order version's decision exactly once, whatever crashes in between.
 *
 * <p>One poll is one transaction. Orders of a batch are screened in order, each seeing the licence
 * draws and holds of the ones before it; if the transaction aborts, all of that is undone locally
 * and the batch is read again.
 */
@ApplicationScoped
public class ScreeningStage {

    public static final String ROUTED_IN = "routed-in";
    public static final String SCREENING_OUT = "screening-out";
    private static final Logger LOG = Logger.getLogger(ScreeningStage.class);
    private static final Logger DECISIONS_LOG = Logger.getLogger("screening.decisions");

    private final ActiveRuleset rules;
    private final LicenseBook licenses;
    private final HoldLifecycle holds;
    private final DecisionLog decisionLog;
    private final ScreeningMetrics metrics;
    private final KafkaTransactions<Object> out;
    private final Topics topics;
    private final CompletableFuture<Void> stateRestored;
    private final String instanceId;

    /** Where each kind of record goes (configurable topic names). */
    public record Topics(String decisions, String releases, String holds, String ledger, String holdsState,
                         String deadLetters) {
    }

    public ScreeningStage(ActiveRuleset rules, LicenseBook licenses, HoldLifecycle holds, DecisionLog decisionLog,
                          ScreeningMetrics metrics,
                          // a batch writes several records per order: bounded by max.poll.records, never dropped
                          @Channel(SCREENING_OUT) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) KafkaTransactions<Object> out,
                          @ConfigProperty(name = "screening.topics.decisions") String decisions,
                          @ConfigProperty(name = "screening.topics.releases") String releases,
                          @ConfigProperty(name = "screening.topics.holds") String holdsTopic,
                          @ConfigProperty(name = "screening.topics.license-ledger") String ledger,
                          @ConfigProperty(name = "screening.topics.holds-state") String holdsState,
                          @ConfigProperty(name = "screening.topics.orders-dlq") String deadLetters,
                          @ConfigProperty(name = "screening.instance-id") String instanceId) {
        this.instanceId = instanceId;
        this.rules = rules;
        this.licenses = licenses;
        this.holds = holds;
        this.decisionLog = decisionLog;
        this.metrics = metrics;
        this.out = out;
        this.topics = new Topics(decisions, releases, holdsTopic, ledger, holdsState, deadLetters);
        // no order is screened before licences, ledger and open holds are restored from their topics
        this.stateRestored = CompletableFuture.allOf(licenses.ready(), holds.ready());
    }

    @Incoming(ROUTED_IN)
    public Uni<Void> onOrders(Message<List<byte[]>> batch) {
        return Uni.createFrom().completionStage(stateRestored).chain(() -> screen(batch));
    }

    /** One screened order of a batch, what to write for it, and how to undo its local effects. */
    private record Screened(Decision decision, long startedNanos, List<Message<Record<String, Object>>> writes) {
    }

    private Uni<Void> screen(Message<List<byte[]>> batch) {
        @SuppressWarnings("unchecked")
        IncomingKafkaRecordBatchMetadata<String, byte[]> records =
                batch.getMetadata(IncomingKafkaRecordBatchMetadata.class).orElseThrow();
        List<Screened> screened = new ArrayList<>(records.count());
        List<Runnable> undo = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records.getRecords()) {
            try {
                screenOne(r, screened, undo);
            } catch (RuntimeException e) {
                // never lose an order and never release on a failure: hold it with the error
                LOG.errorf(e, "order record %s-%d@%d could not be screened; it is held", r.topic(), r.partition(), r.offset());
                screened.add(failed(r, e));
            }
        }
        return out.withTransactionAndAck(batch, tx -> {
                    for (Screened s : screened) {
                        s.writes().forEach(tx::send);
                    }
                    return Uni.createFrom().voidItem();
                })
                .invoke(() -> {
                    for (Screened s : screened) {
                        if (s.decision() == null) {
                            continue; // dead-lettered
                        }
                        metrics.screened(s.decision(), System.nanoTime() - s.startedNanos());
                        if (DECISIONS_LOG.isInfoEnabled()) {
                            DECISIONS_LOG.info(DecisionEvents.summary(s.decision()));
                        }
                    }
                })
                .onFailure().invoke(e -> {
                    Collections.reverse(undo);
                    undo.forEach(Runnable::run);
                    LOG.warnf("transaction for %d order(s) aborted, they will be screened again: %s", records.count(), e);
                })
                .onFailure().recoverWithNull();
    }

    private void screenOne(ConsumerRecord<String, byte[]> r, List<Screened> screened, List<Runnable> undo) {
        long started = System.nanoTime();
        OrderEvent event = AvroCodec.instance().decode(r.value(), OrderEvent.class);
        Order order = OrderEvents.toOrder(event); // checked by the intake stage already

        Optional<Long> prior = decisionLog.latestVersion(order.orderId());
        if (prior.isPresent() && prior.get() >= order.orderVersion()) {
            LOG.infof(prior.get() > order.orderVersion()
                            ? "order %s v%d ignored: v%d was already decided (late, older version)"
                            : "order %s v%d already decided as v%d: re-delivery not screened again",
                    order.orderId(), order.orderVersion(), prior.get());
            return;
        }

        LicenseBook.Screened s = licenses.screen(rules.screener(), order);
        undo.add(() -> licenses.rollback(order, s));
        Decision decision = s.decision();
        HoldStep step = new HoldStep(decision.decidedAt(), "SCREENED", decision.status(), null, null);
        HoldLifecycle.Transition hold = holds.transition(event, order, decision, step, false);
        undo.add(holds.applyUndoably(hold, event, order, decision));
        Decision before = decisionLog.latest(order.orderId()).orElse(null);
        Long versionBefore = prior.orElse(null);
        decisionLog.record(decision);
        undo.add(() -> decisionLog.restore(order.orderId(), before, versionBefore));

        boolean released = decision.status() == DecisionStatus.RELEASE;
        var record = DecisionEvents.toEvent(decision);
        List<Message<Record<String, Object>>> writes = new ArrayList<>(5);
        writes.add(to(topics.decisions(), order.orderId(), record));
        writes.add(to(released ? topics.releases() : topics.holds(), order.orderId(), record));
        if (released && hold.changed()) {
            writes.add(to(topics.holds(), order.orderId(), record)); // the release closes an earlier hold
        }
        for (Record<String, LedgerEntry> draw : s.ledger()) {
            writes.add(to(topics.ledger(), draw.key(), draw.value()));
        }
        if (hold.changed()) {
            // tagged with this instance, so that its own hold-state reader skips what it already applied
            writes.add(Message.of(Record.<String, Object>of(order.orderId(), hold.record())).addMetadata(
                    OutgoingKafkaRecordMetadata.builder().withTopic(topics.holdsState()).withHeaders(
                            new org.apache.kafka.common.header.internals.RecordHeaders().add(
                                    io.dualuse.screening.ops.CompactedTopicTail.WRITER_HEADER,
                                    instanceId.getBytes(java.nio.charset.StandardCharsets.UTF_8))).build()));
        }
        screened.add(new Screened(decision, started, writes));
    }

    /** A HOLD for an order the service failed on; undecodable bytes go to the dead-letter topic. */
    private Screened failed(ConsumerRecord<String, byte[]> r, RuntimeException e) {
        OrderEvent event;
        try {
            event = AvroCodec.instance().decode(r.value(), OrderEvent.class);
        } catch (RuntimeException undecodable) {
            org.apache.kafka.common.header.internals.RecordHeaders headers = new org.apache.kafka.common.header.internals.RecordHeaders();
            headers.add(io.dualuse.screening.order.OrderIntake.HEADER_CODE, "INTERNAL_ERROR".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            headers.add(io.dualuse.screening.order.OrderIntake.HEADER_REASON, String.valueOf(e).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Message<Record<String, Object>> dead = Message.of(Record.<String, Object>of(r.key(), r.value()))
                    .addMetadata(OutgoingKafkaRecordMetadata.builder().withTopic(topics.deadLetters()).withHeaders(headers).build());
            return new Screened(null, System.nanoTime(), List.of(dead));
        }
        Decision held = new Decision(event.getOrderId(), event.getOrderVersion(), DecisionStatus.HOLD,
                List.of(new Reason(ReasonCode.INTERNAL_ERROR, null, null, null, null,
                        "the service failed on this order; it is held until ops and compliance look at it", List.of(
                                Evidence.of("error", String.valueOf(e))))),
                List.of(), rules.screener().ruleset().version(), rules.screener().ruleset().contentHash(), java.time.Instant.now());
        var record = DecisionEvents.toEvent(held);
        return new Screened(held, System.nanoTime(), List.of(to(topics.decisions(), held.orderId(), record),
                to(topics.holds(), held.orderId(), record)));
    }

    private static Message<Record<String, Object>> to(String topic, String key, Object value) {
        return Message.of(Record.of(key, value))
                .addMetadata(OutgoingKafkaRecordMetadata.builder().withTopic(topic).build());
    }
}
