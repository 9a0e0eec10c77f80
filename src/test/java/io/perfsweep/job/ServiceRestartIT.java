package io.perfsweep.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.mock.MockLlmServer;
import io.perfsweep.testsupport.EventInbox;
import io.perfsweep.testsupport.NatsServerResource;
import io.perfsweep.testsupport.PostgresResource;
import io.vertx.core.Vertx;

/**
 * Restart safety of the packaged service: killed with SIGKILL in the middle of a sweep and started again, the job
 * completes with every point stored exactly once. Runs the real jar as a separate process against real NATS and
 * PostgreSQL; a short ack wait lets JetStream redeliver the unacknowledged job within seconds.
 */
class ServiceRestartIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

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
        String run = "restart" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = serviceEnvironment(run, database);
        String jobId = run + "-job";

        Connection nats = Nats.connect(NatsServerResource.url());
        try (EventInbox inbox = new EventInbox(nats, run + ".events")) {
            killAfterTheFirstPoint(nats, inbox, env, run, jobId, mock);
            service = start(env, 2);

            var completed = inbox.await("io.perfsweep.job.completed.v1", jobId, Duration.ofSeconds(90));
            assertThat(completed.path("points")).hasSize(4);
        } finally {
            nats.close();
        }
        assertThat(storedPoints(database, jobId)).containsExactly(Map.entry(0, 1L), Map.entry(1, 1L),
                Map.entry(2, 1L), Map.entry(3, 1L));
        assertThat(recordsPerPoint(database, jobId)).containsOnly(30L);
        assertThat(attempts(database, jobId)).isEqualTo(2);
    }

    @Test
    void aJobWhoseInstanceDiesOnItsLastDeliveryEndsFailedWithAReasonAndAnEvent() throws Exception {
        MockLlmServer mock = MockLlmServer.start(vertx, MockEngineConfig.fixed(5, 2)).toCompletionStage()
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        Map<String, String> database = new PostgresResource().start();
        String run = "orphan" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = serviceEnvironment(run, database);
        env.put("PERFSWEEP_NATS_MAX_DELIVER", "1"); // the first delivery is the last: nothing redelivers the job
        String jobId = run + "-job";

        Connection nats = Nats.connect(NatsServerResource.url());
        try (EventInbox inbox = new EventInbox(nats, run + ".events")) {
            killAfterTheFirstPoint(nats, inbox, env, run, jobId, mock);
            assertThat(state(database, jobId)).isEqualTo("RUNNING");
            service = start(env, 2);

            var failed = inbox.await("io.perfsweep.job.failed.v1", jobId, Duration.ofSeconds(60));
            assertThat(failed.path("state").asText()).isEqualTo("FAILED");
            assertThat(failed.path("reason").asText()).contains("stopped on its last delivery (1 of 1")
                    .contains("nothing will run it again");
            assertThat(failed.path("pointsDone").asInt()).isGreaterThanOrEqualTo(1);
        } finally {
            nats.close();
        }
        assertThat(state(database, jobId)).isEqualTo("FAILED");
        assertThat(storedReason(database, jobId)).contains("last delivery");
    }

    /** Starts the service, publishes the job, and kills the service with SIGKILL once the job's first point is in. */
    private void killAfterTheFirstPoint(Connection nats, EventInbox inbox, Map<String, String> env, String run,
            String jobId, MockLlmServer mock) throws Exception {
        service = start(env, 1);
        awaitStream(nats, run);
        nats.jetStream().publish(run + ".jobs", job(jobId, mock.baseUrl()).getBytes(StandardCharsets.UTF_8));
        inbox.await("io.perfsweep.point.completed.v1", jobId, Duration.ofSeconds(60));
        service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
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
        env.put("PERFSWEEP_NATS_ACK_WAIT", "3s");
        env.put("PERFSWEEP_DB_URL", database.get("quarkus.datasource.jdbc.url"));
        env.put("PERFSWEEP_DB_USER", database.get("quarkus.datasource.username"));
        env.put("PERFSWEEP_DB_PASSWORD", database.get("quarkus.datasource.password"));
        return env;
    }

    private static Process start(Map<String, String> env, int attempt) throws IOException {
        var builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString())).redirectErrorStream(true)
                .redirectOutput(Path.of("target", "service-restart-it-" + attempt + ".log").toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start();
    }

    private static void awaitStream(Connection nats, String run) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> nats.jetStreamManagement().getStreamNames().contains(run.toUpperCase()));
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

    private static Map<Integer, Long> storedPoints(Map<String, String> db, String jobId) throws SQLException {
        var counts = new TreeMap<Integer, Long>();
        query(db, "select point_index, count(*) from sweep_point where job_id = ? group by point_index", jobId,
                row -> counts.put(row.getInt(1), row.getLong(2)));
        return counts;
    }

    private static List<Long> recordsPerPoint(Map<String, String> db, String jobId) throws SQLException {
        var counts = new java.util.ArrayList<Long>();
        query(db, "select count(r.*) from sweep_point p join request_record r on r.point_id = p.id"
                + " where p.job_id = ? group by p.id", jobId, row -> counts.add(row.getLong(1)));
        return counts;
    }

    private static int attempts(Map<String, String> db, String jobId) throws SQLException {
        var attempts = new int[1];
        query(db, "select attempt from job where id = ?", jobId, row -> attempts[0] = row.getInt(1));
        return attempts[0];
    }

    private static String state(Map<String, String> db, String jobId) throws SQLException {
        var state = new String[1];
        query(db, "select state from job where id = ?", jobId, row -> state[0] = row.getString(1));
        return state[0];
    }

    private static String storedReason(Map<String, String> db, String jobId) throws SQLException {
        var reason = new String[1];
        query(db, "select reason from job where id = ?", jobId, row -> reason[0] = row.getString(1));
        return reason[0];
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
