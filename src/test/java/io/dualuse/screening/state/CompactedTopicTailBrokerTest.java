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

    /**
     * A view kept per owned partition: nothing is read before the first replay; a replay re-reads
     * from the beginning, marking what was read before, and ends only once everything committed
     * before it was asked is applied; a task runs in the reader's thread.
     */
    @Test
    void anOnDemandReaderReadsNothingUntilAskedAndMarksWhatItReadsAgain() throws Exception {
        String topic = KafkaTestClient.createCompactedTopic("tail-on-demand");
        List<String> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Map<String, Object> kafka = Map.of("bootstrap.servers", KafkaBrokerResource.bootstrapServers());
        KafkaTestClient.send(topic, "hold-1", "v1".getBytes(StandardCharsets.UTF_8));
        KafkaTestClient.send(topic, "hold-2", "v1".getBytes(StandardCharsets.UTF_8));
        try (CompactedTopicTail tail = new CompactedTopicTail(kafka, topic,
                (k, v, replayed) -> seen.add(k + "=" + (v == null ? "tombstone" : new String(v, StandardCharsets.UTF_8))
                        + (replayed ? " (replayed)" : "")), null, true).start()) {
            // a later task runs after the reader found the topic: had it read anything, it would show now
            tail.inReaderThread(() -> { }).get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(seen).isEmpty();
            assertThat(tail.caughtUp()).isNotDone();

            tail.replay(true).get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(seen).containsExactly("hold-1=v1", "hold-2=v1"); // the first read is the restore
            assertThat(tail.caughtUp()).isCompleted();

            KafkaTestClient.send(topic, "hold-1", (byte[]) null);
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains("hold-1=tombstone"));
            seen.clear();
            tail.replay(true).get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(seen).containsExactly("hold-1=v1 (replayed)", "hold-2=v1 (replayed)", "hold-1=tombstone (replayed)");

            seen.clear();
            KafkaTestClient.send(topic, "hold-4", "v1".getBytes(StandardCharsets.UTF_8));
            tail.replay(false).get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(seen).as("a catch-up reads nothing twice, and everything committed before it").containsExactly("hold-4=v1");

            Thread[] ran = new Thread[1];
            tail.inReaderThread(() -> ran[0] = Thread.currentThread()).get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(ran[0].getName()).isEqualTo("state-" + topic);
        }
    }

    @Test
    void aReplayOfAStoppedReaderFailsInsteadOfWaitingForever() {
        String topic = KafkaTestClient.createCompactedTopic("tail-closed");
        CompactedTopicTail tail = new CompactedTopicTail(Map.of("bootstrap.servers", KafkaBrokerResource.bootstrapServers()), topic,
                (k, v, replayed) -> { }, null, true).start();
        tail.close();
        assertThat(tail.replay(true)).failsWithin(Duration.ofSeconds(30));
    }
}
