package io.perfsweep.job;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.mock.MockLlmServer;
import io.perfsweep.report.AiperfAggregate;
import io.perfsweep.report.AiperfExport;
import io.perfsweep.report.RunSamples;
import io.perfsweep.testsupport.ApiJobs;
import io.perfsweep.testsupport.EventInbox;
import io.perfsweep.testsupport.NatsServerResource;
import io.perfsweep.testsupport.PostgresResource;
import io.perfsweep.testsupport.ServiceFixture;
import io.perfsweep.testsupport.ZipArchives;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Trials and verdicts in the service, over the real NATS and PostgreSQL: a job of two trials a point keeps each trial
 * and exports them in AIPerf's multi-run layout; a job naming a baseline is compared with it when it finishes, the
 * verdict in its {@code job.completed} event, in {@code GET /api/jobs/{id}} and on its report page.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = NatsServerResource.class, scope = TestResourceScope.GLOBAL)
class JobVerdictTest {

    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(120);
    private static final String COMPLETED = "io.perfsweep.job.completed.v1";
    private static final int REQUESTS = 40;

    private static ServiceFixture fixture;
    private static MockLlmServer slow;
    private static EventInbox inbox;
    /** The baseline job, run once against the fast mock with two trials a point. */
    private static String baselineId;
    private static String baselineName;

    @BeforeAll
    static void start() throws Exception {
        fixture = ServiceFixture.start(MockEngineConfig.fixed(5, 1));
        slow = MockLlmServer.startOnOwnVertx(MockEngineConfig.fixed(40, 1));
        inbox = fixture.inbox();
        baselineName = "verdict-base-" + UUID.randomUUID().toString().substring(0, 8);
        baselineId = "base-" + UUID.randomUUID();
    }

    /** Runs the baseline job once, from the first test that needs it (the REST API is up only inside a test). */
    private static synchronized JsonNode baselineCompleted() {
        if (inbox.find(COMPLETED, baselineId).isEmpty()) {
            ApiJobs.submit(job(baselineId, baselineName, fixture.mock().baseUrl(), 2, null));
        }
        return inbox.await(COMPLETED, baselineId, JOB_TIMEOUT);
    }

    @AfterAll
    static void stop() throws Exception {
        slow.close();
        fixture.stop();
    }

    @Test
    void eachTrialIsKeptAndExportedInAiperfsMultiRunLayout() throws IOException {
        JsonNode completed = baselineCompleted();
        // the point's figures are per trial (means over the trials), not the pooled count
        assertThat(completed.at("/points/0/metrics/request_count/avg").asDouble()).isEqualTo(REQUESTS);
        assertThat(completed.get("verdict").isNull()).isTrue();

        byte[] zip = given().get("/api/jobs/{id}/export", baselineId).then().statusCode(200).extract()
                .asByteArray();
        Path dir = ZipArchives.unzip(zip, Files.createDirectories(Path.of("target", "verdict-test")).resolve(baselineId));
        Path c2 = dir.resolve(baselineName).resolve("c2");
        for (int trial = 1; trial <= 2; trial++) {
            Path trialDir = AiperfAggregate.trialPath(c2, trial);
            assertThat(Files.readAllLines(trialDir.resolve(AiperfExport.JSONL_FILE))).hasSize(REQUESTS);
            assertThat(AiperfExport.read(trialDir.resolve(AiperfExport.JSON_FILE)).stat("request_count", "avg"))
                    .hasValue((double) REQUESTS);
        }
        assertThat(c2.resolve(AiperfExport.JSON_FILE)).doesNotExist();
        JsonNode aggregate = new ObjectMapper()
                .readTree(c2.resolve(AiperfAggregate.AGGREGATE_DIR).resolve(AiperfAggregate.JSON_FILE).toFile());
        assertThat(aggregate.at("/metadata/aggregation_type").asText()).isEqualTo("confidence");
        assertThat(aggregate.at("/metadata/num_profile_runs").asInt()).isEqualTo(2);
        assertThat(aggregate.at("/metrics/time_to_first_token_p50/t_critical").asDouble()).isBetween(12.70, 12.71);
        // compare reads the exported job as it reads a run folder: two trials a point
        RunSamples samples = RunSamples.read(dir.resolve(baselineName));
        assertThat(samples.points()).extracting(p -> p.trialCount()).containsExactly(2, 2);
    }

    @Test
    void aSlowerTargetIsRegressedAgainstItsBaselineInTheEventTheApiAndTheReport() {
        baselineCompleted();
        String id = "cand-" + UUID.randomUUID();
        ApiJobs.submit(job(id, "verdict-slow", slow.baseUrl(), 1, "{\"jobId\": \"" + baselineId + "\"}"));

        JsonNode verdict = inbox.await(COMPLETED, id, JOB_TIMEOUT).get("verdict");

        assertThat(verdict.get("verdict").asText()).as(verdict.toString()).isEqualTo("regressed");
        assertThat(verdict.at("/baseline/jobId").asText()).isEqualTo(baselineId);
        List<String> regressions = new ArrayList<>();
        verdict.get("regressions").forEach(r -> regressions.add(r.asText()));
        assertThat(regressions).contains("c1 time_to_first_token p50", "c2 time_to_first_token p50");
        assertThat(verdict.at("/points/1/point").asText()).isEqualTo("c2");
        assertThat(verdict.at("/points/1/metrics/0/metric").asText()).isEqualTo("time_to_first_token");
        assertThat(verdict.at("/points/1/metrics/0/changePct").asDouble()).isGreaterThan(100);
        given().get("/api/jobs/{id}", id).then().statusCode(200).body("state", equalTo("SUCCEEDED"))
                .body("verdict.verdict", equalTo("regressed")).body("verdict.baseline.jobId", equalTo(baselineId));
        String page = given().get("/api/jobs/{id}/report", id).then().statusCode(200).extract().asString();
        assertThat(page).contains("verdict against baseline " + baselineId,
                "<strong class=\"verdict-regressed\">regressed</strong>", "time_to_first_token");
    }

    @Test
    void theSameTargetAgainstTheLatestSucceededJobOfTheNameIsNotRegressed() {
        baselineCompleted();
        String id = "same-" + UUID.randomUUID();
        ApiJobs.submit(job(id, "verdict-same", fixture.mock().baseUrl(), 2,
                "{\"name\": \"" + baselineName + "\"}"));

        JsonNode verdict = inbox.await(COMPLETED, id, JOB_TIMEOUT).get("verdict");

        assertThat(verdict.at("/baseline/name").asText()).isEqualTo(baselineName);
        assertThat(verdict.at("/baseline/jobId").asText()).isEqualTo(baselineId);
        // the p99s of 40-request trials are too few to judge; the statistics that could be judged decide
        assertThat(verdict.get("verdict").asText()).as(verdict.toString()).isEqualTo("unchanged");
        // both sides ran two trials: the percentiles are judged on the trials' values
        assertThat(verdict.at("/points/0/metrics/0/note").asText()).contains("spread between trials (2 and 2)");
    }

    @Test
    void anUnknownOrUnfinishedBaselineIsInconclusiveWithTheReason() {
        String unknown = "unknown-" + UUID.randomUUID();
        ApiJobs.submit(job(unknown, "verdict-unknown", fixture.mock().baseUrl(), 1,
                "{\"jobId\": \"no-such-job\"}"));
        String noName = "noname-" + UUID.randomUUID();
        ApiJobs.submit(job(noName, "verdict-noname", fixture.mock().baseUrl(), 1,
                "{\"name\": \"never-ran-" + UUID.randomUUID() + "\"}"));

        JsonNode unknownVerdict = inbox.await(COMPLETED, unknown, JOB_TIMEOUT).get("verdict");
        JsonNode noNameVerdict = inbox.await(COMPLETED, noName, JOB_TIMEOUT).get("verdict");

        assertThat(unknownVerdict.get("verdict").asText()).isEqualTo("inconclusive");
        assertThat(unknownVerdict.get("reason").asText()).isEqualTo("baseline job no-such-job does not exist");
        assertThat(noNameVerdict.get("verdict").asText()).isEqualTo("inconclusive");
        assertThat(noNameVerdict.get("reason").asText()).startsWith("no succeeded job named never-ran-");
        given().get("/api/jobs/{id}", unknown).then().statusCode(200).body("state", equalTo("SUCCEEDED"))
                .body("verdict.reason", equalTo("baseline job no-such-job does not exist"));
    }

    private static String job(String id, String name, String url, int trials, String baseline) {
        return """
                {"apiVersion": "perfsweep/v1", "id": "%s", "name": "%s",
                 "target": {"url": "%s", "model": "Qwen/Qwen3-0.6B"},
                 "workload": {"type": "synthetic", "isl": 64, "islStd": 0, "osl": 8},
                 "load": {"type": "concurrency", "levels": [1, 2], "requestCount": %d, "trials": %d}%s}
                """.formatted(id, name, url, REQUESTS, trials, baseline == null ? "" : ", \"baseline\": " + baseline);
    }
}
