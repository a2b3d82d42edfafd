package io.dualuse.screening.state;

import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.decision.DecisionStatus;
import io.dualuse.screening.testing.KafkaBrokerResource;
import io.dualuse.screening.testing.KafkaTestClient;
import io.dualuse.screening.wire.AvroCodec;
import io.dualuse.screening.wire.DecisionEvents;
import io.dualuse.screening.wire.WireFormat;
import io.dualuse.screening.wire.WireSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@code GET /api/v1/decisions/{id}} reads: one decision back from the audit topic by its
 * position, against the real test broker, each test on a topic of its own.
 */
class AuditTopicReaderBrokerTest {

    private static final Map<String, Object> KAFKA = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers());

    private static String newTopic() throws Exception {
        String topic = "audit-read-" + UUID.randomUUID();
        try (Admin admin = Admin.create(KAFKA)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        return topic;
    }

    private static RecordMetadata publish(String topic, String orderId, DecisionStatus status) {
        Decision d = new Decision(orderId, 1, status, List.of(), List.of(), "v", "h", Instant.parse("2026-11-23T04:00:00Z"));
        return KafkaTestClient.send(topic, orderId, AvroCodec.instance().encode(DecisionEvents.toEvent(d)));
    }

    private static AuditTopicReader reader(String topic) {
        return new AuditTopicReader(KAFKA, topic, "test", WireFormat.of(WireSettings.SINGLE_OBJECT), Duration.ofSeconds(2));
    }

    @Test
    void readsTheDecisionAtItsPosition() throws Exception {
        String topic = newTopic();
        publish(topic, "A-1", DecisionStatus.HOLD);
        RecordMetadata second = publish(topic, "A-2", DecisionStatus.RELEASE);
        try (AuditTopicReader reader = reader(topic)) {
            assertThat(reader.read(second.partition(), second.offset())).get()
                    .extracting(Decision::orderId, Decision::status).containsExactly("A-2", DecisionStatus.RELEASE);
            assertThat(reader.read(second.partition(), second.offset() - 1)).get()
                    .extracting(Decision::orderId).isEqualTo("A-1");
        }
    }

    @Test
    void aDecisionTheTopicNoLongerHasIsEmptyNotAWait() throws Exception {
        String topic = newTopic();
        RecordMetadata first = publish(topic, "B-1", DecisionStatus.HOLD);
        RecordMetadata second = publish(topic, "B-2", DecisionStatus.RELEASE);
        try (Admin admin = Admin.create(KAFKA)) {
            admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(second.offset()))).all().get();
        }
        try (AuditTopicReader reader = reader(topic)) {
            assertThat(reader.read(first.partition(), first.offset())).isEmpty();
        }
    }

    @Test
    void aPositionWithNoRecordGivesUpAfterTheWaitAndSaysWhere() throws Exception {
        String topic = newTopic();
        RecordMetadata only = publish(topic, "C-1", DecisionStatus.RELEASE);
        try (AuditTopicReader reader = reader(topic)) {
            assertThatThrownBy(() -> reader.read(only.partition(), only.offset() + 1))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(topic).hasMessageContaining("0/" + (only.offset() + 1));
        }
    }
}
