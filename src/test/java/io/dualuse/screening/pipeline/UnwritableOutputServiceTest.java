package io.dualuse.screening.pipeline;

import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.order.event.OrderLine;
import io.dualuse.screening.testing.KafkaBrokerResource;
import io.dualuse.screening.testing.TestOrders;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.dualuse.screening.testing.KafkaTestClient.awaitRecords;
import static io.dualuse.screening.testing.KafkaTestClient.awaitValues;
import static io.dualuse.screening.testing.KafkaTestClient.send;
import static io.dualuse.screening.testing.TestOrders.freshId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * A record whose outputs the broker refuses, for a reason the service cannot see coming (here the
 * decisions topic takes at most 4 KiB a batch, far under the service's own record limit), aborted
 * its batch for ever (issue #18). The pipeline now halves the batch until the culprit is alone,
 * dead-letters it, and decides the orders around it. Own topics, so that the limit touches no other test.
 */
@QuarkusTest
@TestProfile(UnwritableOutputServiceTest.SmallDecisionsTopic.class)
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class UnwritableOutputServiceTest {

    static final String SUFFIX = UUID.randomUUID().toString();
    static final String ORDERS = "unwritable-orders-" + SUFFIX;
    static final String DECISIONS = "unwritable-decisions-" + SUFFIX;
    static final String DEAD_LETTERS = "unwritable-dlq-" + SUFFIX;

    public static class SmallDecisionsTopic implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(ORDERS, 3, (short) 1), new NewTopic(DEAD_LETTERS, 3, (short) 1),
                        new NewTopic(DECISIONS, 3, (short) 1).configs(Map.of("max.message.bytes", "4096")))).all().get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return Map.of("screening.topics.orders", ORDERS, "screening.topics.decisions", DECISIONS,
                    "screening.topics.orders-dlq", DEAD_LETTERS, "screening.consumer-group", "unwritable-" + SUFFIX);
        }
    }

    @Test
    void theOrderWhoseDecisionTheTopicRefusesIsDeadLetteredAndTheOrdersAroundItAreDecided() {
        String key = freshId("UNWRITABLE");
        String before = key + "-BEFORE";
        String after = key + "-AFTER";
        send(ORDERS, key, TestOrders.civil(before, "DE", TestOrders.tShirts(1)).build());
        // 150 magnet lines to the Japanese military: a reason per line, tens of KB even compressed
        OrderEvent big = TestOrders.japaneseMilitary(key);
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 1; i <= 150; i++) {
            lines.add(TestOrders.dyMagnet(i));
        }
        big.setLines(lines);
        send(ORDERS, key, big);
        send(ORDERS, key, TestOrders.civil(after, "DE", TestOrders.tShirts(1)).build());

        ConsumerRecord<String, byte[]> dead = awaitRecords(DEAD_LETTERS, key, rs -> !rs.isEmpty()).get(0);
        assertThat(header(dead, OrderIntake.HEADER_CODE)).isEqualTo("UNWRITABLE_OUTPUT");
        assertThat(header(dead, OrderIntake.HEADER_REASON)).contains("RecordTooLargeException");
        assertThat(awaitValues(DECISIONS, before, 1, ScreeningDecision.class)).hasSize(1);
        assertThat(awaitValues(DECISIONS, after, 1, ScreeningDecision.class)).hasSize(1);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(matchesPattern("(?s).*screening_pipeline_aborts_total(\\{[^}]*\\})? [1-9].*"));
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
