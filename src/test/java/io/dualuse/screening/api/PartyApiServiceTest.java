package io.dualuse.screening.api;

import io.dualuse.screening.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.dualuse.screening.testing.Logins.officer;
import static io.dualuse.screening.testing.Logins.ops;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/** Parties through the REST edge: the dry run screens every party; the lists can be queried by name. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class PartyApiServiceTest {

    private static String order(String id, String endUser, String type, String exportDate, String line) {
        return """
                {"orderId": "%s", "orderVersion": 1, "exportDate": "%s",
                 "exporter": {"id": "EXP-P-1", "name": "Exporter Co., Ltd.", "country": "CN"},
                 "consignee": {"name": "Consignee", "country": "JP"},
                 "endUser": {"name": "%s", "country": "JP", "type": "%s"},
                 "endUse": {"category": "CIVIL", "description": "research"},
                 "shipFrom": "CN", "shipTo": "JP", "finalDestination": "JP",
                 "lines": [%s]}
                """.formatted(id, exportDate, endUser, type, line);
    }

    private static final String GALLIUM = """
            {"lineNo": 1, "description": "gallium metal 6N", "commodityCode": "8112929090", "controlNumber": "3C001.a",
             "originCountry": "CN", "quantity": 20, "unit": "KG"}""";
    private static final String T_SHIRTS = """
            {"lineNo": 1, "description": "cotton T-shirts", "commodityCode": "6109100000", "originCountry": "CN",
             "quantity": 500, "unit": "PCS"}""";

    @Test
    void theDryRunRejectsADualUseLineForJaxaTypedGovernmentInJapanese() {
        ops().contentType(ContentType.JSON)
                .body(order("PARTY-" + UUID.randomUUID(), "国立研究開発法人宇宙航空研究開発機構", "GOVERNMENT", "2026-06-01", GALLIUM))
                .when().post("/api/v1/screenings")
                .then().statusCode(200)
                .body("status", equalTo("REJECT"))
                .body("reasons.code", hasItem("PROHIBITED"))
                .body("reasons.measureId", hasItem(startsWith("CTRL-20260224-")));
        // not a dual-use line: the control list does not touch it
        ops().contentType(ContentType.JSON)
                .body(order("PARTY-" + UUID.randomUUID(), "JAXA", "GOVERNMENT", "2026-06-01", T_SHIRTS))
                .when().post("/api/v1/screenings")
                .then().statusCode(200)
                .body("status", equalTo("RELEASE"));
    }

    @Test
    void aNameCanBeLookedUpInAnyScript() {
        ops().queryParam("name", "洛克希德·馬丁公司").queryParam("country", "US").queryParam("date", "2026-06-01")
                .when().get("/api/v1/parties/matches")
                .then().statusCode(200)
                .body("$", hasSize(greaterThanOrEqualTo(1)))
                .body("[0].displayName", equalTo("Lockheed Martin Corporation"))
                .body("[0].confident", equalTo(true))
                .body("[0].standing", equalTo("IN_FORCE"));
        officer().queryParam("name", "Bavaria Motors GmbH").when().get("/api/v1/parties/matches")
                .then().statusCode(200).body("$", hasSize(0));
        ops().when().get("/api/v1/parties").then().statusCode(200)
                .body("entries", equalTo(274)).body("version", startsWith("PL-"));
    }

    @Test
    void aBadQueryIs400NamingTheField() {
        ops().queryParam("name", "").queryParam("date", "01/06/2026").when().get("/api/v1/parties/matches")
                .then().statusCode(400)
                .body("violations.field", hasItem("name"))
                .body("violations.field", hasItem("date"));
        given().queryParam("name", "JAXA").when().get("/api/v1/parties/matches").then().statusCode(401);
    }
}
