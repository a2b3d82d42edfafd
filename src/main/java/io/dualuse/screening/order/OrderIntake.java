package io.dualuse.screening.order;

import io.dualuse.screening.decision.Decision;
import io.dualuse.screening.decision.DecisionEvents;
import io.dualuse.screening.decision.DecisionLog;
import io.dualuse.screening.decision.DecisionPublisher;
import io.dualuse.screening.decision.DecisionStatus;
import io.dualuse.screening.decision.LicenseAllocation;
import io.dualuse.screening.license.InMemoryLicenseRegistry;
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

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
    private final InMemoryLicenseRegistry licenses;
    private final DecisionPublisher publisher;
    private final DecisionLog decisionLog;
    private final ScreeningMetrics metrics;

    public OrderIntake(ActiveRuleset rules, InMemoryLicenseRegistry licenses, DecisionPublisher publisher,
                       DecisionLog decisionLog, ScreeningMetrics metrics) {
        this.rules = rules;
        this.licenses = licenses;
        this.publisher = publisher;
        this.decisionLog = decisionLog;
        this.metrics = metrics;
    }

    @Incoming(ORDERS)
    public CompletionStage<Void> onOrder(Message<byte[]> message) {
        long started = System.nanoTime();
        Order order;
        try {
            order = OrderEvents.toOrder(AvroCodec.instance().decode(message.getPayload(), OrderEvent.class));
        } catch (WireFormatException e) {
            return deadLetter(message, new InvalidOrderException(e.kind().name(), e.getMessage(),
                    java.util.List.of(new Violation("value", e.getMessage()))));
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

        Decision decision = rules.screener().screen(order, licenses);
        metrics.screened(decision, System.nanoTime() - started);
        return publisher.publish(decision)
                .thenCompose(published -> {
                    decisionLog.record(decision);
                    drawLicences(decision);
                    DECISIONS_LOG.info(DecisionEvents.summary(decision));
                    return message.ack();
                })
                .exceptionallyCompose(failure -> deadLetter(message, new InvalidOrderException("PUBLISH_FAILED",
                        "decision could not be published: " + failure, java.util.List.of(new Violation("decision", failure.toString())))));
    }

    /** A released order consumes its licences; an amended order replaces its earlier draw. */
    private void drawLicences(Decision decision) {
        licenses.release(decision.orderId());
        if (decision.status() != DecisionStatus.RELEASE) {
            return;
        }
        Map<String, BigDecimal> byLicense = new LinkedHashMap<>();
        for (LicenseAllocation a : decision.licenseAllocations()) {
            byLicense.merge(a.licenseNumber(), a.quantity(), BigDecimal::add);
        }
        byLicense.forEach((number, qty) -> licenses.draw(number, decision.orderId(), qty));
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
