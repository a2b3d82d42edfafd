package io.dualuse.screening.pipeline;

import io.dualuse.screening.decision.event.DecisionStatus;
import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.testing.KafkaBrokerResource;
import io.dualuse.screening.testing.TestOrders;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.dualuse.screening.testing.KafkaTestClient.awaitValues;
import static io.dualuse.screening.testing.KafkaTestClient.send;
import static io.dualuse.screening.testing.TestOrders.freshId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The pipeline with {@code screening.delivery=at-least-once}: no transactions, each batch's output
 * acknowledged before its offsets are committed, and those commits keep up with what was read.
 */
@QuarkusTest
@TestProfile(AtLeastOncePipelineServiceTest.AtLeastOnce.class)
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class AtLeastOncePipelineServiceTest {

    public static class AtLeastOnce implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("screening.delivery", "at-least-once");
        }
    }

    @ConfigProperty(name = "screening.consumer-group")
    String group;

    @Test
    void everyOrderIsDecidedOnceAndTheGroupsOffsetsMovePastIt() throws Exception {
        io.dualuse.screening.testing.Readiness.awaitReady();
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'order-pipeline' }.data.delivery", equalTo("AT_LEAST_ONCE"));

        List<String> ids = new ArrayList<>();
        Map<TopicPartition, Long> lastSent = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            String id = freshId("ALO-" + i);
            ids.add(id);
            RecordMetadata sent = send(Topics.ORDERS, id, TestOrders.civil(id, "DE", TestOrders.tShirts(1 + i)).build());
            lastSent.merge(new TopicPartition(sent.topic(), sent.partition()), sent.offset(), Math::max);
        }

        for (String id : ids) {
            assertThat(awaitValues(Topics.DECISIONS, id, 1, ScreeningDecision.class))
                    .extracting(ScreeningDecision::getStatus).containsExactly(DecisionStatus.RELEASE);
        }
        // the commits are asynchronous and merged, so they land a little after the decisions
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                lastSent.forEach((tp, offset) -> assertThat(committed.get(tp))
                        .as("committed offset of %s", tp).isNotNull()
                        .extracting(OffsetAndMetadata::offset).matches(o -> o > offset, "past " + offset));
            });
        }
    }
}
