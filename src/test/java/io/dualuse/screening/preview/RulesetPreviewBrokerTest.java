package io.dualuse.screening.preview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.dualuse.screening.core.decision.DecisionStatus;
import io.dualuse.screening.core.license.InMemoryLicenseRegistry;
import io.dualuse.screening.core.license.License;
import io.dualuse.screening.core.license.LicenseStatus;
import io.dualuse.screening.core.rules.Ruleset;
import io.dualuse.screening.core.rules.RulesetLoader;
import io.dualuse.screening.core.screening.ShadowTally;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.pipeline.OrderIntake;
import io.dualuse.screening.platform.ScreeningConfig;
import io.dualuse.screening.platform.ScreeningMetrics;
import io.dualuse.screening.state.ActiveRuleset;
import io.dualuse.screening.testing.CandidateRulesets;
import io.dualuse.screening.testing.Fixtures;
import io.dualuse.screening.testing.KafkaBrokerResource;
import io.dualuse.screening.testing.TestOrders;
import io.dualuse.screening.wire.AvroCodec;
import io.dualuse.screening.wire.WireFormat;
import io.dualuse.screening.wire.WireSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Ruleset previews against the real test broker, on fresh order topics of three partitions whose
 * records carry chosen timestamps: before, inside and after the window, with a superseded version,
 * a dead letter of each kind, and licensed orders the candidate's new measure holds.
 */
class RulesetPreviewBrokerTest {

    private static final Map<String, Object> KAFKA = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            KafkaBrokerResource.bootstrapServers());
    private static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-05T00:00:00Z");
    private static final String EXPORTER = "EXP-PREVIEW";
    private static final String LICENCE = "LIC-PREVIEW-JP";
    private static final WireFormat WIRE = WireFormat.of(WireSettings.SINGLE_OBJECT);
    private static final Ruleset CANDIDATE = new RulesetLoader().parse(
            CandidateRulesets.seedWithReviewFor("TEST-REVIEW-JP", "JP", "2026-12-01").getBytes(StandardCharsets.UTF_8), "test");

    @TempDir
    Path dir;

    private final InMemoryLicenseRegistry licences = new InMemoryLicenseRegistry();
    private final List<RulesetPreviews> started = new ArrayList<>();

    @AfterEach
    void forgetPreviews() {
        started.forEach(p -> p.stop(null));
    }

    private RulesetPreviews previews(Executor runner, int indexedOrders, String topic) {
        licences.put(new License(LICENCE, EXPORTER, Set.of("1C117.d"), Set.of(), "JP", "Osaka Tools K.K.", new BigDecimal("1"),
                "T", LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), LicenseStatus.ACTIVE));
        ActiveRuleset rules = new ActiveRuleset(Optional.empty(), Fixtures.SEED, 36500, -1, Fixtures.TODAY);
        OrderIntake intake = new OrderIntake("routed", "dlq", new ScreeningMetrics(new SimpleMeterRegistry()), WIRE, 1 << 20);
        RulesetPreviews previews = new RulesetPreviews(rules, licences, intake, runner,
                JsonMapper.builder().findAndAddModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build(),
                Fixtures.TODAY, KAFKA, topic, "test", settings(indexedOrders));
        started.add(previews);
        return previews;
    }

    private ScreeningConfig.Preview settings(int indexedOrders) {
        return new ScreeningConfig.Preview() {
            public Duration window() {
                return Duration.ofDays(7);
            }

            public int indexedOrders() {
                return indexedOrders;
            }

            public int changedOrders() {
                return 100;
            }

            public int keep() {
                return 2;
            }

            public Optional<String> dir() {
                return Optional.of(dir.toString());
            }
        };
    }

    private static OrderEvent.Builder licensedAptToJapan(String id) {
        return TestOrders.aptToOsakaTools(id, EXPORTER, "400").setExportDate("2026-12-20");
    }

    /** The orders of the window and around it; returns the topic. */
    private static String ordersAroundTheWindow() throws Exception {
        String topic = "preview-orders-" + UUID.randomUUID();
        try (Admin admin = Admin.create(KAFKA)) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerResource.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            send(p, topic, 0, FROM.minusMillis(1), "BEFORE", licensedAptToJapan("BEFORE").build());
            send(p, topic, 1, FROM, "LICENSED-JP", licensedAptToJapan("LICENSED-JP").build());
            send(p, topic, 2, FROM.plusSeconds(60), "SHIRTS-DE", TestOrders.civil("SHIRTS-DE", "DE", TestOrders.tShirts(1))
                    .setExportDate("2026-12-20").build());
            send(p, topic, 0, FROM.plusSeconds(120), "UNLICENSED-DE", TestOrders.civil("UNLICENSED-DE", "DE", TestOrders.apt(1, "400"))
                    .setExportDate("2026-12-20").build());
            // v1 would be held by the candidate; v2, the latest, ships T-shirts only: it is v2 that counts
            send(p, topic, 1, FROM.plusSeconds(180), "AMENDED-JP", licensedAptToJapan("AMENDED-JP").build());
            send(p, topic, 2, FROM.plusSeconds(240), "AMENDED-JP", licensedAptToJapan("AMENDED-JP").setOrderVersion(2)
                    .setLines(new ArrayList<>(List.of(TestOrders.tShirts(1)))).build());
            p.send(new ProducerRecord<>(topic, 0, FROM.plusSeconds(300).toEpochMilli(), "GARBAGE",
                    "not an order".getBytes(StandardCharsets.UTF_8))).get();
            send(p, topic, 1, FROM.plusSeconds(360), "NEGATIVE", TestOrders.civil("NEGATIVE", "DE", TestOrders.tShirts(1))
                    .setLines(new ArrayList<>(List.of(io.dualuse.screening.order.event.OrderLine.newBuilder(TestOrders.tShirts(1))
                            .setQuantity("-5").build()))).build());
            // stamped at the end of the window (excluded) and after it
            send(p, topic, 2, TO, "AT-TO", licensedAptToJapan("AT-TO").build());
            send(p, topic, 0, TO.plus(Duration.ofHours(2)), "AFTER", licensedAptToJapan("AFTER").build());
        }
        return topic;
    }

    private static void send(KafkaProducer<String, byte[]> p, String topic, int partition, Instant at, String key, OrderEvent o)
            throws Exception {
        p.send(new ProducerRecord<>(topic, partition, at.toEpochMilli(), key, AvroCodec.instance().encode(o))).get();
    }

    @Test
    void theCandidatesMeasureHoldsTheLicensedReleaseToJapanAndNothingElse() throws Exception {
        String topic = ordersAroundTheWindow();
        RulesetPreviews previews = previews(Runnable::run, 1000, topic);

        PreviewJob.Status status = previews.start(CANDIDATE, FROM, TO, "officer");
        PreviewJob.Status done = previews.status(status.id()).orElseThrow();

        assertThat(done.state()).as(done.error()).isEqualTo(PreviewJob.State.DONE);
        assertThat(done.candidate().version()).isEqualTo("TEST-REVIEW-JP");
        assertThat(done.inForce().version()).isEqualTo("CN-DU-2026.12.05");
        PreviewJob.Result result = done.result();
        assertThat(result.ordersScreened()).isEqualTo(4);
        assertThat(result.ordersChanged()).isEqualTo(1);
        assertThat(result.transitions()).extracting(ShadowTally.Transition::from, ShadowTally.Transition::to, ShadowTally.Transition::orders)
                .containsExactly(tuple(DecisionStatus.RELEASE, DecisionStatus.HOLD, 1L),
                        tuple(DecisionStatus.RELEASE, DecisionStatus.RELEASE, 2L),
                        tuple(DecisionStatus.HOLD, DecisionStatus.HOLD, 1L));
        assertThat(result.reasonCodes()).first().satisfies(c -> {
            assertThat(c.key()).isEqualTo("ENHANCED_REVIEW");
            assertThat(c.inForce()).isZero();
            assertThat(c.candidate()).isEqualTo(1);
        });
        assertThat(result.skipped()).extracting(PreviewJob.Skipped::reason, PreviewJob.Skipped::records)
                .containsExactly(tuple("CONTRACT_VIOLATION", 1L), tuple("SUPERSEDED", 1L), tuple("UNDECODABLE", 1L));
        assertThat(result.retention().complete()).isTrue();
        assertThat(result.diff().measures()).extracting(c -> c.key()).containsExactly("TEST-REVIEW-JP");
        assertThat(done.progress().recordsRead()).isEqualTo(done.progress().recordsToRead());

        List<JsonNode> changes = previews.changes(status.id(), 0, 50).orElseThrow();
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.get("orderId").asText()).isEqualTo("LICENSED-JP");
            assertThat(c.get("receivedAt").asText()).isEqualTo(FROM.toString());
            assertThat(c.get("inForce").get("status").asText()).isEqualTo("RELEASE");
            assertThat(c.get("inForce").get("rulesetVersion").asText()).isEqualTo("CN-DU-2026.12.05");
            assertThat(c.get("candidate").get("status").asText()).isEqualTo("HOLD");
            assertThat(c.get("candidate").get("reasons").findValuesAsText("measureId")).contains("TEST-REVIEW-JP");
        });
        // screened, not drawn: the licence has all of its tonne left
        assertThat(licences.drawn(LICENCE)).isEqualByComparingTo("0");
    }

    @Test
    void aWindowReadInManyPassesGivesTheSameResultAsOnePass() throws Exception {
        String topic = ordersAroundTheWindow();
        PreviewJob.Result onePass = run(previews(Runnable::run, 1000, topic));

        PreviewJob.Status manyPasses = previews(Runnable::run, 1, topic).start(CANDIDATE, FROM, TO, "officer");

        assertThat(manyPasses.state()).isEqualTo(PreviewJob.State.DONE);
        assertThat(manyPasses.progress().passes()).isGreaterThanOrEqualTo(4);
        assertThat(manyPasses.result()).usingRecursiveComparison().isEqualTo(onePass);
    }

    private static PreviewJob.Result run(RulesetPreviews previews) {
        return previews.start(CANDIDATE, FROM, TO, "officer").result();
    }

    @Test
    void aWindowReachingPastRetentionIsReportedWithThePartitionsThatLostOrders() throws Exception {
        String topic = ordersAroundTheWindow();
        try (Admin admin = Admin.create(KAFKA)) {
            // partition 0 loses BEFORE and UNLICENSED-DE, as retention would delete them
            admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(2))).all().get();
        }

        PreviewJob.Result result = run(previews(Runnable::run, 1000, topic));

        assertThat(result.retention().complete()).isFalse();
        assertThat(result.retention().partitions()).singleElement().satisfies(t -> {
            assertThat(t.partition()).isZero();
            assertThat(t.oldestOffset()).isEqualTo(2);
            assertThat(t.oldestStamp()).isEqualTo(FROM.plusSeconds(300));
        });
        assertThat(result.retention().message()).contains("partition 0 starts at offset 2");
        assertThat(result.ordersScreened()).isEqualTo(3);
    }

    @Test
    void oneAtATimeCancellableAndTheFileGoneWhenForgotten() throws Exception {
        String topic = ordersAroundTheWindow();
        List<Runnable> queued = new ArrayList<>();
        RulesetPreviews previews = previews(queued::add, 1000, topic);

        PreviewJob.Status first = previews.start(CANDIDATE, FROM, TO, "officer");
        assertThat(first.state()).isEqualTo(PreviewJob.State.RUNNING);
        assertThatThrownBy(() -> previews.start(CANDIDATE, FROM, TO, "officer"))
                .isInstanceOfSatisfying(RulesetPreviews.Running.class, e -> assertThat(e.id()).isEqualTo(first.id()));

        assertThat(previews.cancel(first.id())).contains(RulesetPreviews.Cancelled.CANCELLING);
        queued.remove(0).run();
        assertThat(previews.status(first.id()).orElseThrow().state()).isEqualTo(PreviewJob.State.CANCELLED);

        PreviewJob.Status second = previews.start(CANDIDATE, FROM, TO, "officer");
        queued.remove(0).run();
        assertThat(previews.status(second.id()).orElseThrow().state()).isEqualTo(PreviewJob.State.DONE);
        try (var files = Files.list(dir)) {
            assertThat(files).hasSize(1);
        }
        assertThat(previews.cancel(second.id())).contains(RulesetPreviews.Cancelled.DISCARDED);
        assertThat(previews.status(second.id())).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
