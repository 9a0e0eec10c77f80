package io.perfsweep.job;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.testsupport.NatsServerResource;
import io.perfsweep.testsupport.PostgresResource;
import io.perfsweep.testsupport.ServiceFixture;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The ceiling on queued jobs over real NATS and PostgreSQL: with {@value QueueAndSecretsProfile#MAX_QUEUED_JOBS} jobs
 * waiting, the NATS intake takes no more (the rest wait in the stream, none rejected, none lost) and the REST API
 * answers 429 with Retry-After; once room frees every job runs.
 */
@QuarkusTest
@TestProfile(QueueAndSecretsProfile.class)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = NatsServerResource.class, scope = TestResourceScope.GLOBAL)
class QueuedJobsCeilingTest {

    private static ServiceFixture fixture;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @BeforeAll
    static void start() throws Exception {
        fixture = ServiceFixture.start(MockEngineConfig.fixed(1, 0.2));
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.stop();
    }

    @Test
    void beyondTheCeilingNatsJobsWaitInTheStreamRestIsRefusedAndEveryJobRunsOnceThereIsRoom() throws Exception {
        String target = fixture.mock().baseUrl();
        List<String> ids = IntStream.range(0, 4).mapToObj(i -> "queue-" + i + "-" + UUID.randomUUID()).toList();
        // Another instance running a job against the target (its advisory lock) keeps every job here QUEUED.
        try (var otherInstance = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                var lock = otherInstance.prepareStatement("select pg_advisory_lock(hashtextextended(?, 0))")) {
            lock.setString(1, target);
            lock.execute();
            assertThat(queuedJobs()).as("no job of another test may still be queued").isZero();
            for (String id : ids) {
                fixture.nats().jetStream().publish("perfsweep.jobs", job(id, target).getBytes(StandardCharsets.UTF_8));
            }

            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> queuedJobs() == 2);
            Thread.sleep(3000); // a paused intake stays paused: still two, the others untouched in the stream
            assertThat(queuedJobs()).isEqualTo(QueueAndSecretsProfile.MAX_QUEUED_JOBS);
            given().get("/api/jobs/{id}", ids.get(0)).then().statusCode(200).body("state", equalTo("QUEUED"));
            given().get("/api/jobs/{id}", ids.get(1)).then().statusCode(200).body("state", equalTo("QUEUED"));
            given().get("/api/jobs/{id}", ids.get(2)).then().statusCode(404);
            given().get("/api/jobs/{id}", ids.get(3)).then().statusCode(404);
            var consumer = fixture.nats().jetStreamManagement().getConsumerInfo("PERFSWEEP", "perfsweep-job-worker");
            assertThat(consumer.getNumPending()).as("jobs waiting in the stream").isEqualTo(2);

            given().header("X-API-Key", "test-api-key").contentType("application/json")
                    .body(job("queue-rest-" + UUID.randomUUID(), target)).post("/api/jobs").then().statusCode(429)
                    .header("Retry-After", "30").body("type", equalTo("too_many_queued_jobs"))
                    .body("code", equalTo(429))
                    .body("message", containsString("4 jobs are waiting to run, the ceiling is 2"))
                    .body("message", containsString("perfsweep.limits.max-queued-jobs"));
        }
        // The other instance is done: every job runs, in the order published, none rejected.
        for (String id : ids) {
            fixture.inbox().await("io.perfsweep.job.completed.v1", id, Duration.ofSeconds(60));
        }
        for (String id : ids) {
            assertThat(fixture.inbox().find("io.perfsweep.job.failed.v1", id)).isEmpty();
            given().get("/api/jobs/{id}", id).then().statusCode(200).body("state", equalTo("SUCCEEDED"));
        }
    }

    private long queuedJobs() throws Exception {
        try (var connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                var count = connection.createStatement().executeQuery("select count(*) from job where state = 'QUEUED'")) {
            count.next();
            return count.getLong(1);
        }
    }

    private static String job(String id, String url) {
        return """
                {"apiVersion": "perfsweep/v1", "id": "%s", "name": "queue-ceiling",
                 "target": {"url": "%s", "model": "Qwen/Qwen3-0.6B"},
                 "workload": {"type": "synthetic", "isl": 32, "islStd": 0, "osl": 4},
                 "load": {"type": "concurrency", "levels": [1], "requestCount": 2}}
                """.formatted(id, url);
    }
}
