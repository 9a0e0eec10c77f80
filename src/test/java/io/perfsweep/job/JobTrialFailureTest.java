package io.perfsweep.job;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.testsupport.ApiJobs;
import io.perfsweep.testsupport.EventInbox;
import io.perfsweep.testsupport.NatsServerResource;
import io.perfsweep.testsupport.PostgresResource;
import io.perfsweep.testsupport.ServiceFixture;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A trial that fails in the service, over the real NATS and PostgreSQL: the mock's one-shot stall (its fault option)
 * freezes every stream a few requests into the point's second trial, so its requests only time out and the job's
 * {@code maxDurationSeconds} runs out during that trial. The first trial is a whole measurement: it is kept (stored,
 * with its records), the point says why the next one failed ({@code sweep_point.failure}), and the job ends
 * {@code FAILED} with that reason.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = NatsServerResource.class, scope = TestResourceScope.GLOBAL)
class JobTrialFailureTest {

    private static final int REQUESTS = 40;
    private static final String FAILED = "io.perfsweep.job.failed.v1";

    private static ServiceFixture fixture;
    private static EventInbox inbox;

    @BeforeAll
    static void start() throws Exception {
        // 5 ms TTFT, 2 ms ITL: a trial of 40 requests takes about half a second; the stall starts with the 45th
        // request (5 into the second trial, a margin for any other request) and outlasts the job: the second trial's
        // requests then each wait out their 2 s timeout, 20 rounds at concurrency 2, far beyond the job's 25 s (the
        // client's one-time warm-up and the first trial take at most about 10 s of them on a loaded machine)
        fixture = ServiceFixture.start(MockEngineConfig.fixed(5, 2).withStall(REQUESTS + 5, 120_000));
        inbox = fixture.inbox();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.stop();
    }

    @Test
    void aTrialThatRunsOutOfTheJobsTimeKeepsTheEarlierTrialAndFailsTheJobWithTheReason() {
        String id = "trial-fails-" + UUID.randomUUID();
        ApiJobs.submit("""
                {"apiVersion": "perfsweep/v1", "id": "%s", "name": "trial-fails",
                 "target": {"url": "%s", "model": "Qwen/Qwen3-0.6B"},
                 "workload": {"type": "synthetic", "isl": 64, "islStd": 0, "osl": 8},
                 "load": {"type": "concurrency", "levels": [2], "requestCount": %d, "trials": 3,
                          "requestTimeoutSeconds": 2},
                 "maxDurationSeconds": 25}
                """.formatted(id, fixture.mock().baseUrl(), REQUESTS));

        JsonNode failed = inbox.await(FAILED, id, Duration.ofSeconds(60));

        String reason = "point c2: trial 2 of 3 failed (exceeded maxDurationSeconds = 25 during it); its 1 earlier"
                + " trial(s) are kept";
        assertThat(failed.path("state").asText()).isEqualTo("FAILED");
        assertThat(failed.path("reason").asText()).isEqualTo(reason);
        assertThat(failed.path("pointsDone").asInt()).isEqualTo(1);
        given().get("/api/jobs/{id}", id).then().statusCode(200).body("state", equalTo("FAILED"))
                .body("reason", equalTo(reason));
        List<Map<String, Object>> points = given().get("/api/jobs/{id}/points", id).then().statusCode(200).extract()
                .jsonPath().getList("$");
        assertThat(points).hasSize(1);
        assertThat(points.get(0)).containsEntry("label", "c2").containsEntry("trials", 1).containsEntry("failure",
                reason);
        // the kept trial is the whole first trial: every request of it answered, none of the stalled second one
        given().get("/api/jobs/{id}/points", id).then().body("[0].summary.request_count.avg",
                equalTo((float) REQUESTS));
    }
}
