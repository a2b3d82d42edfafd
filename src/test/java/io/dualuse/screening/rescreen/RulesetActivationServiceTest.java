package io.dualuse.screening.rescreen;

import io.dualuse.screening.decision.event.DecisionStatus;
import io.dualuse.screening.decision.event.Reason;
import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.order.event.Party;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.rules.event.RulesetActivation;
import io.dualuse.screening.testing.KafkaBrokerResource;
import io.dualuse.screening.testing.KafkaTestClient;
import io.dualuse.screening.testing.TestOrders;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.dualuse.screening.testing.KafkaTestClient.awaitValues;
import static io.dualuse.screening.testing.KafkaTestClient.send;
import static io.dualuse.screening.testing.Logins.officer;
import static io.dualuse.screening.testing.Logins.ops;
import static io.dualuse.screening.testing.TestOrders.freshId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * A new announcement means a new ruleset at run time: it is validated whole, published on the
 * ruleset topic for every instance, and an order released but not yet shipped that the new rules
 * control is held again, with the decision published; an open hold whose outcome stays the same
 * cites the new rules, on the audit topic only. Its own profile, ruleset topic and hold-state topic:
 * the changed ruleset and the holds it re-screens must not leak into other tests' service instances.
 */
@QuarkusTest
@TestProfile(RulesetActivationServiceTest.OwnInstance.class)
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class RulesetActivationServiceTest {

    public static class OwnInstance implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "test";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("screening.topics.rulesets", rulesetTopic(), "screening.topics.holds-state", holdsStateTopic());
        }
    }

    private static String rulesetTopic() {
        return KafkaTestClient.ownCompactedTopic("rulesets-activation-test");
    }

    private static String holdsStateTopic() {
        return KafkaTestClient.ownCompactedTopic("holds-state-activation-test");
    }

    private static String seedWithTextilesControlled() throws IOException {
        try (InputStream in = RulesetActivationServiceTest.class.getClassLoader().getResourceAsStream("rulesets/cn-dual-use.yaml")) {
            String seed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return seed.replace("version: CN-DU-2026.12.05", "version: TEST-TEXTILES-1")
                    .replace("\ncatalog:\n", """

                            catalog:
                            - controlNumber: 9X999.t
                              description: Test entry that controls cotton T-shirts
                              family: TEXTILE_TEST
                              itemType: GOODS
                              legalBasis: test announcement
                              source: PRC-ECL
                              effectiveFrom: 2026-01-01
                              referenceCodes:
                              - code: '6109100010'
                              codeIsConclusive: true
                            """);
        }
    }

    @Test
    void releasedOrderNotYetShippedIsHeldWhenANewRulesetControlsIt() throws IOException {
        String id = freshId("SHIRTS-BEFORE-RULESET");
        // export date in the future: released, not yet shipped (whatever day the test runs)
        send(Topics.ORDERS, id, TestOrders.civil(id, "DE", TestOrders.tShirts(1)).setExportDate("2030-06-03").build());
        assertThat(awaitValues(Topics.RELEASES, id, 1, ScreeningDecision.class)).isNotEmpty();
        // held for a licence, which the new ruleset does not change
        String unchanged = freshId("APT-HELD-BEFORE-RULESET");
        send(Topics.ORDERS, unchanged, TestOrders.civil(unchanged, "DE", TestOrders.apt(1, "400")).setExportDate("2030-06-03")
                // an exporter of its own: no other test's licence covers it
                .setExporter(Party.newBuilder().setId(freshId("EXP-UNLICENSED")).setName("Unlicensed Co.").setCountry("CN").build())
                .build());
        assertThat(awaitValues(Topics.HOLDS, unchanged, 1, ScreeningDecision.class).get(0).getRulesetVersion()).isEqualTo("CN-DU-2026.12.05");

        String yaml = seedWithTextilesControlled();
        ops().contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8)).when().post("/api/v1/ruleset").then().statusCode(403);
        officer().contentType("application/yaml").body(yaml.replace("effectiveFrom: 2026-01-01", "effectiveFrom: 2026-13-01").getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/ruleset").then().statusCode(400)
                .body("violations.message", hasItem("catalog[0] 9X999.t: field 'effectiveFrom' must be an ISO date (yyyy-mm-dd), got '2026-13-01'"));

        officer().contentType("application/yaml").body(yaml.replace("publishedAt: 2026-12-05", "publishedAt: 2026-01-01")
                        .getBytes(StandardCharsets.UTF_8)).when().post("/api/v1/ruleset").then().statusCode(409)
                .body("violations.field", hasItem("publishedAt"));

        String sha256 = officer().contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8)).when().post("/api/v1/ruleset")
                .then().statusCode(200)
                .body("version", equalTo("TEST-TEXTILES-1"))
                .body("rescreened", greaterThanOrEqualTo(1))
                .extract().path("sha256");

        // on the topic, for the other instances and for this one's next start
        RulesetActivation published = awaitValues(rulesetTopic(), "TEST-TEXTILES-1", 1, RulesetActivation.class).get(0);
        assertThat(published).extracting(RulesetActivation::getActivatedBy, RulesetActivation::getSha256, RulesetActivation::getYaml)
                .containsExactly("officer", sha256, yaml);
        // and for auditors: which ruleset was in force since when, and its file
        ops().when().get("/api/v1/ruleset/history").then().statusCode(200)
                .body("version", equalTo(List.of("TEST-TEXTILES-1", "CN-DU-2026.12.05")))
                .body("activatedBy", equalTo(List.of("officer", "configuration")))
                .body("inForce", equalTo(List.of(true, false)))
                .body("[0].sha256", equalTo(sha256));
        assertThat(ops().when().get("/api/v1/ruleset/versions/TEST-TEXTILES-1").then().statusCode(200)
                .contentType("application/yaml").extract().asString()).isEqualTo(yaml);
        ops().when().get("/api/v1/ruleset/versions/NEVER-ACTIVATED").then().statusCode(404);

        ScreeningDecision held = awaitValues(Topics.HOLDS, id, 1, ScreeningDecision.class).get(0);
        assertThat(held.getStatus()).isEqualTo(DecisionStatus.HOLD);
        assertThat(held.getRulesetVersion()).isEqualTo("TEST-TEXTILES-1");
        assertThat(held.getReasons()).extracting(Reason::getControlNumber).contains("9X999.t");
        ops().when().get("/api/v1/ruleset").then().statusCode(200).body("version", equalTo("TEST-TEXTILES-1"));
        ops().when().get("/api/v1/holds/" + id).then().statusCode(200).body("history.kind", hasItem("RESCREENED"));

        // the unchanged hold: a second decision on the audit topic, under the new rules, same outcome
        List<ScreeningDecision> audit = awaitValues(Topics.DECISIONS, unchanged, 2, ScreeningDecision.class);
        assertThat(audit).extracting(ScreeningDecision::getRulesetVersion, ScreeningDecision::getStatus)
                .containsExactly(tuple("CN-DU-2026.12.05", DecisionStatus.HOLD), tuple("TEST-TEXTILES-1", DecisionStatus.HOLD));
        assertThat(audit.get(1).getReasons()).extracting(Reason::getCode).isEqualTo(audit.get(0).getReasons().stream().map(Reason::getCode).toList());
        // the hold cites them (a review quotes them), and its history says it was screened again
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> ops().when().get("/api/v1/holds/" + unchanged).then().statusCode(200)
                .body("decision.rulesetVersion", equalTo("TEST-TEXTILES-1"))
                .body("history.kind", equalTo(List.of("SCREENED", "RESCREENED"))));
        // nothing for warehouses and carriers to act on: the logistics topic still has the one hold
        assertThat(KafkaTestClient.awaitRecords(Topics.HOLDS, unchanged, rs -> !rs.isEmpty())).hasSize(1);
    }
}
