package io.dualuse.screening.order;

import io.dualuse.screening.ops.ScreeningMetrics;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.wire.AvroCodec;
import io.dualuse.screening.wire.WireFormatException;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.transactions.KafkaTransactions;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 1 of the pipeline: reads {@code orders.v1} (keyed by order), checks each record against the
 * contract and forwards it, byte for byte, to {@code screening.orders.by-exporter.v1} keyed by
 * exporter, so that one partition, and so one service instance, screens all of an exporter's
 * orders and is the only one drawing its licences.
 *
 * <p>Records that cannot be screened go to the dead-letter topic untouched, with headers naming
 * the reason, the field and the source topic, partition and offset. Forwarding (or dead-lettering)
 * and the consumer offset are one Kafka transaction: a crash never loses nor doubles an order.
 */
@ApplicationScoped
public class OrderIntake {

    public static final String ORDERS = "orders";
    public static final String ROUTED = "routed";
    public static final String HEADER_CODE = "dead-letter-code";
    public static final String HEADER_FIELD = "dead-letter-field";
    public static final String HEADER_REASON = "dead-letter-reason";
    public static final String HEADER_TOPIC = "dead-letter-topic";
    public static final String HEADER_PARTITION = "dead-letter-partition";
    public static final String HEADER_OFFSET = "dead-letter-offset";

    private static final Logger LOG = Logger.getLogger(OrderIntake.class);

    private final KafkaTransactions<byte[]> routed;
    private final String deadLetterTopic;
    private final ScreeningMetrics metrics;

    public OrderIntake(@Channel(ROUTED) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) KafkaTransactions<byte[]> routed,
                       @ConfigProperty(name = "screening.topics.orders-dlq") String deadLetterTopic, ScreeningMetrics metrics) {
        this.routed = routed;
        this.deadLetterTopic = deadLetterTopic;
        this.metrics = metrics;
    }

    /**
     * One poll's worth of records is one transaction: the forwards (or dead letters) of the whole
     * batch and its offsets commit together, which is what makes exactly-once affordable.
     */
    @Incoming(ORDERS)
    public Uni<Void> onOrders(Message<List<byte[]>> batch) {
        @SuppressWarnings("unchecked")
        IncomingKafkaRecordBatchMetadata<String, byte[]> records =
                batch.getMetadata(IncomingKafkaRecordBatchMetadata.class).orElseThrow();
        List<Message<byte[]>> out = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> r : records.getRecords()) {
            out.add(route(r));
        }
        return routed.withTransactionAndAck(batch, tx -> {
                    out.forEach(tx::send);
                    return Uni.createFrom().voidItem();
                })
                .onFailure().invoke(e -> LOG.warnf("%d order record(s) not forwarded, they will be read again: %s", out.size(), e))
                .onFailure().recoverWithNull();
    }

    private Message<byte[]> route(ConsumerRecord<String, byte[]> r) {
        try {
            Order order = OrderEvents.toOrder(AvroCodec.instance().decode(r.value(), OrderEvent.class));
            return Message.of(r.value()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(order.exporter().id()).withHeaders(copyHeaders(r)).build());
        } catch (WireFormatException e) {
            return deadLetter(r, new InvalidOrderException(e.kind().name(), e.getMessage(),
                    List.of(new Violation("value", e.getMessage()))));
        } catch (InvalidOrderException e) {
            return deadLetter(r, e);
        } catch (RuntimeException e) {
            // a bug must not lose the record, nor fail the batch (the stream would skip past it)
            LOG.errorf(e, "order record %s-%d@%d could not be checked", r.topic(), r.partition(), r.offset());
            return deadLetter(r, new InvalidOrderException("INTERNAL_ERROR", "could not be checked: " + e,
                    List.of(new Violation("value", String.valueOf(e)))));
        }
    }

    private Message<byte[]> deadLetter(ConsumerRecord<String, byte[]> r, InvalidOrderException reason) {
        metrics.deadLettered(reason.code());
        LOG.warnf("order record %s-%d@%d dead-lettered: %s", r.topic(), r.partition(), r.offset(), reason.getMessage());
        RecordHeaders headers = copyHeaders(r);
        add(headers, HEADER_CODE, reason.code());
        add(headers, HEADER_FIELD, reason.field());
        add(headers, HEADER_REASON, reason.getMessage());
        add(headers, HEADER_TOPIC, r.topic());
        add(headers, HEADER_PARTITION, String.valueOf(r.partition()));
        add(headers, HEADER_OFFSET, String.valueOf(r.offset()));
        return Message.of(r.value()).addMetadata(OutgoingKafkaRecordMetadata.builder()
                .withTopic(deadLetterTopic).withKey(r.key()).withHeaders(headers).build());
    }

    private static RecordHeaders copyHeaders(ConsumerRecord<?, ?> source) {
        RecordHeaders headers = new RecordHeaders();
        source.headers().forEach(headers::add);
        return headers;
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

}
