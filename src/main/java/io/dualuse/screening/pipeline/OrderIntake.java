package io.dualuse.screening.pipeline;

import io.dualuse.screening.core.order.ContractLimits;
import io.dualuse.screening.core.order.InvalidOrderException;
import io.dualuse.screening.core.order.Order;
import io.dualuse.screening.core.order.Violation;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.platform.ScreeningConfig;
import io.dualuse.screening.platform.ScreeningMetrics;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.wire.OrderEvents;
import io.dualuse.screening.wire.OrderJson;
import io.dualuse.screening.wire.WireFormat;
import io.dualuse.screening.wire.WireFormatException;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The door of the pipeline: checks each {@code orders.v1} record against the contract. A record
 * that passes is either screened at once or forwarded, byte for byte, to
 * {@code screening.orders.by-exporter.v1} keyed by exporter (see {@link #forward}); a record that
 * cannot be screened goes to the dead-letter topic untouched, with headers naming the reason, the
 * field and the source topic, partition and offset. Which of these happens is written in the same
 * Kafka transaction as the consumer offset: a crash never loses nor doubles an order.
 */
@ApplicationScoped
public class OrderIntake {

    public static final String HEADER_CODE = "dead-letter-code";
    public static final String HEADER_FIELD = "dead-letter-field";
    public static final String HEADER_REASON = "dead-letter-reason";
    public static final String HEADER_TOPIC = "dead-letter-topic";
    public static final String HEADER_PARTITION = "dead-letter-partition";
    public static final String HEADER_OFFSET = "dead-letter-offset";

    private static final Logger LOG = Logger.getLogger(OrderIntake.class);

    private final String routedTopic;
    private final String deadLetterTopic;
    private final ScreeningMetrics metrics;
    private final WireFormat wire;
    private final int maxRecordBytes;

    /** The outcome of the check: a screenable order, or the dead letter to write instead. */
    public record Checked(OrderEvent event, Order order, ProducerRecord<String, Object> deadLetter) {
        public boolean accepted() {
            return deadLetter == null;
        }
    }

    @jakarta.inject.Inject
    public OrderIntake(ScreeningConfig config, ScreeningMetrics metrics, WireFormat wire) {
        this(config.topic(Topics.ORDERS_BY_EXPORTER), config.topic(Topics.ORDERS_DLQ), metrics, wire,
                config.pipeline().maxRecordBytes());
    }

    public OrderIntake(String routedTopic, String deadLetterTopic, ScreeningMetrics metrics, WireFormat wire, int maxRecordBytes) {
        this.wire = wire;
        this.maxRecordBytes = maxRecordBytes;
        this.routedTopic = routedTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.metrics = metrics;
    }

    /**
     * What the intake makes of a record: its order, or why it cannot be screened. No metric and no
     * log, so that a ruleset preview reading {@code orders.v1} again skips exactly what the pipeline
     * dead-lettered.
     */
    public record Read(OrderEvent event, Order order, InvalidOrderException problem, Copy copy) {
        public boolean accepted() {
            return problem == null;
        }
    }

    /** What of a refused record its dead letter can carry. */
    public enum Copy { ALL, WITHOUT_HEADERS, WITHOUT_VALUE }

    public Checked check(ConsumerRecord<String, byte[]> r) {
        Read read = read(r);
        if (read.accepted()) {
            return new Checked(read.event(), read.order(), null);
        }
        return switch (read.copy()) {
            // dead-lettered without them: copied, they would make the dead letter too large as well
            case WITHOUT_HEADERS -> deadLetter(r, read.problem(), new RecordHeaders(), r.value());
            // forwarded or copied whole, it would be refused by the producer and abort the batch on
            // every retry; the dead letter points at the original, which stays on its topic
            case WITHOUT_VALUE -> deadLetter(r, read.problem(), copyHeaders(r), null);
            case ALL -> deadLetter(r, read.problem());
        };
    }

    public Read read(ConsumerRecord<String, byte[]> r) {
        int headerBytes = headerBytes(r);
        if (headerBytes > ContractLimits.MAX_HEADER_BYTES) {
            return refused(InvalidOrderException.contract(List.of(new Violation("headers",
                    "must total at most " + ContractLimits.MAX_HEADER_BYTES + " bytes, got " + headerBytes
                            + " (dropped from this dead letter)"))), Copy.WITHOUT_HEADERS);
        }
        int recordBytes = headerBytes + (r.key() == null ? 0 : r.key().length() * 3) + (r.value() == null ? 0 : r.value().length);
        if (recordBytes > maxRecordBytes) {
            return refused(InvalidOrderException.contract(List.of(new Violation("value",
                    "the record must be at most " + maxRecordBytes + " bytes (screening.pipeline.max-record-bytes), got "
                            + recordBytes + "; not copied here: read it at " + r.topic() + "-" + r.partition()
                            + "@" + r.offset()))), Copy.WITHOUT_VALUE);
        }
        try {
            OrderEvent event = OrderJson.isJson(r.headers()) ? OrderJson.read(r.value()) : wire.decode(r.value(), OrderEvent.class);
            return new Read(event, OrderEvents.toOrder(event), null, null);
        } catch (WireFormatException e) {
            return refused(new InvalidOrderException(e.kind().name(), e.getMessage(),
                    List.of(new Violation("value", e.getMessage()))), Copy.ALL);
        } catch (InvalidOrderException e) {
            return refused(e, Copy.ALL);
        } catch (RuntimeException e) {
            // a bug must not lose the record, nor fail the batch (the stream would stall on it)
            LOG.errorf(e, "order record %s-%d@%d could not be checked", r.topic(), r.partition(), r.offset());
            return refused(new InvalidOrderException("INTERNAL_ERROR", "could not be checked: " + e,
                    List.of(new Violation("value", String.valueOf(e)))), Copy.ALL);
        }
    }

    private static Read refused(InvalidOrderException problem, Copy copy) {
        return new Read(null, null, problem, copy);
    }

    /**
     * The record, unchanged, re-keyed by exporter: one partition of the routed topic, and so one
     * instance, screens all of an exporter's orders and is the only one drawing its licences.
     */
    public ProducerRecord<String, Object> forward(ConsumerRecord<String, byte[]> r, Checked checked) {
        if (OrderJson.isJson(r.headers())) {
            // a JSON order goes on in the wire format, so the routed topic holds one format only
            RecordHeaders headers = copyHeaders(r);
            headers.remove(OrderJson.CONTENT_TYPE);
            return new ProducerRecord<>(routedTopic, null, checked.order().exporter().id(), wire.encode(checked.event()), headers);
        }
        return new ProducerRecord<>(routedTopic, null, checked.order().exporter().id(), r.value(), copyHeaders(r));
    }

    private Checked deadLetter(ConsumerRecord<String, byte[]> r, InvalidOrderException reason) {
        return deadLetter(r, reason, copyHeaders(r), r.value());
    }

    private Checked deadLetter(ConsumerRecord<String, byte[]> r, InvalidOrderException reason, RecordHeaders headers, byte[] value) {
        metrics.deadLettered(reason.code());
        LOG.warnf("order record %s-%d@%d dead-lettered: %s", r.topic(), r.partition(), r.offset(), reason.getMessage());
        add(headers, HEADER_CODE, reason.code());
        add(headers, HEADER_FIELD, reason.field());
        add(headers, HEADER_REASON, reason.getMessage());
        add(headers, HEADER_TOPIC, r.topic());
        add(headers, HEADER_PARTITION, String.valueOf(r.partition()));
        add(headers, HEADER_OFFSET, String.valueOf(r.offset()));
        return new Checked(null, null, new ProducerRecord<>(deadLetterTopic, null, r.key(), value, headers));
    }

    private static int headerBytes(ConsumerRecord<?, ?> r) {
        int bytes = 0;
        for (var h : r.headers()) {
            bytes += h.key().length() * 3 + (h.value() == null ? 0 : h.value().length);
        }
        return bytes;
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
