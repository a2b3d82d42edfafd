package io.dualuse.screening.testing;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * The service under test is ready once its pipeline has its partitions and has read their holds and
 * draws; a test that reads that state right after the start waits for it here.
 */
public final class Readiness {

    private Readiness() {
    }

    public static void awaitReady() {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> given().when().get("/q/health/ready").then().extract().statusCode() == 200);
    }
}
