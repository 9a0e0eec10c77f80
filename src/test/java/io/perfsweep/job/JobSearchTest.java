package io.perfsweep.job;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * A {@code search} job in the service, over the real NATS and PostgreSQL, against a mock whose answer is known: a
 * simulated engine running at most 4 requests at once, so from concurrency 5 on requests queue a whole request for a
 * slot and one in five (or more) misses the 200 ms TTFT SLO (see {@code SearchAgainstMockTest}). Each probe is a stored point
 * with its own {@code point.completed} event; the limit,
 * the knee and the probes are in {@code job.completed} and in the job's row ({@code GET /api/jobs/{id}}).
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = NatsServerResource.class, scope = TestResourceScope.GLOBAL)
class JobSearchTest {

    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(180);
    private static final String COMPLETED = "io.perfsweep.job.completed.v1";
    private static final String POINT_COMPLETED = "io.perfsweep.point.completed.v1";

    private static ServiceFixture fixture;
    private static EventInbox inbox;

    @BeforeAll
    static void start() throws Exception {
        fixture = ServiceFixture.start(MockEngineConfig.simulated(1.0).withMaxNumSeqs(4));
        inbox = fixture.inbox();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.stop();
    }

    @Test
    void theHighestConcurrencyUnderTheSloIsPublishedAndStored() {
        String id = "search-" + UUID.randomUUID();
        ApiJobs.submit("""
                {"apiVersion": "perfsweep/v1", "id": "%s", "name": "search-limit",
                 "target": {"url": "%s", "model": "Qwen/Qwen3-0.6B"},
                 "workload": {"type": "synthetic", "isl": 100, "islStd": 0, "osl": 64},
                 "load": {"type": "search", "max": 16, "goodRequestFraction": 0.9, "requestCount": 40,
                          "warmupRequestCount": 4},
                 "slo": {"ttftMs": 200}}
                """.formatted(id, fixture.mock().baseUrl()));

        JsonNode search = inbox.await(COMPLETED, id, JOB_TIMEOUT).get("search");

        assertThat(search.get("max_concurrency_under_slo").asInt()).as(search.toString()).isEqualTo(4);
        assertThat(search.get("min_failing").asInt()).isEqualTo(5);
        assertThat(search.get("knee").asInt()).isEqualTo(4);
        assertThat(search.get("stop").asText()).isEqualTo("converged");
        List<String> probes = new ArrayList<>();
        search.get("probes").forEach(p -> probes.add(p.get("point").asText()));
        assertThat(probes).containsExactly("c1", "c2", "c4", "c8", "c6", "c5");
        assertThat(inbox.find(POINT_COMPLETED, id)).hasSize(6);
        given().get("/api/jobs/{id}", id).then().statusCode(200).body("state", equalTo("SUCCEEDED"))
                .body("pointsDone", equalTo(6)).body("pointsTotal", equalTo(6))
                .body("search.max_concurrency_under_slo", equalTo(4)).body("search.knee", equalTo(4));
    }
}
