package io.dualuse.screening.api;

import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.state.CompactedTopicTail;
import io.dualuse.screening.testing.KafkaBrokerResource;
import io.dualuse.screening.testing.KafkaTestClient;
import io.dualuse.screening.testing.TestOrders;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.dualuse.screening.testing.KafkaTestClient.awaitValues;
import static io.dualuse.screening.testing.KafkaTestClient.send;
import static io.dualuse.screening.testing.TestOrders.freshId;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;

/** The REST edge: dry run, licences, decisions, health and metrics. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class RestApiServiceTest {

    static io.restassured.specification.RequestSpecification asOfficer() {
        return given().auth().preemptive().basic("officer", "officer");
    }

    static io.restassured.specification.RequestSpecification asOps() {
        return given().auth().preemptive().basic("ops", "ops");
    }

    private static String order(String id, String exporter, String endUserName, String endUserType, String lines) {
        return """
                {"orderId": "%s", "orderVersion": 1, "exportDate": "2026-11-24",
                 "exporter": {"id": "%s", "name": "Exporter Co., Ltd.", "country": "CN"},
                 "consignee": {"name": "Consignee", "country": "JP"},
                 "endUser": {"name": "%s", "country": "JP", "type": "%s"},
                 "endUse": {"category": "CIVIL", "description": "industrial"},
                 "shipFrom": "CN", "shipTo": "JP", "finalDestination": "JP",
                 "lines": %s}
                """.formatted(id, exporter, endUserName, endUserType, lines);
    }

    private static final String APT_LINE = """
            [{"lineNo": 1, "description": "ammonium paratungstate", "commodityCode": "2841801000",
              "originCountry": "CN", "quantity": 400, "unit": "KG"}]""";

    @Test
    void dryRunReturnsTheDecisionWithReasons() {
        String id = freshId("DRY");
        asOfficer().contentType(ContentType.JSON).body(order(id, "EXP-R-1", "JMSDF", "MILITARY", APT_LINE))
                .when().post("/api/v1/screenings")
                .then().statusCode(200)
                .body("orderId", equalTo(id))
                .body("status", equalTo("REJECT"))
                .body("reasons.code", hasItem("PROHIBITED"))
                .body("reasons.measureId", hasItem("CN-JP-2026-1-MILITARY"))
                .body("rulesetVersion", equalTo("CN-DU-2026.12.05"));
        // a dry run publishes nothing and records nothing
        asOfficer().when().get("/api/v1/decisions/" + id).then().statusCode(404);
    }

    @Test
    void invalidOrderGets400ListingEveryBadField() {
        String body = order("", "EXP-R-1", "X", "GENERAL", """
                [{"lineNo": 1, "commodityCode": "28A1", "originCountry": "CN", "quantity": -1, "unit": "KG",
                  "composition": [{"element": "Dy", "weightPercent": "120"}]}]""")
                .replace("\"finalDestination\": \"JP\"", "\"finalDestination\": \"XX\"")
                .replace("2026-11-24", "24/11/2026");
        asOfficer().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/screenings")
                .then().statusCode(400)
                .body("violations.field", hasItems("orderId", "exportDate", "endUser.type", "finalDestination",
                        "lines[0].commodityCode", "lines[0].quantity", "lines[0].composition[0].weightPercent"));
        asOfficer().contentType(ContentType.JSON).body("{not json")
                .when().post("/api/v1/screenings")
                .then().statusCode(400).body("error", equalTo("malformed JSON"));
    }

    @Test
    void registeredLicenceReleasesTheDryRunAndThePipeline() {
        String exporter = freshId("EXP");
        String number = freshId("LIC");
        String licence = """
                {"licenseNumber": "%s", "exporterId": "%s", "controlNumbers": ["1C117.d"],
                 "destinationCountry": "JP", "endUserName": "Osaka Tools K.K.", "quantity": "1", "unit": "T",
                 "validFrom": "2026-01-01", "validTo": "2026-12-31", "status": "ACTIVE"}""".formatted(number, exporter);
        asOfficer().contentType(ContentType.JSON).body(licence).when().post("/api/v1/licenses").then().statusCode(201);
        asOfficer().contentType(ContentType.JSON).body(licence).when().post("/api/v1/licenses").then().statusCode(200);
        asOfficer().when().get("/api/v1/licenses/" + number).then().statusCode(200)
                .body("license.endUserName", equalTo("Osaka Tools K.K.")).body("license.quantity", equalTo(1))
                .body("remaining", equalTo(1));
        asOfficer().when().get("/api/v1/licenses/NOPE-" + number).then().statusCode(404);

        String dry = order(freshId("LIC-DRY"), exporter, "OSAKA TOOLS", "COMMERCIAL", APT_LINE);
        asOfficer().contentType(ContentType.JSON).body(dry).when().post("/api/v1/screenings")
                .then().statusCode(200).body("status", equalTo("RELEASE"))
                .body("licenseAllocations[0].licenseNumber", equalTo(number));

        // through Kafka: the order draws 400 kg of the 1 t, then the decision is visible over REST
        String id = freshId("LIC-PIPE");
        var event = TestOrders.civil(id, "JP", TestOrders.apt(1, "400"))
                .setExporter(io.dualuse.screening.order.event.Party.newBuilder().setId(exporter).setName("E").setCountry("CN").build())
                .setEndUser(io.dualuse.screening.order.event.Party.newBuilder().setName("Osaka Tools KK").setCountry("JP").setType("COMMERCIAL").build())
                .build();
        send(Topics.ORDERS, id, event);
        awaitValues(Topics.RELEASES, id, 1, io.dualuse.screening.decision.event.ScreeningDecision.class);
        // read back from the audit topic where the decision log points; the pipeline notes the
        // position just after its commit, which a reader of the topic may see a moment sooner
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                asOfficer().when().get("/api/v1/decisions/" + id).then().statusCode(200).body("status", equalTo("RELEASE"))
                        .body("orderId", equalTo(id)).body("orderVersion", equalTo(1)));
        asOps().when().get("/api/v1/licenses/" + number).then().statusCode(200).body("remaining", equalTo(0.6f));
        // 600 kg are left: a dry run for 700 kg is held
        asOfficer().contentType(ContentType.JSON).body(dry.replace("\"quantity\": 400", "\"quantity\": 700"))
                .when().post("/api/v1/screenings").then().statusCode(200).body("status", equalTo("HOLD"));
    }

    @Test
    void readingNeedsARoleAndWritingNeedsComplianceOfficer() {
        given().contentType(ContentType.JSON).body(order(freshId("ANON"), "E", "X", "COMMERCIAL", APT_LINE))
                .when().post("/api/v1/screenings").then().statusCode(401);
        given().auth().preemptive().basic("officer", "wrong").contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/screenings").then().statusCode(401);
        asOps().contentType(ContentType.JSON).body(order(freshId("OPS"), "E", "X", "COMMERCIAL", APT_LINE))
                .when().post("/api/v1/screenings").then().statusCode(200);
        asOps().contentType(ContentType.JSON).body("{\"licenseNumber\": \"L-OPS\"}")
                .when().post("/api/v1/licenses").then().statusCode(403);
        asOps().when().get("/api/v1/holds").then().statusCode(200);
    }

    @Test
    void invalidLicenceGets400() {
        asOfficer().contentType(ContentType.JSON).body("""
                {"licenseNumber": "L-BAD", "exporterId": "E", "destinationCountry": "Japan", "endUserName": "X",
                 "quantity": "lots", "unit": "KG", "validFrom": "2026-01-01", "validTo": "2025-01-01", "status": "ACTIVE"}""")
                .when().post("/api/v1/licenses")
                .then().statusCode(400)
                .body("violations.field", hasItems("controlNumbers", "destinationCountry", "quantity", "validTo"));
    }

    @Test
    void livenessTurnsDownWhileAStateTopicReaderHasDied() {
        given().when().get("/q/health/live").then().statusCode(200)
                .body("checks.find { it.name == 'state-readers' }.status", equalTo("UP"));
        String topic = KafkaTestClient.createCompactedTopic("dying-reader");
        Map<String, Object> kafka = Map.of("bootstrap.servers", KafkaBrokerResource.bootstrapServers());
        // an Error out of a reader's apply is what an OutOfMemoryError short of the heap's end looks like to it
        try (CompactedTopicTail tail = new CompactedTopicTail(kafka, topic, (k, v) -> {
            throw new AssertionError("reader thread dies on " + k);
        }).start()) {
            send(topic, "poison", "x".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> tail.caughtUp().isCompletedExceptionally());
            given().when().get("/q/health/live").then().statusCode(503)
                    .body("checks.find { it.name == 'state-readers' }.status", equalTo("DOWN"))
                    .body(containsString(topic)).body(containsString("reader thread dies on poison"));
        }
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void healthIncludesTheRulesetAndKafkaAndMetricsCountDecisions() {
        io.dualuse.screening.testing.Readiness.awaitReady();
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItems("ruleset"))
                .body(containsString("CN-DU-2026.12.05"))
                .body("checks.find { it.name == 'order-pipeline' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'order-pipeline' }.data.delivery", equalTo("EXACTLY_ONCE"));
        asOfficer().contentType(ContentType.JSON).body(order(freshId("M"), "EXP-R-1", "X", "COMMERCIAL", APT_LINE))
                .when().post("/api/v1/screenings").then().statusCode(200);
        String id = freshId("METRIC");
        send(Topics.ORDERS, id, TestOrders.civil(id, "DE", TestOrders.tShirts(1)).build());
        awaitValues(Topics.DECISIONS, id, 1, io.dualuse.screening.decision.event.ScreeningDecision.class);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("screening_decisions_total{status=\"RELEASE\"}"))
                .body(containsString("screening_latency_seconds_bucket"))
                // the released-orders watch, on the dashboard
                .body(matchesPattern("(?s).*\\nscreening_released_watched(\\{[^}]*})? \\d.*"))
                .body(matchesPattern("(?s).*\\nscreening_released_forgotten_total(\\{[^}]*})? \\d.*"))
                // the pipeline's consumer lag, which the dashboard and the autoscaler watch
                .body(matchesPattern("(?s).*kafka_consumer_fetch_manager_records_lag_max\\{[^}]*client_id=\"[^\"]*-pipeline\".*"));
    }
}
