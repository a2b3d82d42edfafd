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

    /**
     * A console session: logs in through the form, as the browser does, and sends its cookie. A
     * redirect is answered, not followed, so a test sees where the console sends it.
     */
    public static RequestSpecification console(String user) {
        String cookie = given().redirects().follow(false).formParam("j_username", user).formParam("j_password", user)
                .when().post("/j_security_check").then().statusCode(302).extract().cookie("quarkus-credential");
        if (cookie == null) {
            throw new IllegalStateException("form login of " + user + " set no session cookie");
        }
        return given().redirects().follow(false).cookie("quarkus-credential", cookie);
    }

    /** Operations: reads only. */
    public static RequestSpecification ops() {
        return given().auth().preemptive().basic("ops", "ops");
    }
}
