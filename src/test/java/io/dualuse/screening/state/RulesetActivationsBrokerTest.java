package io.dualuse.screening.state;

import io.dualuse.screening.core.rules.Ruleset;
import io.dualuse.screening.core.rules.RulesetException;
import io.dualuse.screening.core.rules.RulesetLoader;
import io.dualuse.screening.rules.event.RulesetActivation;
import io.dualuse.screening.testing.Fixtures;
import io.dualuse.screening.testing.KafkaBrokerResource;
import io.dualuse.screening.wire.AvroCodec;
import io.dualuse.screening.wire.WireFormat;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.dualuse.screening.testing.KafkaTestClient.awaitValues;
import static io.dualuse.screening.testing.KafkaTestClient.createCompactedTopic;
import static io.dualuse.screening.testing.KafkaTestClient.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Rulesets as events, against the real test broker: each test starts instances on a topic of its
 * own, as a service instance would start on {@code screening.rulesets.v1}, and checks which ruleset
 * it screens with, what it publishes, and what it re-screens.
 */
class RulesetActivationsBrokerTest {

    private static final String SEED_VERSION = "CN-DU-2026.12.05";
    private static final String SEED_PUBLISHED = "2026-12-05";

    private final List<RulesetActivations> started = new ArrayList<>();
    private final List<String> rescreens = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopInstances() {
        started.forEach(RulesetActivations::close);
    }

    @Test
    void theLaterPublicationWinsAndOnTheSameDayTheTopics() {
        Ruleset seed = parse(seedAs(SEED_VERSION, SEED_PUBLISHED));
        assertThat(RulesetActivations.configuredWins(seed, null)).as("empty topic").isTrue();
        assertThat(RulesetActivations.configuredWins(seed, parse(seedAs("OLDER", "2026-06-01")))).isTrue();
        assertThat(RulesetActivations.configuredWins(seed, parse(seedAs("SAME-DAY", SEED_PUBLISHED)))).isFalse();
        assertThat(RulesetActivations.configuredWins(seed, parse(seedAs("LATER", "2026-12-06")))).isFalse();
    }

    @Test
    void anInstanceStartsWithTheTopicsLastRulesetAndReScreensNothing() {
        String topic = createCompactedTopic("rulesets");
        send(topic, "T-1", activation(seedAs("T-1", SEED_PUBLISHED), "alice"));
        send(topic, "T-2", activation(seedAs("T-2", SEED_PUBLISHED), "bob"));

        ActiveRuleset rules = start(topic, Optional.empty());

        assertThat(rules.screener().ruleset().version()).isEqualTo("T-2");
        assertThat(rules.configured().ruleset().version()).isEqualTo(SEED_VERSION);
        assertThat(rescreens).as("the holds were decided with it already").isEmpty();
    }

    @Test
    void anInstanceOnAnEmptyTopicPublishesItsConfiguredRuleset() {
        String topic = createCompactedTopic("rulesets");

        ActiveRuleset rules = start(topic, Optional.empty());

        RulesetActivation published = awaitValues(topic, SEED_VERSION, 1, RulesetActivation.class).get(0);
        assertThat(published.getActivatedBy()).isEqualTo(RulesetActivations.CONFIGURATION);
        assertThat(published.getSha256()).isEqualTo(rules.screener().ruleset().contentHash());
        assertThat(published.getPublishedAt()).isEqualTo(SEED_PUBLISHED);
        assertThat(published.getYaml()).isEqualTo(seed());
        assertThat(rules.screener().ruleset().version()).isEqualTo(SEED_VERSION);
    }

    @Test
    void aConfiguredRulesetPublishedLaterReplacesTheTopicsForEveryInstance() throws IOException {
        String topic = createCompactedTopic("rulesets");
        send(topic, "T-OLD", activation(seedAs("T-OLD", "2026-06-01"), "alice"));
        ActiveRuleset before = start(topic, Optional.empty());
        assertThat(before.screener().ruleset().version()).as("seed published later than T-OLD").isEqualTo(SEED_VERSION);
        assertThat(awaitValues(topic, SEED_VERSION, 1, RulesetActivation.class)).hasSize(1);

        // a deploy ships a newer announcement in its file: the running instance follows it
        Path file = Files.createTempFile("ruleset", ".yaml");
        Files.writeString(file, seedAs("T-NEW", "2026-12-07"));
        ActiveRuleset deployed = start(topic, Optional.of(file.toString()));

        assertThat(deployed.screener().ruleset().version()).isEqualTo("T-NEW");
        await().atMost(Duration.ofSeconds(30)).until(() -> before.screener().ruleset().version().equals("T-NEW"));
        assertThat(rescreens).containsExactly("T-NEW by " + RulesetActivations.CONFIGURATION);
    }

    @Test
    void aRulesetActivatedLaterIsPutInForceAndReScreensWhatThisInstanceOwns() throws Exception {
        String topic = createCompactedTopic("rulesets");
        ActiveRuleset rules = start(topic, Optional.empty());
        RulesetActivations activations = started.get(0);

        // from another instance, straight to the topic
        send(topic, "T-3", activation(seedAs("T-3", SEED_PUBLISHED), "carol"));
        await().atMost(Duration.ofSeconds(30)).until(() -> rules.screener().ruleset().version().equals("T-3"));

        // from this instance: completes once it screens with it, with what its re-screening changed
        String yaml = seedAs("T-4", "2026-12-06");
        int changed = activations.activate(parse(yaml), yaml, "dave").toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(changed).as("the count its re-screening completed with").isEqualTo(2);
        assertThat(activations.history()).extracting(RulesetActivation::getVersion, RulesetActivation::getActivatedBy)
                .containsExactly(tuple(SEED_VERSION, RulesetActivations.CONFIGURATION), tuple("T-3", "carol"), tuple("T-4", "dave"));
        assertThat(activations.activation("T-4")).map(RulesetActivation::getYaml).contains(yaml);
        assertThat(rules.screener().ruleset().version()).isEqualTo("T-4");
        assertThat(rescreens).containsExactly("T-3 by carol", "T-4 by dave");
        RulesetActivation published = awaitValues(topic, "T-4", 1, RulesetActivation.class).get(0);
        assertThat(published.getActivatedBy()).isEqualTo("dave");
        assertThat(published.getYaml()).isEqualTo(yaml);
    }

    @Test
    void anInvalidRulesetOnTheTopicIsIgnored() {
        String topic = createCompactedTopic("rulesets");
        ActiveRuleset rules = start(topic, Optional.empty());

        String broken = seedAs("BROKEN", SEED_PUBLISHED).replace("effectiveFrom: ", "effectiveFrom: x");
        assertThat(parse(broken)).as("the loader refuses it").isNull();
        send(topic, "BROKEN", new RulesetActivation("BROKEN", "?", SEED_PUBLISHED, broken, "eve", Instant.now()));
        send(topic, "T-5", activation(seedAs("T-5", SEED_PUBLISHED), "frank"));

        await().atMost(Duration.ofSeconds(30)).until(() -> rules.screener().ruleset().version().equals("T-5"));
        assertThat(rescreens).containsExactly("T-5 by frank");
    }

    @Test
    void aRulesetPublishedBeforeTheConfiguredOneIsRefused() {
        String topic = createCompactedTopic("rulesets");
        start(topic, Optional.empty());
        String yaml = seedAs("T-BACKDATED", "2026-01-01");

        assertThatThrownBy(() -> started.get(0).activate(parse(yaml), yaml, "grace"))
                .isInstanceOf(RulesetActivations.OlderThanConfigured.class)
                .hasMessageContaining("published 2026-01-01, before " + SEED_VERSION);
    }

    @Test
    void anActivationThisInstanceDoesNotApplyInTimeFailsWithWhatHappened() {
        String topic = createCompactedTopic("rulesets");
        ActiveRuleset rules = start(topic, Optional.empty(), Duration.ofMillis(500));
        RulesetActivations stuck = started.get(0);
        stuck.close(); // its topic reader stops: nothing it publishes comes back to it
        String yaml = seedAs("T-LATE", "2026-12-06");

        assertThatThrownBy(() -> stuck.activate(parse(yaml), yaml, "heidi").toCompletableFuture().get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(RulesetActivations.NotAppliedInTime.class)
                .hasMessageContaining("T-LATE is on the ruleset topic");
        assertThat(awaitValues(topic, "T-LATE", 1, RulesetActivation.class)).as("published for the others").hasSize(1);
        assertThat(rules.screener().ruleset().version()).isEqualTo(SEED_VERSION);
    }

    /** A service instance's ruleset side on {@code topic}, started and ready. */
    private ActiveRuleset start(String topic, Optional<String> configuredFile) {
        return start(topic, configuredFile, Duration.ofSeconds(30));
    }

    private ActiveRuleset start(String topic, Optional<String> configuredFile, Duration applyTimeout) {
        ActiveRuleset rules = new ActiveRuleset(configuredFile, "rulesets/cn-dual-use.yaml", 36500, 36500, java.time.Clock.systemUTC());
        RulesetActivations.Rescreening rescreening = (version, actor) -> {
            rescreens.add(version + " by " + actor);
            return CompletableFuture.completedFuture(rescreens.size()); // what "changed" would be: a running count

        };
        RulesetActivations activations = new RulesetActivations(rules, rescreening, new ProducingEmitter(topic),
                WireFormat.of(Map.of()), java.time.Clock.systemUTC(), applyTimeout);
        started.add(activations);
        activations.start(Map.of("bootstrap.servers", KafkaBrokerResource.bootstrapServers()), topic).ready().join();
        return rules;
    }

    private static RulesetActivation activation(String yaml, String actor) {
        Ruleset r = parse(yaml);
        return new RulesetActivation(r.version(), r.contentHash(), r.publishedAt().toString(), yaml, actor, Instant.now());
    }

    private static Ruleset parse(String yaml) {
        try {
            return new RulesetLoader().parse(yaml.getBytes(StandardCharsets.UTF_8), "test");
        } catch (RulesetException e) {
            return null; // an invalid ruleset, written to the topic on purpose
        }
    }

    private static String seed() {
        return new RulesetLoader().loadResourceWithText(Fixtures.SEED).text();
    }

    private static String seedAs(String version, String publishedAt) {
        return seed().replace("version: " + SEED_VERSION, "version: " + version)
                .replace("publishedAt: " + SEED_PUBLISHED, "publishedAt: " + publishedAt);
    }

    /** The channel's role in the service (rulesets-out), played by a real producer to the test broker. */
    private static final class ProducingEmitter implements Emitter<RulesetActivation> {
        private final String topic;

        ProducingEmitter(String topic) {
            this.topic = topic;
        }

        @Override
        public CompletionStage<Void> send(RulesetActivation value) {
            throw new UnsupportedOperationException("the service sends messages with a key and a partition");
        }

        @Override
        public <M extends Message<? extends RulesetActivation>> void send(M message) {
            @SuppressWarnings("unchecked")
            OutgoingKafkaRecordMetadata<String> where = message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
            Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers());
            try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
                p.send(new ProducerRecord<>(topic, where.getPartition(), where.getKey(), AvroCodec.instance().encode(message.getPayload()))).get();
                message.ack();
            } catch (Exception e) {
                message.nack(e);
            }
        }

        @Override
        public void complete() {
        }

        @Override
        public void error(Exception e) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return true;
        }
    }
}
