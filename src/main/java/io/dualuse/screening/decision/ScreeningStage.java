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
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.transactions.KafkaTransactions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Stage 2 of the pipeline: screens the orders of the exporters whose partitions this instance
 * owns and writes, in one Kafka transaction with the consumer offset, everything the decision
 * implies: the decision on the audit topic and on the releases or holds topic, the licence draws
 * on the ledger, and the open-hold state. A consumer reading with {@code isolation.level=read_committed}
 * sees each order version's decision exactly once, whatever crashes in between.
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

    /** Where each kind of record goes (configurable topic names). */
    public record Topics(String decisions, String releases, String holds, String ledger, String holdsState) {
    }

    public ScreeningStage(ActiveRuleset rules, LicenseBook licenses, HoldLifecycle holds, DecisionLog decisionLog,
                          ScreeningMetrics metrics, @Channel(SCREENING_OUT) KafkaTransactions<Object> out,
                          @ConfigProperty(name = "screening.topics.decisions") String decisions,
                          @ConfigProperty(name = "screening.topics.releases") String releases,
                          @ConfigProperty(name = "screening.topics.holds") String holdsTopic,
                          @ConfigProperty(name = "screening.topics.license-ledger") String ledger,
                          @ConfigProperty(name = "screening.topics.holds-state") String holdsState) {
        this.rules = rules;
        this.licenses = licenses;
        this.holds = holds;
        this.decisionLog = decisionLog;
        this.metrics = metrics;
        this.out = out;
        this.topics = new Topics(decisions, releases, holdsTopic, ledger, holdsState);
        // no order is screened before licences, ledger and open holds are restored from their topics
        this.stateRestored = CompletableFuture.allOf(licenses.ready(), holds.ready());
    }

    @Incoming(ROUTED_IN)
    public Uni<Void> onOrder(Message<byte[]> message) {
        return Uni.createFrom().completionStage(stateRestored).chain(() -> screen(message));
    }

    private Uni<Void> screen(Message<byte[]> message) {
        long started = System.nanoTime();
        OrderEvent event = AvroCodec.instance().decode(message.getPayload(), OrderEvent.class);
        Order order = OrderEvents.toOrder(event); // checked by the intake stage already

        Optional<Decision> prior = decisionLog.latest(order.orderId());
        if (prior.isPresent() && prior.get().orderVersion() >= order.orderVersion()) {
            LOG.infof(prior.get().orderVersion() > order.orderVersion()
                            ? "order %s v%d ignored: v%d was already decided (late, older version)"
                            : "order %s v%d already decided as v%d: re-delivery not screened again",
                    order.orderId(), order.orderVersion(), prior.get().orderVersion());
            return commitOnly(message);
        }

        LicenseBook.Screened screened = licenses.screen(rules.screener(), order);
        Decision decision = screened.decision();
        HoldStep step = new HoldStep(decision.decidedAt(), "SCREENED", decision.status(), null, null);
        HoldLifecycle.Transition hold = holds.transition(event, order, decision, step, false);
        boolean released = decision.status() == DecisionStatus.RELEASE;
        var record = DecisionEvents.toEvent(decision);
        return out.withTransactionAndAck(message, tx -> {
                    tx.send(to(topics.decisions(), order.orderId(), record));
                    tx.send(to(released ? topics.releases() : topics.holds(), order.orderId(), record));
                    if (released && hold.changed()) {
                        tx.send(to(topics.holds(), order.orderId(), record)); // the release closes an earlier hold
                    }
                    for (Record<String, LedgerEntry> draw : screened.ledger()) {
                        tx.send(to(topics.ledger(), draw.key(), draw.value()));
                    }
                    if (hold.changed()) {
                        tx.send(to(topics.holdsState(), order.orderId(), hold.record()));
                    }
                    return Uni.createFrom().voidItem();
                })
                .invoke(() -> {
                    holds.apply(hold);
                    holds.released(event, order, decision);
                    decisionLog.record(decision);
                    metrics.screened(decision, System.nanoTime() - started);
                    DECISIONS_LOG.info(DecisionEvents.summary(decision));
                })
                .onFailure().invoke(e -> {
                    licenses.rollback(order, screened);
                    LOG.warnf("transaction for order %s v%d aborted, it will be screened again: %s",
                            order.orderId(), order.orderVersion(), e);
                })
                .onFailure().recoverWithNull();
    }

    /** Commits the consumer offset of a record that needs no output, so it is not read again. */
    private Uni<Void> commitOnly(Message<byte[]> message) {
        return out.withTransactionAndAck(message, tx -> Uni.createFrom().voidItem()).onFailure().recoverWithNull();
    }

    private static Message<Record<String, Object>> to(String topic, String key, Object value) {
        return Message.of(Record.of(key, value))
                .addMetadata(OutgoingKafkaRecordMetadata.builder().withTopic(topic).build());
    }
}
