package io.dualuse.screening.order;

import io.dualuse.screening.decision.Decision;
import io.dualuse.screening.decision.DecisionEvents;
import io.dualuse.screening.decision.DecisionLog;
import io.dualuse.screening.decision.DecisionPublisher;
import io.dualuse.screening.license.LicenseBook;
import io.dualuse.screening.review.HoldLifecycle;
import io.dualuse.screening.review.HoldStep;
import io.dualuse.screening.ops.ScreeningMetrics;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.rules.ActiveRuleset;
import io.dualuse.screening.wire.AvroCodec;
import io.dualuse.screening.wire.WireFormatException;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code orders.v1}, screens each order and publishes its decision. The record is taken
 * as raw bytes so that anything unreadable reaches the dead-letter topic byte for byte, with
 * headers naming the reason, the field and the source offset (SmallRye's dead-letter strategy adds
 * topic, partition and offset; we add code and field). Nothing stalls the stream: a bad record is
 * dead-lettered and the next one is screened.
 */
@ApplicationScoped
public class OrderIntake {

    public static final String ORDERS = "orders";
    public static final String HEADER_CODE = "dead-letter-code";
    public static final String HEADER_FIELD = "dead-letter-field";

    private static final Logger LOG = Logger.getLogger(OrderIntake.class);
    private static final Logger DECISIONS_LOG = Logger.getLogger("screening.decisions");

    private final ActiveRuleset rules;
    private final LicenseBook licenses;
    private final HoldLifecycle holds;
    private final DecisionPublisher publisher;
    private final DecisionLog decisionLog;
    private final ScreeningMetrics metrics;
    private final CompletableFuture<Void> stateRestored;

    public OrderIntake(ActiveRuleset rules, LicenseBook licenses, HoldLifecycle holds, DecisionPublisher publisher,
                       DecisionLog decisionLog, ScreeningMetrics metrics) {
        this.rules = rules;
        this.licenses = licenses;
        this.holds = holds;
        this.publisher = publisher;
        this.decisionLog = decisionLog;
        this.metrics = metrics;
        this.stateRestored = CompletableFuture.allOf(licenses.ready(), holds.ready());
    }

    @Incoming(ORDERS)
    public CompletionStage<Void> onOrder(Message<byte[]> message) {
        // no order is screened before licences, ledger and open holds are restored from their topics
        return stateRestored.thenCompose(restored -> screen(message));
    }

    private CompletionStage<Void> screen(Message<byte[]> message) {
        long started = System.nanoTime();
        OrderEvent event;
        Order order;
        try {
            event = AvroCodec.instance().decode(message.getPayload(), OrderEvent.class);
            order = OrderEvents.toOrder(event);
        } catch (WireFormatException e) {
            return deadLetter(message, new InvalidOrderException(e.kind().name(), e.getMessage(),
                    List.of(new Violation("value", e.getMessage()))));
        } catch (InvalidOrderException e) {
            return deadLetter(message, e);
        }

        Optional<Decision> prior = decisionLog.latest(order.orderId());
        if (prior.isPresent() && prior.get().orderVersion() > order.orderVersion()) {
            LOG.infof("order %s v%d ignored: v%d was already decided (late, older version)", order.orderId(),
                    order.orderVersion(), prior.get().orderVersion());
            return message.ack();
        }
        if (prior.isPresent() && prior.get().orderVersion() == order.orderVersion()) {
            LOG.infof("order %s v%d already decided (%s): re-delivery not screened again", order.orderId(),
                    order.orderVersion(), prior.get().status());
            return message.ack();
        }

        LicenseBook.Screened screened = licenses.screen(rules.screener(), order);
        Decision decision = screened.decision();
        metrics.screened(decision, System.nanoTime() - started);
        HoldStep step = new HoldStep(decision.decidedAt(), "SCREENED", decision.status(), null, null);
        // an amended order released while its earlier version was held closes that hold
        boolean closesHold = holds.book().get(order.orderId()).isPresent();
        return publisher.publish(decision, closesHold)
                .thenCompose(published -> licenses.publish(screened.ledger()))
                .thenCompose(drawn -> holds.recorded(event, order, decision, step, false))
                .thenCompose(recorded -> {
                    decisionLog.record(decision);
                    DECISIONS_LOG.info(DecisionEvents.summary(decision));
                    return message.ack();
                })
                .exceptionallyCompose(failure -> deadLetter(message, new InvalidOrderException("PUBLISH_FAILED",
                        "decision could not be published: " + failure, List.of(new Violation("decision", failure.toString())))));
    }

    private CompletionStage<Void> deadLetter(Message<byte[]> message, InvalidOrderException reason) {
        metrics.deadLettered(reason.code());
        String source = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getTopic() + "-" + m.getPartition() + "@" + m.getOffset()).orElse("?");
        LOG.warnf("order record %s dead-lettered: %s", source, reason.getMessage());
        RecordHeaders headers = new RecordHeaders();
        headers.add(HEADER_CODE, reason.code().getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_FIELD, reason.field().getBytes(StandardCharsets.UTF_8));
        return message.nack(reason, Metadata.of(OutgoingKafkaRecordMetadata.builder().withHeaders(headers).build()));
    }
}
