package io.dualuse.screening.platform;

import io.dualuse.screening.testing.KafkaBrokerResource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The service's topics on a broker that has none of them (fresh names per test), a real KRaft broker. */
class TopicSetupBrokerTest {

    private static Admin admin;

    @BeforeAll
    static void connect() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers()));
    }

    @AfterAll
    static void close() {
        admin.close();
    }

    /** The table's topics under a prefix of this test's own. */
    private static List<TopicSetup.Wanted> fresh(int partitions) {
        String prefix = "setup-" + UUID.randomUUID() + ".";
        return Topics.DEFINITIONS.stream()
                .map(t -> new TopicSetup.Wanted(prefix + t.name(), t.partitions(partitions), t.cleanup(), t.onePartition()))
                .toList();
    }

    private static ScreeningConfig.TopicCreation setup(boolean create) {
        return new ScreeningConfig.TopicCreation() {
            public boolean create() {
                return create;
            }

            public int partitions() {
                return 3;
            }

            public Optional<Short> replicationFactor() {
                return Optional.empty();
            }

            public Duration timeout() {
                return Duration.ofSeconds(20);
            }

            public Duration retryEvery() {
                return Duration.ofMillis(100);
            }
        };
    }

    private static String cleanup(String topic) throws Exception {
        ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(r)).all().get().get(r).get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
    }

    @Test
    void aBareBrokerGetsEveryTopicWithItsPartitionsAndCleanup() throws Exception {
        List<TopicSetup.Wanted> wanted = fresh(3);

        TopicSetup.Report report = TopicSetup.provision(admin, wanted, true, Optional.empty(), Duration.ofSeconds(20));

        assertThat(report.created()).containsExactlyInAnyOrderElementsOf(wanted.stream().map(TopicSetup.Wanted::name).toList());
        assertThat(report.ready()).isTrue();
        // a new topic's metadata reaches every part of the broker shortly after its creation is acknowledged
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            Map<String, TopicDescription> described = admin.describeTopics(wanted.stream().map(TopicSetup.Wanted::name).toList())
                    .allTopicNames().get();
            for (TopicSetup.Wanted w : wanted) {
                assertThat(described.get(w.name()).partitions()).as(w.name()).hasSize(w.onePartition() ? 1 : 3);
                assertThat(cleanup(w.name())).as(w.name()).isEqualTo(w.cleanup() == Topics.Cleanup.COMPACT ? "compact" : "delete");
            }
        });
        // a second instance starting finds them and creates nothing
        // (as a start does, it looks again while the broker still answers "unknown topic" for one just made)
        TopicSetup.Report again = TopicSetup.awaitReady(admin, wanted, setup(true), r -> { });
        assertThat(again.created()).isEmpty();
        assertThat(again.ready()).isTrue();
    }

    @Test
    void onALockedDownClusterTheStartWaitsNamingTheMissingTopicsUntilTheyExist() throws Exception {
        List<TopicSetup.Wanted> wanted = fresh(3);
        CountDownLatch firstCheck = new CountDownLatch(1);
        List<List<String>> missingSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<TopicSetup.Report> start = CompletableFuture.supplyAsync(() -> {
            try {
                return TopicSetup.awaitReady(admin, wanted, setup(false), r -> {
                    missingSeen.add(r.missing());
                    firstCheck.countDown();
                });
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(firstCheck.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(missingSeen.get(0)).containsExactlyInAnyOrderElementsOf(wanted.stream().map(TopicSetup.Wanted::name).toList());
        assertThat(start).isNotDone();

        // the operator creates them as deploy/k8s/kafka-topics.yaml says
        admin.createTopics(wanted.stream().map(w -> new NewTopic(w.name(), w.partitions(), (short) 1)
                .configs(w.cleanup() == Topics.Cleanup.COMPACT ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "compact") : Map.of()))
                .toList()).all().get();

        TopicSetup.Report ready = start.get(30, TimeUnit.SECONDS);
        assertThat(ready.created()).isEmpty();
        assertThat(ready.ready()).isTrue();
    }

    @Test
    void topicsAutoCreatedWithTheWrongSettingsAreReported() throws Exception {
        List<TopicSetup.Wanted> wanted = fresh(3);
        TopicSetup.Wanted rulesets = wanted.stream().filter(w -> w.name().endsWith(Topics.RULESETS)).findFirst().orElseThrow();
        TopicSetup.Wanted licences = wanted.stream().filter(w -> w.name().endsWith(Topics.LICENSES)).findFirst().orElseThrow();
        // what a broker's auto.create.topics.enable makes: its default partitions, cleanup delete
        admin.createTopics(List.of(new NewTopic(rulesets.name(), 3, (short) 1).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "compact")),
                new NewTopic(licences.name(), 3, (short) 1))).all().get();
        // until the broker describes them: that is what a start finds when they were made long before
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> cleanup(licences.name()).equals("delete")
                && admin.describeTopics(List.of(rulesets.name())).allTopicNames().get().get(rulesets.name()).partitions().size() == 3);

        TopicSetup.Report report = TopicSetup.provision(admin, wanted, true, Optional.empty(), Duration.ofSeconds(20));

        assertThat(report.ready()).isFalse();
        assertThat(report.misconfigured()).containsExactlyInAnyOrder(
                licences.name() + " has cleanup.policy=delete, needs compact",
                rulesets.name() + " has 3 partitions, needs 1");
        assertThat(report.created()).hasSize(wanted.size() - 2);
    }
}
