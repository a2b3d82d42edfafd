package io.dualuse.screening.api;

import io.dualuse.screening.decision.event.DecisionStatus;
import io.dualuse.screening.decision.event.Reason;
import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.order.event.Party;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.review.event.ReviewRecord;
import io.dualuse.screening.testing.KafkaBrokerResource;
import io.dualuse.screening.testing.TestOrders;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.dualuse.screening.testing.KafkaTestClient.awaitRecords;
import static io.dualuse.screening.testing.KafkaTestClient.awaitValues;
import static io.dualuse.screening.testing.KafkaTestClient.send;
import static io.dualuse.screening.testing.Logins.officer;
import static io.dualuse.screening.testing.Logins.ops;
import static io.dualuse.screening.testing.TestOrders.freshId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** A HOLD is the start of work: licences clear it, officers review it, and warehouses hear of it at once. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class HoldsLifecycleServiceTest {

    private static final Logger LOG = Logger.getLogger(HoldsLifecycleServiceTest.class);

    private static OrderEvent aptOrder(String id, String exporter, String kg) {
        return TestOrders.civil(id, "DE", TestOrders.apt(1, kg))
                .setExporter(Party.newBuilder().setId(exporter).setName("Exporter").setCountry("CN").build())
                .setEndUser(Party.newBuilder().setName("Stuttgart Hartmetall GmbH").setCountry("DE").setType("COMMERCIAL").build())
                .build();
    }

    private static String licence(String number, String exporter, String tonnes) {
        return """
                {"licenseNumber": "%s", "exporterId": "%s", "controlNumbers": ["1C117.d"],
                 "destinationCountry": "DE", "endUserName": "Stuttgart Hartmetall", "quantity": "%s", "unit": "T",
                 "validFrom": "2026-01-01", "validTo": "2026-12-31", "status": "ACTIVE"}""".formatted(number, exporter, tonnes);
    }

    @Test
    void openHoldsAreListedAPageAtATimeOldestFirst() {
        String exporter = freshId("EXP-PAGE");
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = freshId("PAGE-" + i);
            ids.add(id);
            send(Topics.ORDERS, exporter, aptOrder(id, exporter, "300")); // one key: decided in this order
            awaitValues(Topics.HOLDS, id, 1, ScreeningDecision.class);
        }
        ops().queryParam("exporter", exporter).queryParam("limit", 2)
                .when().get("/api/v1/holds").then().statusCode(200)
                .header("X-Total-Count", "3").body("orderId", equalTo(ids.subList(0, 2)));
        ops().queryParam("exporter", exporter).queryParam("limit", 2).queryParam("offset", 2)
                .when().get("/api/v1/holds").then().statusCode(200)
                .header("X-Total-Count", "3").body("orderId", equalTo(ids.subList(2, 3)));
        ops().queryParam("limit", 0).when().get("/api/v1/holds").then().statusCode(400).body(containsString("limit"));
        ops().queryParam("limit", 5_001).when().get("/api/v1/holds").then().statusCode(400).body(containsString("limit"));
        ops().queryParam("offset", -1).when().get("/api/v1/holds").then().statusCode(400).body(containsString("offset"));
        // an instance merging pages asks the others for everything up to the end of its page
        ops().header("X-Screening-Forwarded-By", "another-instance").queryParam("exporter", exporter).queryParam("limit", 5_001)
                .when().get("/api/v1/holds").then().statusCode(200)
                .header("X-Total-Count", "3").body("orderId", equalTo(ids));
        // alone in its group, the instance answers from what it keeps: nothing is forwarded, nothing unreachable
        ops().when().get("/api/v1/holds/" + freshId("NEVER-HELD")).then().statusCode(404);
        ops().queryParam("exporter", exporter).when().get("/api/v1/holds").then().statusCode(200)
                .header("X-Screening-Unreachable", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void heldOrderIsReleasedWhenItsLicenceIsPublished() {
        String exporter = freshId("EXP");
        String id = freshId("WAIT-LIC");
        send(Topics.ORDERS, id, aptOrder(id, exporter, "300"));
        assertThat(awaitValues(Topics.HOLDS, id, 1, ScreeningDecision.class).get(0).getStatus()).isEqualTo(DecisionStatus.HOLD);
        ops().when().get("/api/v1/holds/" + id).then().statusCode(200)
                .body("summary.reasons", hasItem("LICENSE_REQUIRED"))
                .body("summary.toClear[0]", equalTo("a licence covering 1C117.d.1 for line 1"))
                .body("history.kind", equalTo(List.of("SCREENED")));
        ops().queryParam("reasonCode", "LICENSE_REQUIRED").queryParam("exporter", exporter)
                .when().get("/api/v1/holds").then().statusCode(200).body("orderId", equalTo(List.of(id)));
        ops().queryParam("exporter", exporter).queryParam("destination", "JP")
                .when().get("/api/v1/holds").then().statusCode(200).body("orderId", equalTo(List.of()));

        long registered = System.currentTimeMillis();
        officer().contentType(ContentType.JSON).body(licence(freshId("LIC"), exporter, "1"))
                .when().post("/api/v1/licenses").then().statusCode(201);

        ScreeningDecision released = awaitValues(Topics.RELEASES, id, 1, ScreeningDecision.class).get(0);
        LOG.infof("held order released %d ms after its licence was registered", System.currentTimeMillis() - registered);
        assertThat(released.getReasons()).extracting(Reason::getCode).contains("LICENSED");
        // the release closes the hold on the holds topic too
        assertThat(awaitValues(Topics.HOLDS, id, 2, ScreeningDecision.class)).extracting(ScreeningDecision::getStatus)
                .containsExactly(DecisionStatus.HOLD, DecisionStatus.RELEASE);
        ops().when().get("/api/v1/holds/" + id).then().statusCode(404);
        // and the open-hold state got its tombstone
        assertThat(awaitRecords(Topics.HOLDS_STATE, id, rs -> rs.stream().anyMatch(r -> r.value() == null))).isNotEmpty();
    }

    @Test
    void prohibitionIsReleasedOnlyByAnOfficerWithAnAuditedOverride() {
        String id = freshId("JP-MIL-REVIEW");
        send(Topics.ORDERS, id, TestOrders.japaneseMilitary(id));
        assertThat(awaitValues(Topics.HOLDS, id, 1, ScreeningDecision.class).get(0).getStatus()).isEqualTo(DecisionStatus.REJECT);
        String release = """
                {"action": "RELEASE", "reason": "MOFCOM confirmed in writing the goods are for a civil research reactor", "reviewer": "Li Wei"}""";

        ops().contentType(ContentType.JSON).body(release).when().post("/api/v1/holds/" + id + "/review").then().statusCode(403);
        officer().contentType(ContentType.JSON).body(release).when().post("/api/v1/holds/" + id + "/review")
                .then().statusCode(409).body("error", org.hamcrest.Matchers.containsString("override: true"));
        officer().contentType(ContentType.JSON).body("{\"action\": \"RELEASE\", \"reason\": \" \", \"reviewer\": \"Li Wei\", \"override\": true}")
                .when().post("/api/v1/holds/" + id + "/review").then().statusCode(400);

        officer().contentType(ContentType.JSON).body(release.replace("}", ", \"override\": true}"))
                .when().post("/api/v1/holds/" + id + "/review").then().statusCode(200)
                .body("status", equalTo("RELEASE"))
                .body("reasons.code", hasItem("OVERRIDE_RELEASE"));

        ReviewRecord review = awaitValues(Topics.REVIEWS, id, 1, ReviewRecord.class).get(0);
        assertThat(review.getOverride()).isTrue();
        assertThat(review.getRecordedBy()).isEqualTo("officer");
        assertThat(review.getReviewer()).isEqualTo("Li Wei");
        assertThat(awaitValues(Topics.RELEASES, id, 1, ScreeningDecision.class).get(0).getReasons())
                .extracting(Reason::getCode).contains("PROHIBITED", "OVERRIDE_RELEASE");
        ops().when().get("/api/v1/holds/" + id).then().statusCode(404);
        officer().contentType(ContentType.JSON).body(release).when().post("/api/v1/holds/" + id + "/review").then().statusCode(404);
    }

    @Test
    void officerCanRejectAHold() {
        String id = freshId("REJECT-BY-REVIEW");
        send(Topics.ORDERS, id, aptOrder(id, freshId("EXP"), "10"));
        awaitValues(Topics.HOLDS, id, 1, ScreeningDecision.class);
        officer().contentType(ContentType.JSON)
                .body("{\"action\": \"REJECT\", \"reason\": \"end user on internal watch list\", \"reviewer\": \"Li Wei\"}")
                .when().post("/api/v1/holds/" + id + "/review").then().statusCode(200).body("status", equalTo("REJECT"));
        assertThat(awaitValues(Topics.HOLDS, id, 2, ScreeningDecision.class)).extracting(ScreeningDecision::getStatus)
                .containsExactly(DecisionStatus.HOLD, DecisionStatus.REJECT);
    }

    @Test
    void licencesImportFromCsvWithPerRowErrors() {
        String exporter = freshId("EXP-CSV");
        String a = freshId("CSV-A");
        String csv = String.join("\n",
                "licenseNumber,exporterId,controlNumbers,commodityCodes,destinationCountry,endUserName,quantity,unit,validFrom,validTo,status",
                a + "," + exporter + ",1C117.d;1C117.c,,DE,Stuttgart Hartmetall,2,T,2026-01-01,2026-12-31,ACTIVE",
                a + "," + exporter + ",1C117.d,,DE,Stuttgart Hartmetall,3,T,2026-01-01,2026-12-31,ACTIVE",
                "CSV-BAD," + exporter + ",,,Germany,X,lots,KG,2026-01-01,2025-01-01,MAYBE");
        officer().urlEncodingEnabled(false).contentType("text/csv").body(csv).when().post("/api/v1/licenses:import").then().statusCode(200)
                .body("created", equalTo(1)).body("updated", equalTo(1)).body("invalid", equalTo(1))
                .body("rows.outcome", equalTo(List.of("CREATED", "UPDATED", "INVALID")))
                .body("rows[2].violations.field", hasItem("destinationCountry"))
                .body("rows[2].violations.field", hasItem("status"))
                .body("rows[2].violations.field", not(hasItem("licenseNumber")));
        ops().when().get("/api/v1/licenses/" + a).then().statusCode(200).body("license.quantity", equalTo(3));
        ops().urlEncodingEnabled(false).contentType("text/csv").body(csv).when().post("/api/v1/licenses:import").then().statusCode(403);
    }
}
