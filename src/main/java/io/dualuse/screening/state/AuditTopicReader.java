package io.dualuse.screening.state;

import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.platform.ScreeningConfig;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.wire.DecisionEvents;
import io.dualuse.screening.wire.WireFormat;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one decision back from the audit topic by partition and offset, for
 * {@code GET /api/v1/decisions/{id}}: what the decision log points at instead of keeping a copy.
 * One consumer, in no group, created at the first read; reads are rare and take their turn.
 */
@ApplicationScoped
public class AuditTopicReader implements DecisionLog.AuditTopic, AutoCloseable {

    private final Duration wait;
    private final Map<String, Object> config;
    private final String topic;
    private final WireFormat wire;
    private KafkaConsumer<byte[], byte[]> consumer;
    private boolean closed;

    @Inject
    public AuditTopicReader(@Identifier("default-kafka-broker") Map<String, Object> kafka,
                            ScreeningConfig config, WireFormat wire) {
        this(kafka, config.topic(Topics.DECISIONS), config.instanceId(), wire, Duration.ofSeconds(5));
    }

    /** @param wait how long a read waits for the broker before it gives up */
    AuditTopicReader(Map<String, Object> kafka, String topic, String instanceId, WireFormat wire, Duration wait) {
        this.wait = wait;
        this.topic = topic;
        this.wire = wire;
        this.config = TopicWindow.readerConfig(kafka);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, instanceId + "-audit-reader");
        // one record is wanted: no need to fetch a megabyte around it
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "65536");
    }

    @Override
    public synchronized Optional<Decision> read(int partition, long offset) {
        if (closed) {
            throw new IllegalStateException("the service is stopping");
        }
        if (consumer == null) {
            consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
        TopicPartition tp = new TopicPartition(topic, partition);
        consumer.assign(List.of(tp));
        consumer.seek(tp, offset);
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.offset() == offset) {
                    return Optional.of(DecisionEvents.fromEvent(wire.decode(r.value(), ScreeningDecision.class)));
                }
                if (r.offset() > offset) {
                    return Optional.empty(); // deleted by retention (the deploy keeps the audit topic forever)
                }
            }
        }
        throw new IllegalStateException("the audit topic " + topic + " gave no record at " + partition + "/" + offset
                + " within " + wait.toMillis() + " ms");
    }

    void stop(@Observes ShutdownEvent ignored) {
        close();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(2));
        }
    }
}
