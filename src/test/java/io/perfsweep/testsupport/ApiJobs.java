package io.perfsweep.testsupport;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.Set;

import org.awaitility.Awaitility;

/** Jobs through the running service's REST API, as a user submits and follows them. */
public final class ApiJobs {

    /** The key {@code %test.perfsweep.api.keys} configures. */
    public static final String API_KEY = "test-api-key";

    private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED", "REJECTED");

    private ApiJobs() {
    }

    /** POSTs the job spec and expects it queued (202). */
    public static void submit(String specJson) {
        given().header("X-API-Key", API_KEY).contentType("application/json").body(specJson).post("/api/jobs").then()
                .statusCode(202);
    }

    /** Waits until the job is in a terminal state and returns that state. */
    public static String awaitEnd(String id, Duration timeout) {
        return Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(250))
                .until(() -> given().get("/api/jobs/{id}", id).then().extract().path("state"), TERMINAL::contains);
    }
}
