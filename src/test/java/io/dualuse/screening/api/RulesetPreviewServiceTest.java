package io.dualuse.screening.api;

import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.preview.PreviewRunner;
import io.dualuse.screening.testing.CandidateRulesets;
import io.dualuse.screening.testing.KafkaBrokerResource;
import io.dualuse.screening.testing.KafkaTestClient;
import io.dualuse.screening.testing.TestLicences;
import io.dualuse.screening.testing.TestOrders;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.dualuse.screening.testing.KafkaTestClient.awaitValues;
import static io.dualuse.screening.testing.KafkaTestClient.send;
import static io.dualuse.screening.testing.Logins.officer;
import static io.dualuse.screening.testing.Logins.ops;
import static io.dualuse.screening.testing.TestOrders.freshId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Shadow mode through the API, on the service's own pipeline and broker: orders are decided by
 * the ruleset in force, a candidate with one more measure is previewed over the window they came
 * in, and the preview shows which releases it would hold while every published decision, and the
 * ruleset in force, stay as they were.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class RulesetPreviewServiceTest {

    private static final String IN_FORCE = "CN-DU-2026.12.05";

    private static byte[] candidate(String version) {
        return CandidateRulesets.seedWithReviewFor(version, "JP", "2026-01-01").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCandidateMeasureTurnsTheRightReleasesIntoHoldsInThePreviewOnly() {
        Instant from = Instant.now().minusSeconds(1);
        String exporter = freshId("EXP-PREVIEW");
        String licence = freshId("LIC-PREVIEW");
        TestLicences.registerAptToOsaka(licence, exporter);
        String toJapan = freshId("PREVIEW-APT-JP");
        send(Topics.ORDERS, toJapan, TestOrders.aptToOsakaTools(toJapan, exporter, "100").build());
        String shirts = freshId("PREVIEW-SHIRTS-DE");
        send(Topics.ORDERS, shirts, TestOrders.civil(shirts, "DE", TestOrders.tShirts(1)).build());
        assertThat(awaitValues(Topics.RELEASES, toJapan, 1, ScreeningDecision.class)).isNotEmpty();
        assertThat(awaitValues(Topics.RELEASES, shirts, 1, ScreeningDecision.class)).isNotEmpty();

        ops().contentType("application/yaml").body(candidate("TEST-PREVIEW-1")).when().post("/api/v1/ruleset/preview")
                .then().statusCode(403);
        String location = officer().contentType("application/yaml").body(candidate("TEST-PREVIEW-1"))
                .queryParam("from", from.toString())
                .when().post("/api/v1/ruleset/preview")
                .then().statusCode(202)
                .header("Location", notNullValue())
                .body("candidate.version", equalTo("TEST-PREVIEW-1"))
                .body("inForce.version", equalTo(IN_FORCE))
                .body("startedBy", equalTo("officer"))
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);

        JsonPath done = await().atMost(Duration.ofSeconds(60)).until(() -> ops().when().get("/api/v1/ruleset/preview/" + id)
                .then().statusCode(200).extract().jsonPath(), p -> !"RUNNING".equals(p.getString("state")));
        assertThat(done.getString("state")).as(done.getString("error")).isEqualTo("DONE");
        assertThat(done.getList("result.transitions.findAll { it.from == 'RELEASE' && it.to == 'HOLD' }.orders", Integer.class))
                .singleElement().satisfies(n -> assertThat(n).isGreaterThanOrEqualTo(1));
        assertThat(done.getList("result.diff.measures.key", String.class)).containsExactly("TEST-REVIEW-JP");
        assertThat(done.getBoolean("result.retention.complete")).isTrue();

        List<Map<String, Object>> changed = allChanges(id);
        assertThat(changed).filteredOn(c -> toJapan.equals(c.get("orderId"))).singleElement().satisfies(c -> {
            assertThat(JsonPath.from(json(c)).getString("inForce.status")).isEqualTo("RELEASE");
            assertThat(JsonPath.from(json(c)).getString("candidate.status")).isEqualTo("HOLD");
            assertThat(JsonPath.from(json(c)).getList("candidate.reasons.measureId", String.class)).contains("TEST-REVIEW-JP");
        });
        assertThat(changed).extracting(c -> c.get("orderId")).doesNotContain(shirts);

        // nothing was published or drawn: one decision each, no hold, the ruleset in force unchanged
        assertThat(KafkaTestClient.recordsNow(Topics.DECISIONS, toJapan)).hasSize(1);
        assertThat(KafkaTestClient.recordsNow(Topics.HOLDS, toJapan)).isEmpty();
        ops().when().get("/api/v1/decisions/" + toJapan).then().statusCode(200).body("status", equalTo("RELEASE"))
                .body("rulesetVersion", equalTo(IN_FORCE));
        ops().when().get("/api/v1/ruleset").then().statusCode(200).body("version", equalTo(IN_FORCE));
        ops().when().get("/api/v1/licenses/" + licence).then().statusCode(200).body("remaining", equalTo(0.9f));

        officer().when().delete("/api/v1/ruleset/preview/" + id).then().statusCode(204);
        ops().when().get("/api/v1/ruleset/preview/" + id).then().statusCode(404).body("violations.field", hasItem("id"));
    }

    private static List<Map<String, Object>> allChanges(String id) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonPath p = ops().queryParam("page", page).queryParam("size", 100)
                    .when().get("/api/v1/ruleset/preview/" + id + "/changes").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = p.getList("items");
            all.addAll(items);
            if (items.size() < 100) {
                return all;
            }
        }
    }

    private static String json(Map<String, Object> m) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aBadCandidateOrWindowIsRefusedNamingWhatIsWrong() {
        byte[] broken = new String(candidate("TEST-PREVIEW-BAD"), StandardCharsets.UTF_8)
                .replace("effectiveFrom: 2026-01-01", "effectiveFrom: 2026-13-01").getBytes(StandardCharsets.UTF_8);
        officer().contentType("application/yaml").body(broken).when().post("/api/v1/ruleset/preview").then().statusCode(400)
                .body("error", equalTo("ruleset refused"))
                .body("violations.message", hasItem(startsWith("measures[0] TEST-REVIEW-JP: field 'effectiveFrom'")));
        officer().contentType("application/yaml").body(candidate("TEST-PREVIEW-2")).queryParam("from", "last tuesday")
                .when().post("/api/v1/ruleset/preview").then().statusCode(400).body("violations.field", equalTo(List.of("from")));
        officer().contentType("application/yaml").body(candidate("TEST-PREVIEW-2"))
                .queryParam("from", "2026-12-05").queryParam("to", "2026-12-01")
                .when().post("/api/v1/ruleset/preview").then().statusCode(400).body("violations.field", equalTo(List.of("from")));
        ops().when().get("/api/v1/ruleset/preview/no-such-preview").then().statusCode(404);
    }

    /** Holds previews until told: the first one is still running when the second comes. Not a bean of its own. */
    @jakarta.enterprise.inject.Vetoed
    static final class GatedRunner extends PreviewRunner {
        private final List<Runnable> held = new ArrayList<>();

        @Override
        public synchronized void execute(Runnable job) {
            held.add(job);
        }

        synchronized void runHeld() {
            held.forEach(Runnable::run);
            held.clear();
        }
    }

    @Test
    void aSecondPreviewGets409NamingTheRunningOneWhichCanBeCancelled() {
        GatedRunner runner = new GatedRunner();
        QuarkusMock.installMockForType(runner, PreviewRunner.class);
        String first = officer().contentType("application/yaml").body(candidate("TEST-PREVIEW-3"))
                .when().post("/api/v1/ruleset/preview").then().statusCode(202).body("state", equalTo("RUNNING"))
                .extract().path("id");

        officer().contentType("application/yaml").body(candidate("TEST-PREVIEW-4"))
                .when().post("/api/v1/ruleset/preview").then().statusCode(409).body("runningId", equalTo(first));
        officer().when().get("/api/v1/ruleset/preview/" + first + "/changes").then().statusCode(409);
        ops().when().delete("/api/v1/ruleset/preview/" + first).then().statusCode(403);
        officer().when().delete("/api/v1/ruleset/preview/" + first).then().statusCode(202);
        runner.runHeld();

        ops().when().get("/api/v1/ruleset/preview/" + first).then().statusCode(200).body("state", equalTo("CANCELLED"));
        String second = officer().contentType("application/yaml").body(candidate("TEST-PREVIEW-4"))
                .when().post("/api/v1/ruleset/preview").then().statusCode(202).extract().path("id");
        assertThat(second).isNotEqualTo(first);
        officer().when().delete("/api/v1/ruleset/preview/" + second).then().statusCode(202);
        runner.runHeld();
    }

    @Test
    void theDiffOfTwoActivatedVersionsIsDataByPath() {
        ops().when().get("/api/v1/ruleset/versions/" + IN_FORCE + "/diff/" + IN_FORCE).then().statusCode(200)
                .body("fromVersion", equalTo(IN_FORCE)).body("toVersion", equalTo(IN_FORCE))
                .body("measures.size()", equalTo(0)).body("catalog.size()", equalTo(0));
        ops().when().get("/api/v1/ruleset/versions/" + IN_FORCE + "/diff/NEVER-ACTIVATED").then().statusCode(404)
                .body("violations.field", equalTo(List.of("to")));
    }
}
