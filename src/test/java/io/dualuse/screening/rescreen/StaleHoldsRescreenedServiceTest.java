package io.dualuse.screening.rescreen;

import io.dualuse.screening.decision.event.DecisionStatus;
import io.dualuse.screening.decision.event.Reason;
import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.review.event.HoldEvent;
import io.dualuse.screening.review.event.HoldRecord;
import io.dualuse.screening.testing.Fixtures;
import io.dualuse.screening.testing.KafkaBrokerResource;
import io.dualuse.screening.testing.KafkaTestClient;
import io.dualuse.screening.testing.TestOrders;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.dualuse.screening.testing.KafkaTestClient.awaitValues;
import static io.dualuse.screening.testing.Logins.ops;
import static io.dualuse.screening.testing.TestOrders.freshId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * An instance that takes over partitions screens again the open holds there that were decided with
 * another ruleset than the one in force: their previous owner may have died before it re-screened
 * them, or every instance restarted with a newer configured ruleset. The hold-state topic of this
 * test's instance starts with two holds written "before the restart": one decided with an older
 * ruleset, one with the ruleset in force. Only the first is screened again (and released).
 */
@QuarkusTest
@TestProfile(StaleHoldsRescreenedServiceTest.RestartedInstance.class)
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class StaleHoldsRescreenedServiceTest {

    private static final String STALE = freshId("HELD-UNDER-OLD-RULES");
    private static final String CURRENT = freshId("HELD-UNDER-CURRENT-RULES");
    private static final String SEED_HASH = Fixtures.SEED_RULESET.contentHash();

    public static class RestartedInstance implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "test";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("screening.topics.holds-state", holdsState(), "screening.topics.rulesets", rulesets());
        }
    }

    private static String holdsState;

    /** The hold-state topic as the instances before the restart left it. */
    private static synchronized String holdsState() {
        if (holdsState == null) {
            holdsState = KafkaTestClient.createCompactedTopic("holds-state-stale-test");
            KafkaTestClient.send(holdsState, STALE, heldTShirts(STALE, "0".repeat(64), "CN-DU-2026.01.01"));
            KafkaTestClient.send(holdsState, CURRENT, heldTShirts(CURRENT, SEED_HASH, "CN-DU-2026.12.05"));
        }
        return holdsState;
    }

    private static String rulesets() {
        return KafkaTestClient.ownCompactedTopic("rulesets-stale-test");
    }

    /** T-shirts, which the seed releases, held with a reason the seed would not give. */
    private static HoldRecord heldTShirts(String id, String rulesetHash, String rulesetVersion) {
        OrderEvent order = TestOrders.civil(id, "DE", TestOrders.tShirts(1)).setExportDate("2030-06-03").build();
        Instant at = Instant.parse("2026-06-01T08:00:00Z");
        ScreeningDecision held = ScreeningDecision.newBuilder()
                .setOrderId(id).setOrderVersion(order.getOrderVersion()).setStatus(DecisionStatus.HOLD)
                .setReasons(List.of(Reason.newBuilder().setCode("RULESET_STALE").setOutcome(DecisionStatus.HOLD)
                        .setMessage("the ruleset was older than the configured maximum age").setEvidence(List.of()).build()))
                .setLicenseAllocations(List.of())
                .setRulesetVersion(rulesetVersion).setRulesetHash(rulesetHash).setDecidedAt(at).build();
        return HoldRecord.newBuilder().setOrderId(id).setOrder(order).setDecision(held).setOpenedAt(at)
                .setHistory(List.of(new HoldEvent(at, "SCREENED", DecisionStatus.HOLD, null, null))).build();
    }

    @Test
    void holdDecidedWithAnotherRulesetIsScreenedAgainWhenItsPartitionMovesHere() {
        ScreeningDecision released = awaitValues(Topics.RELEASES, STALE, 1, ScreeningDecision.class).get(0);
        assertThat(released).extracting(ScreeningDecision::getStatus, ScreeningDecision::getRulesetHash)
                .containsExactly(DecisionStatus.RELEASE, SEED_HASH);
        await().atMost(Duration.ofSeconds(30)).until(() -> ops().when().get("/api/v1/holds/" + STALE).statusCode() == 404);

        // decided with the ruleset in force: left as the officers see it
        ops().when().get("/api/v1/holds/" + CURRENT).then().statusCode(200).body("decision.status", equalTo("HOLD"));
    }
}
