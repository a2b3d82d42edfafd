package io.dualuse.screening.testing;

import io.restassured.http.ContentType;

import static io.dualuse.screening.testing.Logins.officer;

/** Licences registered through the REST API, as a compliance officer would. */
public final class TestLicences {

    private TestLicences() {
    }

    /**
     * A new licence of 1 t of APT (1C117.d) for {@code exporterId}, to Osaka Tools K.K. in Japan,
     * valid 2026 to 2030: it covers {@link TestOrders#aptToOsakaTools}.
     */
    public static void registerAptToOsaka(String licenseNumber, String exporterId) {
        officer().contentType(ContentType.JSON).body("""
                {"licenseNumber": "%s", "exporterId": "%s", "controlNumbers": ["1C117.d"],
                 "destinationCountry": "JP", "endUserName": "Osaka Tools K.K.", "quantity": "1", "unit": "T",
                 "validFrom": "2026-01-01", "validTo": "2030-12-31", "status": "ACTIVE"}""".formatted(licenseNumber, exporterId))
                .when().post("/api/v1/licenses").then().statusCode(201);
    }
}
