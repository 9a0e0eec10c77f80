package io.perfsweep.job;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    void theHighestConcurrencyUnderTheSloIsPublishedStoredAndOnTheReportPage() {
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

        String page = given().get("/api/jobs/{id}/report", id).then().statusCode(200).extract().asString();
        assertThat(page).contains("SLO search over concurrency",
                "<th class=\"text\">max_concurrency_under_slo</th><td class=\"text\"><strong>4</strong></td>",
                "<th class=\"text\">first failing load</th><td class=\"text\">5</td>",
                "<th class=\"text\">knee</th><td class=\"text\">4</td>", "converged (the highest passing",
                "<th class=\"text\">target good-request fraction</th><td class=\"text\">0.9</td>");
        List<String> expected = new ArrayList<>();
        search.get("probes").forEach(p -> expected.add(p.get("point").asText() + " "
                + String.format(Locale.ROOT, "%.4f", p.get("good_request_fraction").asDouble()) + " "
                + (p.get("passed").asBoolean() ? "pass" : "FAIL")));
        // the probes in the order they ran, each with its fraction and verdict as the event has them
        assertThat(probeRows(page)).containsExactlyElementsOf(expected)
                .extracting(row -> row.substring(0, row.indexOf(' ')) + row.substring(row.lastIndexOf(' ')))
                .containsExactly("c1 pass", "c2 pass", "c4 pass", "c8 FAIL", "c6 FAIL", "c5 FAIL");
    }

    /** A dead target has no SLO limit to find: the job fails with the sweep's reason, not "the minimum fails". */
    @Test
    void aSearchAgainstADeadTargetFailsTheJobWithItsReason() {
        String id = "search-dead-" + UUID.randomUUID();
        ApiJobs.submit("""
                {"apiVersion": "perfsweep/v1", "id": "%s", "name": "search-dead",
                 "target": {"url": "http://127.0.0.1:1", "model": "Qwen/Qwen3-0.6B", "serverMetrics": false},
                 "workload": {"type": "synthetic", "isl": 100, "islStd": 0, "osl": 8},
                 "load": {"type": "search", "max": 8, "requestCount": 10},
                 "slo": {"ttftMs": 200}}
                """.formatted(id));

        JsonNode failed = inbox.await("io.perfsweep.job.failed.v1", id, JOB_TIMEOUT);

        assertThat(failed.path("state").asText()).isEqualTo("FAILED");
        assertThat(failed.path("reason").asText()).contains("every request failed", "CONNECT");
        assertThat(inbox.find(COMPLETED, id)).isEmpty();
        given().get("/api/jobs/{id}", id).then().statusCode(200).body("state", equalTo("FAILED"));
    }

    /**
     * Over request rate, with arrivals evenly spaced so the answer does not hang on the arrival draws: the engine
     * serves about 9.4 requests/s (4 slots of about 0.42 s), so at 4 requests/s no request waits for a slot and at 16
     * most do; the limit lies between, found by doubling from 4 then bisection, every probe an open-loop point.
     */
    @Test
    void theHighestRequestRateUnderTheSloIsFoundBetweenTheBoundsThatSurelyPassAndFail() {
        String id = "search-rate-" + UUID.randomUUID();
        ApiJobs.submit("""
                {"apiVersion": "perfsweep/v1", "id": "%s", "name": "search-rate",
                 "target": {"url": "%s", "model": "Qwen/Qwen3-0.6B"},
                 "workload": {"type": "synthetic", "isl": 100, "islStd": 0, "osl": 64},
                 "load": {"type": "search", "over": "rate", "arrival": "constant", "min": 4, "max": 32,
                          "goodRequestFraction": 0.9, "requestCount": 40, "warmupRequestCount": 4},
                 "slo": {"ttftMs": 200}}
                """.formatted(id, fixture.mock().baseUrl()));

        JsonNode search = inbox.await(COMPLETED, id, JOB_TIMEOUT).get("search");

        assertThat(search.get("over").asText()).isEqualTo("rate");
        assertThat(search.has("max_concurrency_under_slo")).isFalse();
        double limit = search.get("max_request_rate_under_slo").asDouble();
        double minFailing = search.get("min_failing").asDouble();
        assertThat(limit).as(search.toString()).isGreaterThanOrEqualTo(4).isLessThan(16);
        assertThat(minFailing).as(search.toString()).isGreaterThan(limit).isLessThanOrEqualTo(16);
        assertThat((minFailing - limit) / minFailing).as(search.toString()).isLessThan(0.05);
        assertThat(search.get("stop").asText()).isEqualTo("converged");
        List<String> probes = search.get("probes").findValuesAsText("point");
        // doubling from the lower bound (measured: r4, r8, r16, then r12, r10, r9, r9.5, r9.75)
        assertThat(probes).startsWith("r4", "r8").allMatch(p -> p.matches("r\\d+(\\.\\d+)?"));
        assertThat(search.get("probes").get(0).get("passed").asBoolean()).isTrue();
        assertThat(inbox.find(POINT_COMPLETED, id)).hasSize(probes.size());
        given().get("/api/jobs/{id}", id).then().statusCode(200).body("state", equalTo("SUCCEEDED"))
                .body("pointsDone", equalTo(probes.size())).body("search.over", equalTo("rate"));
        String page = given().get("/api/jobs/{id}/report", id).then().statusCode(200).extract().asString();
        assertThat(page).contains("SLO search over rate", "<th class=\"text\">max_request_rate_under_slo</th>",
                "<th class=\"text\">bounds</th><td class=\"text\">4..32 req/s</td>");
        assertThat(probeRows(page)).hasSize(probes.size());
    }

    /** The probes' table of a report page, a row as {@code c4 1.0000 pass}. */
    private static List<String> probeRows(String page) {
        int start = page.indexOf("<table class=\"points probes\">");
        assertThat(start).as("the page has a probes table").isNotNegative();
        String table = page.substring(start, page.indexOf("</table>", start));
        Matcher row = Pattern.compile("<tr><td>\\d+</td><td class=\"text\">([^<]+)</td><td>[^<]+</td><td>([^<]+)</td>"
                + "<td class=\"text probe-\\w+\">(pass|FAIL)</td>").matcher(table);
        List<String> rows = new ArrayList<>();
        while (row.find()) {
            rows.add(row.group(1) + " " + row.group(2) + " " + row.group(3));
        }
        return rows;
    }
}
