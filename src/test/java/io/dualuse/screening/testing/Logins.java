package io.dualuse.screening.testing;

import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** REST requests as the demo users of the test profile (application.properties). */
public final class Logins {

    private Logins() {
    }

    /** A compliance officer: reads, registers licences, reviews holds. */
    public static RequestSpecification officer() {
        return given().auth().preemptive().basic("officer", "officer");
    }

    /** Operations: reads only. */
    public static RequestSpecification ops() {
        return given().auth().preemptive().basic("ops", "ops");
    }
}
