package io.perfsweep.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PushSubscribeOptions;
import io.perfsweep.events.CloudEventCodec;
import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.mock.MockLlmServer;
import io.perfsweep.testsupport.NatsServerResource;
import io.perfsweep.testsupport.PostgresResource;
import io.vertx.core.Vertx;

/**
 * The packaged service finishes a running sweep through two restarts of its PostgreSQL (same port, same data, away
 * for 3 s each time, sessions ended by a fast shutdown): the job ends SUCCEEDED, each point is stored exactly once with
 * every request once (a point whose store fell into an outage is run again, never kept twice), and the events stream
 * holds each {@code point.completed} once and one {@code job.completed}.
 */
class PostgresRestartIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final ObjectMapper MAPPER = new ObjectMapper();
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
        String run = "pgrestart" + UUID.randomUUID().toString().substring(0, 8);
        String jobId = run + "-job";
        service = start(serviceEnvironment(run, database));

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
        awaitStoredPoints(database, jobId, 1);
        PostgresResource.restart(DOWNTIME);
        awaitStoredPoints(database, jobId, 3);
        PostgresResource.restart(DOWNTIME);
        Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> state(database, jobId), state -> !"RUNNING".equals(state) && !"QUEUED".equals(state));

        assertThat(state(database, jobId)).isEqualTo("SUCCEEDED");
        Map<Integer, Long> once = new TreeMap<>();
        for (int i = 0; i < POINTS; i++) {
            once.put(i, 1L);
        }
        assertThat(storedPoints(database, jobId)).isEqualTo(once);
        assertThat(recordsPerPoint(database, jobId)).hasSize(POINTS).containsOnly((long) REQUESTS);

        List<CloudEvent> events = readEvents(run);
        Map<Integer, Long> pointEvents = new TreeMap<>();
        events.stream().filter(e -> e.getType().equals("io.perfsweep.point.completed.v1"))
                .forEach(e -> pointEvents.merge(data(e).path("point").path("pointIndex").asInt(), 1L, Long::sum));
        assertThat(pointEvents).as("point.completed events in the stream, by point index").isEqualTo(once);
        List<JsonNode> completed = events.stream().filter(e -> e.getType().equals("io.perfsweep.job.completed.v1"))
                .map(PostgresRestartIT::data).toList();
        assertThat(completed).as("job.completed events in the stream").hasSize(1);
        assertThat(completed.get(0).path("points")).hasSize(POINTS).allSatisfy(point -> {
            assertThat(point.path("requestCount").asLong()).isEqualTo(REQUESTS);
            assertThat(point.path("errorRequestCount").asLong()).isZero();
        });
        assertThat(events).as("events of other kinds (job.failed)").hasSize(POINTS + 1);
    }

    /** Every event of the run's events stream, read with an ordered consumer once the job has ended. */
    private List<CloudEvent> readEvents(String run) throws Exception {
        var events = new ArrayList<CloudEvent>();
        Connection reader = Nats.connect(NatsServerResource.url());
        try {
            String stream = run.toUpperCase() + "_EVENTS";
            long count = reader.jetStreamManagement().getStreamInfo(stream).getStreamState().getMsgCount();
            JetStreamSubscription subscription = reader.jetStream().subscribe(run + ".events.>",
                    PushSubscribeOptions.builder().stream(stream).ordered(true).build());
            for (long i = 0; i < count; i++) {
                Message message = subscription.nextMessage(Duration.ofSeconds(10));
                assertThat(message).as("event %d of %d", i + 1, count).isNotNull();
                events.add(CloudEventCodec.decode(message.getData()));
            }
        } finally {
            reader.close(); // not try-with-resources: close() throws InterruptedException
        }
        return events;
    }

    private static JsonNode data(CloudEvent event) {
        try {
            return MAPPER.readTree(event.getData().toBytes());
        } catch (IOException e) {
            throw new IllegalStateException("event data is not JSON", e);
        }
    }

    private Map<String, String> serviceEnvironment(String run, Map<String, String> database) throws IOException {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(freePort()));
        env.put("PERFSWEEP_NATS_URL", NatsServerResource.url());
        env.put("PERFSWEEP_NATS_STREAM", run.toUpperCase());
        env.put("PERFSWEEP_NATS_JOBS_SUBJECT", run + ".jobs");
        env.put("PERFSWEEP_NATS_EVENTS_SUBJECT_PREFIX", run + ".events");
        env.put("PERFSWEEP_NATS_CANCEL_SUBJECT", run + ".cancel");
        env.put("PERFSWEEP_NATS_DURABLE", run + "-worker");
        env.put("PERFSWEEP_DB_URL", database.get("quarkus.datasource.jdbc.url"));
        env.put("PERFSWEEP_DB_USER", database.get("quarkus.datasource.username"));
        env.put("PERFSWEEP_DB_PASSWORD", database.get("quarkus.datasource.password"));
        return env;
    }

    private static Process start(Map<String, String> env) throws IOException {
        var builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString())).redirectErrorStream(true)
                .redirectOutput(Path.of("target", "postgres-restart-it.log").toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start();
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

    private static void awaitStoredPoints(Map<String, String> db, String jobId, int points) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                .until(() -> storedPoints(db, jobId).size() >= points);
    }

    private static Map<Integer, Long> storedPoints(Map<String, String> db, String jobId) throws SQLException {
        var counts = new TreeMap<Integer, Long>();
        query(db, "select point_index, count(*) from sweep_point where job_id = ? group by point_index", jobId,
                row -> counts.put(row.getInt(1), row.getLong(2)));
        return counts;
    }

    private static List<Long> recordsPerPoint(Map<String, String> db, String jobId) throws SQLException {
        var counts = new ArrayList<Long>();
        query(db, "select count(r.*) from sweep_point p join request_record r on r.point_id = p.id"
                + " where p.job_id = ? group by p.id", jobId, row -> counts.add(row.getLong(1)));
        return counts;
    }

    private static String state(Map<String, String> db, String jobId) throws SQLException {
        var state = new String[1];
        query(db, "select state from job where id = ?", jobId, row -> state[0] = row.getString(1));
        return state[0];
    }

    private interface Row {
        void read(java.sql.ResultSet row) throws SQLException;
    }

    private static void query(Map<String, String> db, String sql, String jobId, Row row) throws SQLException {
        try (var connection = DriverManager.getConnection(db.get("quarkus.datasource.jdbc.url"),
                db.get("quarkus.datasource.username"), db.get("quarkus.datasource.password"));
                var statement = connection.prepareStatement(sql)) {
            statement.setString(1, jobId);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    row.read(rows);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
