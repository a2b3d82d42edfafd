package io.dualuse.screening.state;

import io.dualuse.screening.testing.KafkaBrokerResource;
import io.dualuse.screening.testing.KafkaTestClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A state reader must not give up on a topic that the broker's metadata does not show yet: right
 * after its creation (the test suite's own topics, a fresh cluster) or created by ops later. Once it
 * is there, the reader follows it. Against the real test broker.
 */
class CompactedTopicTailBrokerTest {

    @Test
    void aTopicThatAppearsAfterTheReaderStartedIsFollowed() throws Exception {
        String topic = "tail-late-" + UUID.randomUUID();
        Map<String, String> applied = new ConcurrentHashMap<>();
        Map<String, Object> kafka = Map.of("bootstrap.servers", KafkaBrokerResource.bootstrapServers(),
                "allow.auto.create.topics", "false");
        try (CompactedTopicTail tail = new CompactedTopicTail(kafka, topic,
                (k, v) -> applied.put(k, new String(v, StandardCharsets.UTF_8))).start()) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")))).all().get();
            }
            KafkaTestClient.send(topic, "licence-1", "first".getBytes(StandardCharsets.UTF_8));

            await().atMost(Duration.ofSeconds(30)).until(() -> "first".equals(applied.get("licence-1")));
            await().atMost(Duration.ofSeconds(30)).until(() -> tail.caughtUp().isDone());
            assertThat(tail.caughtUp()).isCompleted();
        }
    }
}
