package io.perfsweep.job;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.nats.client.Connection;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.mock.MockLlmServer;
import io.perfsweep.store.JobEntity;
import io.perfsweep.testsupport.EventInbox;
import io.perfsweep.testsupport.NatsServerResource;
import io.perfsweep.testsupport.PostgresResource;
import io.perfsweep.testsupport.ServiceFixture;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The service end to end over real NATS JetStream and PostgreSQL: jobs published as plain JSON by a client that is
 * not the app's, results in the database, events read back from NATS, bad input rejected with a stored reason.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = NatsServerResource.class, scope = TestResourceScope.GLOBAL)
class JobServiceTest {

    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);

    @Inject
    JobRunner runner;

    @Inject
    JobStates states;

    private static ServiceFixture fixture;
    private static MockLlmServer mock;
    private static Connection nats;
    private static EventInbox inbox;

    @BeforeAll
    static void start() throws Exception {
        fixture = ServiceFixture.start(MockEngineConfig.fixed(2, 0.5));
        mock = fixture.mock();
        nats = fixture.nats();
        inbox = fixture.inbox();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.stop();
    }

    @Test
    void aPlainJsonJobRunsEveryPointStoresItAndAnnouncesCompletion() throws Exception {
        String id = "svc-" + UUID.randomUUID();
        publish(job(id, "svc-complete", mock.baseUrl()), null);

        var completed = inbox.await("io.perfsweep.job.completed.v1", id, JOB_TIMEOUT);

        assertThat(completed.path("points")).hasSize(2);
        assertThat(completed.at("/run/gpuCount").asInt()).isEqualTo(1);
        assertThat(completed.at("/points/1/metrics/request_count/avg").asDouble()).isEqualTo(4.0);
        assertThat(completed.at("/points/0/metrics/time_to_first_token/p50").asDouble()).isPositive();
        // each point is in the planner arrays unless the client's timing was distorted there (a busy test JVM)
        var distorted = new ArrayList<String>();
        completed.path("points").forEach(point -> {
            if ("distorted".equals(point.at("/clientHealth/verdict").asText())) {
                distorted.add(point.path("label").asText());
            }
        });
        var excluded = new ArrayList<String>();
        completed.at("/planner/excluded_points").forEach(label -> excluded.add(label.asText()));
        assertThat(excluded).isEqualTo(distorted);
        assertThat(completed.at("/planner/prefill_isl")).hasSize(2 - distorted.size());
        assertThat(completed.at("/planner/z_thpt_per_gpu")).hasSize(2 - distorted.size())
                .allSatisfy(throughput -> assertThat(throughput.asDouble()).isPositive());
        assertThat(inbox.find("io.perfsweep.point.completed.v1", id)).hasSize(2);
        given().get("/api/jobs/{id}", id).then().statusCode(200).body("state", equalTo("SUCCEEDED"))
                .body("pointsDone", equalTo(2)).body("pointsTotal", equalTo(2));
        given().get("/api/jobs/{id}/points", id).then().statusCode(200).body("$", hasSize(2))
                .body("[1].concurrency", equalTo(2)).body("[1].summary.request_count.avg", equalTo(4.0f));
    }

    @Test
    void thePlannerBlockTakesTheKvCapacityTheServerTellsAndEachPointCarriesTheServersView() throws Exception {
        // a mock with a KV cache (the fixture's fixed-timing mock has none): 2048 blocks of 16 tokens
        MockLlmServer kvMock = MockLlmServer.startOnOwnVertx(MockEngineConfig.simulated(10).withBlockSize(16)
                .withNumGpuBlocks(2048));
        try {
            String id = "svc-" + UUID.randomUUID();
            publish(job(id, "svc-server-metrics", kvMock.baseUrl()), null);

            var completed = inbox.await("io.perfsweep.job.completed.v1", id, JOB_TIMEOUT);

            assertThat(completed.at("/planner/max_kv_tokens").asLong()).isEqualTo(2048L * 16);
            int fitted = completed.at("/planner/prefill_isl").size();
            assertThat(completed.at("/planner/x_kv_usage")).hasSize(fitted);
            completed.at("/planner/x_kv_usage").forEach(usage -> assertThat(usage.asDouble()).isPositive());
            for (var point : completed.path("points")) {
                assertThat(point.at("/server/facts/server").asText()).isEqualTo("vllm");
                assertThat(point.at("/server/facts/max_kv_tokens").asLong()).isEqualTo(2048L * 16);
                assertThat(point.at("/server/client_vs_server/ttft_ms/server_avg").asDouble()).isPositive();
            }
        } finally {
            kvMock.close();
        }
    }

    @Test
    void theSameJobIdPublishedThreeTimesRunsOnce() throws Exception {
        String id = "svc-" + UUID.randomUUID();
        String name = "svc-dedup-" + id.substring(4, 12);
        for (int i = 0; i < 3; i++) {
            publish(job(id, name, mock.baseUrl()), null);
        }

        inbox.await("io.perfsweep.job.completed.v1", id, JOB_TIMEOUT);
        // Give the two duplicates time to be delivered and handled before counting.
        Thread.sleep(2000);

        assertThat(inbox.find("io.perfsweep.job.completed.v1", id)).hasSize(1);
        assertThat(inbox.find("io.perfsweep.point.completed.v1", id)).hasSize(2);
        assertThat(mock.groundTruth()).filteredOn(truth -> truth.requestId().startsWith(name + "-")).hasSize(8);
    }

    static List<Object[]> invalidJobs() {
        String valid = job("ID", "bad-input", "http://127.0.0.1:9");
        return List.of(
                new Object[] { "empty message", "", "empty" },
                // jsonb holds no U+0000: such messages were neither stored nor published, only retried and dropped
                new Object[] { "binary with NUL bytes", "\0\1\2binary\0", "not valid JSON" },
                new Object[] { "a NUL escaped in a text", valid.replace("Qwen/Qwen3-0.6B", "Qwen\\u0000"),
                        "target.model contains a NUL character (U+0000), which cannot be stored" },
                new Object[] { "not JSON", "{\"apiVersion\": \"perfsweep/v1\", \"name\": ", "not valid JSON" },
                new Object[] { "NaN, which JSON has not", valid.replace("\"osl\": 8", "\"osl\": NaN"),
                        "the job is not valid JSON: Non-standard token 'NaN' (line 3, column" },
                new Object[] { "text after the job", valid + "{}",
                        "the job is not valid JSON: there is more after the end of the job (line 5, column 1)" },
                new Object[] { "wrong types", valid.replace("\"levels\": [1, 2]", "\"levels\": \"ten\""), "levels" },
                new Object[] { "unknown apiVersion", valid.replace("perfsweep/v1", "perfsweep/v9"), "apiVersion" },
                new Object[] { "bad name", valid.replace("\"bad-input\"", "\"../etc\""), "name" },
                new Object[] { "concurrency 0", valid.replace("[1, 2]", "[0]"), "load.levels[0]" },
                new Object[] { "concurrency 10^9", valid.replace("[1, 2]", "[1000000000]"), "load.levels[0]" },
                new Object[] { "missing target", valid.replaceAll("\"target\": \\{[^}]*\\},", ""), "target" },
                new Object[] { "target outside the allow-list", valid.replace("http://127.0.0.1:9",
                        "http://169.254.169.254:80"), "is not allowed" },
                new Object[] { "metrics URL outside the allow-list", valid.replace("\"url\": \"http://127.0.0.1:9\"",
                        "\"url\": \"http://127.0.0.1:9\", \"metricsUrls\": [\"169.254.169.254:80\"]"),
                        "target.metricsUrls host '169.254.169.254' is not allowed" },
                new Object[] { "mistyped target URL scheme", valid.replace("http://127.0.0.1:9", "htp:/bad"),
                        "target.url = \"htp:/bad\" has neither http(s):// nor a port" },
                new Object[] { "target URL port 0", valid.replace("127.0.0.1:9", "127.0.0.1:0"),
                        "target.url = \"http://127.0.0.1:0\" has no valid host and port" });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidJobs")
    void anInvalidJobIsRejectedWithAStoredAndPublishedReason(String what, String payload, String reasonMentions)
            throws Exception {
        // The rejected job keeps the id it gave, or (not even JSON) its Nats-Msg-Id: the same value here.
        String id = "bad-" + UUID.randomUUID();
        publish(payload.replace("\"id\": \"ID\"", "\"id\": \"" + id + "\""), id);

        var failed = inbox.await("io.perfsweep.job.failed.v1", id, Duration.ofSeconds(20));

        assertThat(failed.path("state").asText()).isEqualTo("REJECTED");
        assertThat(failed.path("reason").asText()).contains(reasonMentions);
        given().get("/api/jobs/{id}", id).then().statusCode(200).body("state", equalTo("REJECTED"))
                .body("reason", equalTo(failed.path("reason").asText()));
    }

    @Test
    void aDeadTargetFailsTheJobWithItsReasonAndTheServiceGoesOn() throws Exception {
        String id = "svc-" + UUID.randomUUID();
        publish(job(id, "svc-dead-target", "http://127.0.0.1:1"), null);

        var failed = inbox.await("io.perfsweep.job.failed.v1", id, JOB_TIMEOUT);

        assertThat(failed.path("state").asText()).isEqualTo("FAILED");
        assertThat(failed.path("reason").asText()).contains("every request failed", "CONNECT");
        String next = "svc-" + UUID.randomUUID();
        publish(job(next, "svc-after-dead", mock.baseUrl()), null);
        inbox.await("io.perfsweep.job.completed.v1", next, JOB_TIMEOUT);
    }

    @Test
    void aCancelledJobStopsWithinSecondsAndKeepsThePointsItFinished() throws Exception {
        // Requests of 400 tokens take about 0.2 s at this mock: point c4 (80 requests) about 4 s, point c1 about 16 s.
        String id = "svc-" + UUID.randomUUID();
        publish(job(id, "svc-cancel", mock.baseUrl()).replace("\"osl\": 8", "\"osl\": 400")
                .replace("[1, 2]", "[4, 1]").replace("\"requestCount\": 4", "\"requestCount\": 80"), null);
        inbox.await("io.perfsweep.point.completed.v1", id, JOB_TIMEOUT);

        long cancelNanos = System.nanoTime();
        given().header("X-API-Key", "test-api-key").delete("/api/jobs/{id}", id).then().statusCode(202);

        var cancelled = inbox.await("io.perfsweep.job.failed.v1", id, JOB_TIMEOUT);
        // Far less than the 16 s the running point needs: the cancel stopped it, not the point's end.
        assertThat(Duration.ofNanos(System.nanoTime() - cancelNanos)).isLessThan(Duration.ofSeconds(8));
        assertThat(cancelled.path("state").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.path("pointsDone").asInt()).isEqualTo(1);
        given().get("/api/jobs/{id}/points", id).then().statusCode(200).body("$", hasSize(1))
                .body("[0].label", equalTo("c4"));
        given().get("/api/jobs/{id}", id).then().body("state", equalTo("CANCELLED"));
    }

    @Test
    void aJobThatNoInstanceHoldsIsCancelledAtOnceAndNeverRunsWhenItsMessageComesLater() throws Exception {
        // Stored QUEUED with its message still to come: as when the instance that took it died before it started.
        String id = "svc-" + UUID.randomUUID();
        String name = "svc-cancel-queued-" + id.substring(4, 12);
        String spec = job(id, name, mock.baseUrl());
        states.queue(JobEntity.queued(id, name, spec, mock.baseUrl(), "Qwen/Qwen3-0.6B", 2));

        given().header("X-API-Key", "test-api-key").delete("/api/jobs/{id}", id).then().statusCode(200)
                .body("state", equalTo("CANCELLED"));

        var cancelled = inbox.await("io.perfsweep.job.failed.v1", id, JOB_TIMEOUT);
        assertThat(cancelled.path("state").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.path("reason").asText()).isEqualTo("cancelled before it started");
        publish(spec, null);
        // a job after it on the same target, so its message has surely been handled when this one ends
        String after = "svc-" + UUID.randomUUID();
        publish(job(after, "svc-after-cancel", mock.baseUrl()), null);
        inbox.await("io.perfsweep.job.completed.v1", after, JOB_TIMEOUT);
        assertThat(inbox.find("io.perfsweep.point.completed.v1", id)).isEmpty();
        assertThat(mock.groundTruth()).noneMatch(truth -> truth.requestId().startsWith(name + "-"));
        given().get("/api/jobs/{id}", id).then().body("state", equalTo("CANCELLED"));
        // cancelling an ended job says so and changes nothing
        given().header("X-API-Key", "test-api-key").delete("/api/jobs/{id}", after).then().statusCode(200)
                .body("state", equalTo("SUCCEEDED"));
    }

    @Test
    void lanesAndCancelsAreForgottenOnceTheirJobsEnd() throws Exception {
        // Every instance hears every cancel: these name jobs that run elsewhere or never existed.
        for (int i = 0; i < 200; i++) {
            nats.publish("perfsweep.cancel", ("elsewhere-" + i).getBytes(StandardCharsets.UTF_8));
        }
        // Three targets (path prefixes the mock answers 404 to, so each job fails fast), each with its own lane.
        var ids = List.of("svc-" + UUID.randomUUID(), "svc-" + UUID.randomUUID(), "svc-" + UUID.randomUUID());
        for (int i = 0; i < ids.size(); i++) {
            publish(job(ids.get(i), "svc-lanes-" + i, mock.baseUrl() + "/lane-" + i), null);
        }
        for (String id : ids) {
            inbox.await("io.perfsweep.job.failed.v1", id, JOB_TIMEOUT);
            nats.publish("perfsweep.cancel", id.getBytes(StandardCharsets.UTF_8)); // a cancel after the end
        }
        nats.flush(Duration.ofSeconds(5));

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline && (runner.lanes() > 0 || runner.cancelsKept() > 0 || laneThreads() > 0)) {
            Thread.sleep(100);
        }
        assertThat(runner.lanes()).as("lanes of idle targets").isZero();
        assertThat(runner.cancelsKept()).as("cancels kept for jobs not running here").isZero();
        assertThat(laneThreads()).as("lane threads alive once every target is idle").isZero();
    }

    private static long laneThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(thread -> thread.getName().startsWith("perfsweep-lane-")).count();
    }

    @Test
    void restRejectsAnInvalidJobWithEveryViolationInOneShape() {
        given().header("X-API-Key", "test-api-key").contentType("application/json")
                .body(job("rest-bad", "plots", "http://127.0.0.1:9")
                        .replace("[1, 2]", "[0]"))
                .post("/api/jobs").then().statusCode(400).body("type", equalTo("invalid_job"))
                .body("code", equalTo(400)).body("violations", hasSize(2));
        given().header("X-API-Key", "test-api-key").contentType("application/json")
                .body(job("rest-bad", "plots", "http://127.0.0.1:9").replace("perfsweep/v1", "perfsweep/v9")
                        .replace("[1, 2]", "[0]"))
                .post("/api/jobs").then().statusCode(400).body("violations", hasSize(3))
                .body("violations[0]", containsString("apiVersion = \"perfsweep/v9\" is not supported"));
        given().get("/api/jobs/{id}", "no-such-job").then().statusCode(404).body("type", equalTo("not_found"));
        given().header("X-API-Key", "test-api-key").contentType("application/json")
                .body(job("rest-latin1", "caf\u00e9", "http://127.0.0.1:9").getBytes(StandardCharsets.ISO_8859_1))
                .post("/api/jobs").then().statusCode(400)
                .body("message", containsString("the job is not valid UTF-8: the byte at offset"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidJobs")
    void restRefusesEveryInvalidJobWithTheSameReason(String what, String payload, String reasonMentions) {
        given().header("X-API-Key", "test-api-key").contentType("application/json")
                .body(payload.replace("\"id\": \"ID\"", "\"id\": \"rest-bad-" + UUID.randomUUID() + "\""))
                .post("/api/jobs").then().statusCode(400).body("message", containsString(reasonMentions));
    }

    @Test
    void restQueuesAValidJobThroughTheSameIntake() {
        String id = "rest-" + UUID.randomUUID();
        given().auth().oauth2("test-api-key").contentType("application/json").body(job(id, "rest-ok", mock.baseUrl()))
                .post("/api/jobs").then()
                .statusCode(202).body("id", equalTo(id)).header("Location", org.hamcrest.Matchers.endsWith(id));

        inbox.await("io.perfsweep.job.completed.v1", id, JOB_TIMEOUT);
        given().get("/api/jobs?name=rest-ok&state=SUCCEEDED").then().statusCode(200).body("id", hasItem(id));

        // posting it again says what became of it (200, not 202: it is not queued again)
        given().auth().oauth2("test-api-key").contentType("application/json").body(job(id, "rest-ok", mock.baseUrl()))
                .post("/api/jobs").then()
                .statusCode(200).body("id", equalTo(id)).body("state", equalTo("SUCCEEDED"))
                .header("Location", org.hamcrest.Matchers.endsWith(id));
    }

    @Test
    void mutatingCallsWithoutAValidApiKeyAreRefusedAndReadsStayOpen() {
        String id = "rest-" + UUID.randomUUID();
        given().contentType("application/json").body(job(id, "rest-anonymous", mock.baseUrl())).post("/api/jobs")
                .then().statusCode(401).body("type", equalTo("unauthorized"));
        given().header("X-API-Key", "wrong").delete("/api/jobs/{id}", id).then().statusCode(401);
        given().get("/api/jobs?name=rest-anonymous").then().statusCode(200).body("$", hasSize(0));
    }

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    /** Another instance is simulated by another PostgreSQL session holding the target's advisory lock. */
    @Test
    void aJobWaitsWhileAnotherInstanceRunsAJobAgainstItsTarget() throws Exception {
        String id = "svc-" + UUID.randomUUID();
        try (var otherInstance = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                var lock = otherInstance.prepareStatement("select pg_advisory_lock(hashtextextended(?, 0))")) {
            lock.setString(1, mock.baseUrl());
            lock.execute();
            long sessionsBefore = sessionsStarted(otherInstance);
            publish(job(id, "svc-target-lock", mock.baseUrl()), null);

            Thread.sleep(4000);
            given().get("/api/jobs/{id}", id).then().statusCode(200).body("state", equalTo("QUEUED"));
            assertThat(inbox.find("io.perfsweep.point.completed.v1", id)).isEmpty();
            // The waiting lane tries the lock each second on a pooled connection: no new session per try.
            assertThat(sessionsStarted(otherInstance) - sessionsBefore).as("PostgreSQL sessions opened while waiting")
                    .isLessThanOrEqualTo(1);
        }
        // Closing the other session releases its lock: the waiting job runs.
        inbox.await("io.perfsweep.job.completed.v1", id, JOB_TIMEOUT);
    }

    /** Sessions ever started on the service's database, as PostgreSQL counts them. */
    private static long sessionsStarted(java.sql.Connection connection) throws Exception {
        try (var statement = connection.createStatement()) {
            statement.execute("select pg_stat_clear_snapshot()");
            try (var result = statement.executeQuery(
                    "select sessions from pg_stat_database where datname = current_database()")) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    @Test
    void readinessReportsNatsAndPostgresAndTheApiIsDescribedByOpenApi() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("nats")).body("checks.name", hasItem("Database connections health check"));
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/jobs'.post", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/jobs/{id}/points'.get", org.hamcrest.Matchers.notNullValue());
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    private static String job(String id, String name, String url) {
        return """
                {"apiVersion": "perfsweep/v1", "id": "%s", "name": "%s",
                 "target": {"url": "%s", "model": "Qwen/Qwen3-0.6B"},
                 "workload": {"type": "synthetic", "isl": 64, "islStd": 0, "osl": 8},
                 "load": {"type": "concurrency", "levels": [1, 2], "requestCount": 4}}
                """.formatted(id, name, url);
    }

    private static void publish(String payload, String natsMsgId) throws Exception {
        var message = NatsMessage.builder().subject("perfsweep.jobs").data(payload.getBytes(StandardCharsets.UTF_8));
        if (natsMsgId != null) {
            message.headers(new Headers().put("Nats-Msg-Id", natsMsgId));
        }
        nats.jetStream().publish(message.build());
    }
}
