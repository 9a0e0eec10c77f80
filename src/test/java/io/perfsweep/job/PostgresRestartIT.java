package io.perfsweep.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.cloudevents.CloudEvent;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.mock.MockLlmServer;
import io.perfsweep.testsupport.JobTables;
import io.perfsweep.testsupport.NatsServerResource;
import io.perfsweep.testsupport.PackagedService;
import io.perfsweep.testsupport.PostgresResource;
import io.perfsweep.testsupport.RunEvents;
import io.vertx.core.Vertx;

/**
 * The packaged service finishes a running sweep through two restarts of its PostgreSQL (same port, same data, away
 * for 3 s each time, sessions ended by a fast shutdown): the job ends SUCCEEDED, each point is stored exactly once with
 * every request once (a point whose store fell into an outage is run again, never kept twice), and the events stream
 * holds each {@code point.completed} once and one {@code job.completed}.
 */
class PostgresRestartIT {

    private static final int POINTS = 5;
    private static final int REQUESTS = 40;
    private static final Duration DOWNTIME = Duration.ofSeconds(3);

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
    void aSweepRunsThroughTwoNatsServerRestartsWithEachPointAndEventOnce() throws Exception {
        MockLlmServer mock = MockLlmServer.start(vertx, MockEngineConfig.fixed(5, 2)).toCompletionStage()
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        Map<String, String> database = new PostgresResource().start();
        JobTables tables = new JobTables(database);
        String run = "pgrestart" + UUID.randomUUID().toString().substring(0, 8);
        String jobId = run + "-job";
        service = PackagedService.start(PackagedService.environment(run, NatsServerResource.url(), database),
                "postgres-restart-it");

        Connection client = Nats.connect(NatsServerResource.url());
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> client.jetStreamManagement().getStreamNames().contains(run.toUpperCase()));
            client.jetStream().publish(run + ".jobs", job(jobId, mock.baseUrl()).getBytes(StandardCharsets.UTF_8));
        } finally {
            client.close(); // not try-with-resources: close() throws InterruptedException
        }
        // Restarts while points run, after the first point is stored and after the third, each with the database away
        // longer than a point takes: the next point's store falls into the outage.
        tables.awaitStoredPoints(jobId, 1);
        PostgresResource.restart(DOWNTIME);
        tables.awaitStoredPoints(jobId, 3);
        PostgresResource.restart(DOWNTIME);
        Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> tables.state(jobId), state -> !"RUNNING".equals(state) && !"QUEUED".equals(state));

        assertThat(tables.state(jobId)).isEqualTo("SUCCEEDED");
        Map<Integer, Long> once = new TreeMap<>();
        for (int i = 0; i < POINTS; i++) {
            once.put(i, 1L);
        }
        assertThat(tables.storedPoints(jobId)).isEqualTo(once);
        assertThat(tables.recordsPerPoint(jobId)).hasSize(POINTS).containsOnly((long) REQUESTS);

        List<CloudEvent> events = RunEvents.read(NatsServerResource.url(), run);
        Map<Integer, Long> pointEvents = new TreeMap<>();
        events.stream().filter(e -> e.getType().equals("io.perfsweep.point.completed.v1"))
                .forEach(e -> pointEvents.merge(RunEvents.data(e).path("point").path("pointIndex").asInt(), 1L, Long::sum));
        assertThat(pointEvents).as("point.completed events in the stream, by point index").isEqualTo(once);
        List<JsonNode> completed = events.stream().filter(e -> e.getType().equals("io.perfsweep.job.completed.v1"))
                .map(RunEvents::data).toList();
        assertThat(completed).as("job.completed events in the stream").hasSize(1);
        assertThat(completed.get(0).path("points")).hasSize(POINTS).allSatisfy(point -> {
            assertThat(point.path("requestCount").asLong()).isEqualTo(REQUESTS);
            assertThat(point.path("errorRequestCount").asLong()).isZero();
        });
        assertThat(events).as("events of other kinds (job.failed)").hasSize(POINTS + 1);
    }

    /** Five points of 40 requests, each request about 5 + 40·2 ms: a point takes about 0.6 to 1.7 s. */
    private static String job(String id, String url) {
        return """
                {"apiVersion": "perfsweep/v1", "id": "%s", "name": "postgres-restart-it",
                 "target": {"url": "%s"},
                 "workload": {"type": "synthetic", "isl": 64, "islStd": 0, "osl": 40},
                 "load": {"type": "concurrency", "levels": [2, 3, 4, 5, 6], "requestCount": %d}}
                """.formatted(id, url, REQUESTS);
    }

}
