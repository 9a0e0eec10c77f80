package io.perfsweep.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.mock.MockLlmServer;
import io.perfsweep.testsupport.EventInbox;
import io.perfsweep.testsupport.JobTables;
import io.perfsweep.testsupport.NatsServerResource;
import io.perfsweep.testsupport.PackagedService;
import io.perfsweep.testsupport.PostgresResource;
import io.vertx.core.Vertx;

/**
 * Restart safety of the packaged service: killed with SIGKILL in the middle of a sweep (or of an SLO search) and
 * started again, the job completes with every point stored exactly once. Runs the real jar as a separate process against real
 * NATS and
 * PostgreSQL; a short ack wait lets JetStream redeliver the unacknowledged job within seconds.
 */
class ServiceRestartIT {

    private final Vertx vertx = Vertx.vertx();
    private Process service;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aJobKilledMidSweepResumesAndStoresEachPointExactlyOnce() throws Exception {
        MockLlmServer mock = MockLlmServer.start(vertx, MockEngineConfig.fixed(5, 2)).toCompletionStage()
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        Map<String, String> database = new PostgresResource().start();
        JobTables tables = new JobTables(database);
        String run = "restart" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = environment(run, database);
        String jobId = run + "-job";

        Connection nats = Nats.connect(NatsServerResource.url());
        try (EventInbox inbox = new EventInbox(nats, run + ".events")) {
            killAfterTheFirstPoint(nats, inbox, env, run, jobId, job(jobId, mock.baseUrl()));
            service = PackagedService.start(env, "service-restart-it-2");

            var completed = inbox.await("io.perfsweep.job.completed.v1", jobId, Duration.ofSeconds(90));
            assertThat(completed.path("points")).hasSize(4);
        } finally {
            nats.close();
        }
        assertThat(tables.storedPoints(jobId)).containsExactly(Map.entry(0, 1L), Map.entry(1, 1L),
                Map.entry(2, 1L), Map.entry(3, 1L));
        assertThat(tables.recordsPerPoint(jobId)).containsOnly(30L);
        assertThat(tables.attempts(jobId)).isEqualTo(2);
    }

    @Test
    void aJobWhoseInstanceDiesOnItsLastDeliveryEndsFailedWithAReasonAndAnEvent() throws Exception {
        MockLlmServer mock = MockLlmServer.start(vertx, MockEngineConfig.fixed(5, 2)).toCompletionStage()
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        Map<String, String> database = new PostgresResource().start();
        JobTables tables = new JobTables(database);
        String run = "orphan" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = environment(run, database);
        env.put("PERFSWEEP_NATS_MAX_DELIVER", "1"); // the first delivery is the last: nothing redelivers the job
        String jobId = run + "-job";

        Connection nats = Nats.connect(NatsServerResource.url());
        try (EventInbox inbox = new EventInbox(nats, run + ".events")) {
            killAfterTheFirstPoint(nats, inbox, env, run, jobId, job(jobId, mock.baseUrl()));
            assertThat(tables.state(jobId)).isEqualTo("RUNNING");
            service = PackagedService.start(env, "service-restart-it-2");

            var failed = inbox.await("io.perfsweep.job.failed.v1", jobId, Duration.ofSeconds(60));
            assertThat(failed.path("state").asText()).isEqualTo("FAILED");
            assertThat(failed.path("reason").asText()).contains("stopped on its last delivery (1 of 1")
                    .contains("nothing will run it again");
            assertThat(failed.path("pointsDone").asInt()).isGreaterThanOrEqualTo(1);
        } finally {
            nats.close();
        }
        assertThat(tables.state(jobId)).isEqualTo("FAILED");
        assertThat(tables.reason(jobId)).contains("last delivery");
    }

    /**
     * An SLO search killed after its first probe: started again, it reads that probe back instead of running it again
     * (one {@code point.completed} for it, one stored row each probe) and finds what the same search finds
     * uninterrupted ({@code JobSearchTest}: probes c1, c2, c4, c8, c6, c5; limit 4, first failing 5, knee 4,
     * converged) against a simulated engine of 4 slots, where the answer does not depend on timing.
     */
    @Test
    void aSearchKilledAfterItsFirstProbeResumesWithoutRerunningItAndFindsTheSameLimit() throws Exception {
        MockLlmServer mock = MockLlmServer.start(vertx, MockEngineConfig.simulated(1.0).withMaxNumSeqs(4))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        Map<String, String> database = new PostgresResource().start();
        JobTables tables = new JobTables(database);
        String run = "search" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = environment(run, database);
        String jobId = run + "-job";

        Connection nats = Nats.connect(NatsServerResource.url());
        JsonNode search;
        List<String> announced;
        try (EventInbox inbox = new EventInbox(nats, run + ".events")) {
            killAfterTheFirstPoint(nats, inbox, env, run, jobId, searchJob(jobId, mock.baseUrl()));
            service = PackagedService.start(env, "service-restart-it-2");

            search = inbox.await("io.perfsweep.job.completed.v1", jobId, Duration.ofSeconds(240)).get("search");
            announced = inbox.find("io.perfsweep.point.completed.v1", jobId).stream()
                    .map(event -> event.at("/point/label").asText()).toList();
        } finally {
            nats.close();
        }
        assertThat(search.get("probes").findValuesAsText("point")).as(search.toString())
                .containsExactly("c1", "c2", "c4", "c8", "c6", "c5");
        assertThat(search.get("max_concurrency_under_slo").asInt()).isEqualTo(4);
        assertThat(search.get("min_failing").asInt()).isEqualTo(5);
        assertThat(search.get("knee").asInt()).isEqualTo(4);
        assertThat(search.get("stop").asText()).isEqualTo("converged");
        // the first probe ran once, before the kill; each probe is stored once with its 40 requests
        assertThat(announced).filteredOn("c1"::equals).hasSize(1);
        assertThat(announced).containsExactlyInAnyOrder("c1", "c2", "c4", "c8", "c6", "c5");
        assertThat(tables.storedPoints(jobId)).containsExactly(Map.entry(0, 1L), Map.entry(1, 1L),
                Map.entry(2, 1L), Map.entry(3, 1L), Map.entry(4, 1L), Map.entry(5, 1L));
        assertThat(tables.recordsPerPoint(jobId)).containsOnly(40L);
        assertThat(tables.attempts(jobId)).isEqualTo(2);
    }

    /** Starts the service, publishes the job, and kills the service with SIGKILL once the job's first point is in. */
    private void killAfterTheFirstPoint(Connection nats, EventInbox inbox, Map<String, String> env, String run,
            String jobId, String job) throws Exception {
        service = PackagedService.start(env, "service-restart-it-1");
        awaitStream(nats, run);
        nats.jetStream().publish(run + ".jobs", job.getBytes(StandardCharsets.UTF_8));
        inbox.await("io.perfsweep.point.completed.v1", jobId, Duration.ofSeconds(60));
        service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** The service's environment, with an ack-wait of 3 s so a killed instance's job is redelivered quickly. */
    private static Map<String, String> environment(String run, Map<String, String> database) {
        Map<String, String> env = PackagedService.environment(run, NatsServerResource.url(), database);
        env.put("PERFSWEEP_NATS_ACK_WAIT", "3s");
        return env;
    }

    private static void awaitStream(Connection nats, String run) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> nats.jetStreamManagement().getStreamNames().contains(run.toUpperCase()));
    }

    /** The search of {@code JobSearchTest}: concurrency 1 to 16, 90 % of requests within a 200 ms TTFT. */
    private static String searchJob(String id, String url) {
        return """
                {"apiVersion": "perfsweep/v1", "id": "%s", "name": "restart-search-it",
                 "target": {"url": "%s", "model": "Qwen/Qwen3-0.6B"},
                 "workload": {"type": "synthetic", "isl": 100, "islStd": 0, "osl": 64},
                 "load": {"type": "search", "max": 16, "goodRequestFraction": 0.9, "requestCount": 40,
                          "warmupRequestCount": 4},
                 "slo": {"ttftMs": 200}}
                """.formatted(id, url);
    }

    /** Four points of 30 requests at concurrency 2, each request about 5 + 40·2 ms: a point takes over a second. */
    private static String job(String id, String url) {
        return """
                {"apiVersion": "perfsweep/v1", "id": "%s", "name": "restart-it",
                 "target": {"url": "%s"},
                 "workload": {"type": "synthetic", "isl": 64, "islStd": 0, "osl": 40},
                 "load": {"type": "concurrency", "levels": [2, 3, 4, 5], "requestCount": 30}}
                """.formatted(id, url);
    }

}
