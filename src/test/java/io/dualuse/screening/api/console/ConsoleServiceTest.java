package io.dualuse.screening.api.console;

import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.testing.KafkaBrokerResource;
import io.dualuse.screening.testing.TestOrders;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import java.time.LocalDate;
import java.time.ZoneOffset;

import static io.dualuse.screening.testing.KafkaTestClient.awaitValues;
import static io.dualuse.screening.testing.KafkaTestClient.send;
import static io.dualuse.screening.testing.Logins.console;
import static io.dualuse.screening.testing.Logins.officer;
import static io.dualuse.screening.testing.Logins.ops;
import static io.dualuse.screening.testing.TestOrders.freshId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** The console over HTTP: who may open and change what, and the answers to bad input. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class ConsoleServiceTest {

    @Test
    void theConsoleNeedsALoginItsAssetsAndLoginPageDoNot() {
        given().redirects().follow(false).when().get("/").then().statusCode(302).header("Location", endsWith("/login"));
        given().redirects().follow(false).when().get("/console/licences").then().statusCode(302).header("Location", endsWith("/login"));
        given().when().get("/login").then().statusCode(200).body(containsString("j_security_check"));
        given().when().get("/assets/console.css").then().statusCode(200);
        given().when().get("/assets/console.js").then().statusCode(200);
        // a demo password on the console is the form's business, not basic authentication's
        officer().redirects().follow(false).when().get("/").then().statusCode(302);
    }

    @Test
    void opsMayReadButEveryWriteIsRefused() {
        var ops = console("ops");
        ops.when().get("/").then().statusCode(200).body(containsString("Open holds")).body(not(containsString("review-form")))
                .body(not(containsString("id=\"elsewhere\""))); // alone in its group: every hold is listed here
        console("ops").formParam("action", "RELEASE").formParam("reason", "looks fine")
                .when().post("/console/holds/ANY-ORDER/review").then().statusCode(403);
        console("ops").formParam("licenseNumber", "L-1").when().post("/console/licences").then().statusCode(403);
        console("ops").multiPart("file", "x.csv", "licenseNumber,exporterId\n".getBytes())
                .when().post("/console/licences/import").then().statusCode(403);
        console("ops").multiPart("file", "r.yaml", "version: x\n".getBytes())
                .when().post("/console/rulesets").then().statusCode(403);
    }

    @Test
    void badFiltersAndFormsAnswer400NamingTheField() {
        console("officer").queryParam("reasonCode", "NOT_A_CODE").when().get("/").then().statusCode(400)
                .body(containsString("reasonCode: unknown reason code"));
        console("officer").queryParam("olderThanMinutes", "soon").when().get("/console/holds/rows").then().statusCode(400)
                .body(containsString("olderThanMinutes"));
        console("officer").formParam("licenseNumber", freshId("LIC-FORM")).formParam("exporterId", "EXP-1")
                .formParam("quantity", "many").formParam("unit", "KG").formParam("validFrom", "2026-01-01").formParam("validTo", "2026-12-31")
                .formParam("status", "ACTIVE")
                .when().post("/console/licences").then().statusCode(400).body(containsString("quantity"));
        console("officer").queryParam("from", "yesterday").queryParam("to", "2026-12-31")
                .when().get("/console/decisions/export.csv").then().statusCode(400).body(containsString("from:"));
        console("officer").queryParam("from", "2026-12-31").queryParam("to", "2026-12-01")
                .when().get("/console/decisions/export.csv").then().statusCode(400).body(containsString("to: must not be before from"));
        console("officer").queryParam("from", "NO-SUCH-VERSION").queryParam("to", "NO-SUCH-VERSION")
                .when().get("/console/rulesets").then().statusCode(400).body(containsString("from: no ruleset"));
        console("officer").queryParam("orderId", freshId("NEVER-SENT")).when().get("/console/decisions").then().statusCode(404)
                .body(containsString("orderId: no decision"));
    }

    @Test
    void anAuditorsExportHasTheDaysDecisionsFromTheAuditTopic() throws IOException {
        String id = freshId("CONSOLE-EXPORT");
        send(Topics.ORDERS, id, TestOrders.civil(id, "DE", TestOrders.tShirts(1)).build());
        awaitValues(Topics.RELEASES, id, 1, ScreeningDecision.class);
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        String csv = console("ops").queryParam("from", today).queryParam("to", today)
                .when().get("/console/decisions/export.csv").then().statusCode(200)
                .header("Content-Disposition", containsString("decisions-" + today + "-to-" + today + ".csv"))
                .extract().asString();
        assertThat(csv.lines().findFirst()).hasValue(
                "decidedAt,orderId,orderVersion,status,reasonCodes,controlNumbers,measureIds,reviewer,reviewReason,rulesetVersion,rulesetHash");
        assertThat(rows(csv)).as("the export:%n%s", csv).filteredOn(r -> r.get("orderId").equals(id)).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("status", "RELEASE").containsEntry("reasonCodes", "NOT_CONTROLLED"));
        // the same through the API; yesterday's export does not have it
        String api = ops().queryParam("from", today).queryParam("to", today).accept("text/csv")
                .when().get("/api/v1/decisions").then().statusCode(200).extract().asString();
        assertThat(rows(api)).extracting(r -> r.get("orderId")).contains(id);
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        assertThat(ops().queryParam("from", yesterday).queryParam("to", yesterday).accept("text/csv")
                .when().get("/api/v1/decisions").then().statusCode(200).extract().asString()).doesNotContain(id);
        ops().queryParam("from", today).queryParam("to", "2030-01-01").accept("text/csv")
                .when().get("/api/v1/decisions").then().statusCode(400).body(containsString("at most 366 days"));
    }

    @Test
    void anOfficerRegistersALicenceFromTheFormAndSeesItsBalance() {
        String number = freshId("LIC-FORM");
        console("officer").formParam("licenseNumber", number).formParam("exporterId", freshId("EXP-FORM"))
                .formParam("controlNumbers", "1C117.d; 1C117.c").formParam("destinationCountry", "DE").formParam("endUserName", "Stuttgart Hartmetall GmbH")
                .formParam("quantity", "1.5").formParam("unit", "T").formParam("validFrom", "2026-01-01").formParam("validTo", "2026-12-31")
                .formParam("status", "ACTIVE")
                .when().post("/console/licences").then().statusCode(200)
                .body(containsString("licence " + number + " created"))
                .body(containsString("<tr data-licence=\"" + number + "\">"))
                .body(not(containsString("kept by"))); // alone in its group, this instance keeps every balance
        ops().when().get("/api/v1/licenses/" + number).then().statusCode(200)
                .body("license.controlNumbers.size()", equalTo(2)).body("remaining", equalTo(1.5f));
    }

    @Test
    void aRulesetFileWithProblemsIsRefusedWithEachProblemAndNothingChanges() {
        String before = ops().when().get("/api/v1/ruleset").then().statusCode(200).extract().path("sha256");
        console("officer").multiPart("file", "broken.yaml", "version: BROKEN-1\npublishedAt: not-a-date\n".getBytes())
                .when().post("/console/rulesets").then().statusCode(400).body(containsString("ruleset refused"));
        console("officer").multiPart("file", "empty.yaml", new byte[0])
                .when().post("/console/rulesets").then().statusCode(400);
        ops().when().get("/api/v1/ruleset").then().statusCode(200).body("sha256", equalTo(before));
    }

    private static List<Map<String, String>> rows(String csv) throws IOException {
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            return it.readAll();
        }
    }

    @Test
    void theRulesetInForceComparedWithItselfHasNoChange() {
        String version = ops().when().get("/api/v1/ruleset").then().statusCode(200).extract().path("version");
        ops().queryParam("from", version).queryParam("to", version).when().get("/api/v1/ruleset/diff").then().statusCode(200)
                .body("fromVersion", equalTo(version)).body("catalog.size()", equalTo(0)).body("measures.size()", equalTo(0));
        ops().queryParam("from", version).queryParam("to", "NO-SUCH").when().get("/api/v1/ruleset/diff").then().statusCode(404)
                .body("violations[0].field", equalTo("to"));
        ops().queryParam("from", version).when().get("/api/v1/ruleset/diff").then().statusCode(400)
                .body("violations[0].field", equalTo("to"));
        console("officer").queryParam("from", version).queryParam("to", version).when().get("/console/rulesets").then().statusCode(200)
                .body(containsString(version + " → " + version + ": no change."));
    }
}
