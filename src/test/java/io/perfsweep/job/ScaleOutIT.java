package io.perfsweep.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.perfsweep.metrics.MetricStats;
import io.perfsweep.metrics.MetricTag;
import io.perfsweep.metrics.PointSummarizer;
import io.perfsweep.metrics.PointSummary;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.metrics.Slo;
import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.mock.MockLlmServer;
import io.perfsweep.store.StoredPoints;
import io.perfsweep.testsupport.EventInbox;
import io.perfsweep.testsupport.JobTables;
import io.perfsweep.testsupport.NatsServerResource;
import io.perfsweep.testsupport.PackagedService;
import io.perfsweep.testsupport.PostgresResource;
import io.vertx.core.Vertx;

/**
 * Scale-out (issue #16, docs/scale-out.md): three packaged service instances as processes on loopback, sharing one
 * real NATS and one real PostgreSQL, drive one point of a job together against the mock. The mock must see the
 * point's concurrency in flight, the point must be stored once with every request counted once and statistics equal
 * to those recomputed from the union of the workers' records, and a worker killed mid-point must void its attempt,
 * which reruns on the instances left. A trace replay is shared by whole sessions, each row sent once at its time; a
 * coordinator killed mid-point has its job resumed by another instance, which voids the half-done attempt and reruns
 * only that point.
 */
class ScaleOutIT {

    private static final Vertx VERTX = Vertx.vertx();
    private static final List<String> NAMES = List.of("svc-1", "svc-2", "svc-3");
    private static final Map<String, Process> SERVICES = new LinkedHashMap<>();
    private static final Map<String, String> LOGS = new LinkedHashMap<>();
    private static final Map<String, String> PORTS = new LinkedHashMap<>();
    private static final AtomicInteger STARTS = new AtomicInteger();
    private static final Path TRACES = Path.of("target", "scale-out-it-traces");
    private static MockLlmServer mock;
    private static Map<String, String> database;
    private static String run;
    private static Connection nats;
    private static EventInbox inbox;

    @BeforeAll
    static void startThreeInstances() throws Exception {
        // ~1 s a request (50 ms to the first token, 19 more 50 ms apart): a point of 2 rounds lasts about 2 s
        mock = MockLlmServer.start(VERTX, MockEngineConfig.fixed(50, 50)).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        database = new PostgresResource().start();
        Files.createDirectories(TRACES);
        run = "scaleout" + UUID.randomUUID().toString().substring(0, 8);
        for (String name : NAMES) {
            start(name);
        }
        nats = Nats.connect(NatsServerResource.url());
        inbox = new EventInbox(nats, run + ".events");
        // every instance pulls shares once it started; give the slowest boot time to subscribe
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> NAMES.stream().allMatch(ScaleOutIT::pulling));
    }

    @AfterEach
    void restartKilledInstances() throws Exception {
        for (String name : NAMES) {
            if (!SERVICES.get(name).isAlive()) {
                start(name);
                Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> pulling(name));
            }
        }
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (Process service : SERVICES.values()) {
            service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        inbox.close();
        nats.close();
        VERTX.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void twoWorkersDriveConcurrency200AsOnePointCountedOnceWithStatisticsOfTheUnion() throws Exception {
        String jobId = run + "-two";
        var peak = new PeakInFlight();
        peak.start();
        publish(job(jobId, 200, 400, 2));

        JsonNode completed = inbox.await("io.perfsweep.job.completed.v1", jobId, Duration.ofSeconds(120));
        peak.stop();

        assertThat(peak.max()).as("streams in flight at the mock").isBetween(180, 200);
        assertOnePointOfTheUnion(jobId, 400, 2);
        JsonNode event = completed.path("points").get(0).path("workers");
        assertThat(event).hasSize(2);
        assertThat(event.get(0).path("concurrency").asInt() + event.get(1).path("concurrency").asInt()).isEqualTo(200);
        JsonNode pointEvent = inbox.await("io.perfsweep.point.completed.v1", jobId, Duration.ofSeconds(5));
        assertThat(pointEvent.path("point").path("workers")).hasSize(2);
        JsonNode exported = exportedProfile(jobId);
        assertThat(exported.path("workers")).as("perfsweep's workers key in profile_export_aiperf.json").hasSize(2);
        assertThat(exported.path("request_count").path("avg").asDouble()).isEqualTo(400);
        JsonNode stored = new StoredPoints(database).workers(jobId, 0);
        JsonNode api = new ObjectMapper().readTree(get("/api/jobs/" + jobId + "/points")).get(0).path("workers");
        assertThat(api).as("workers in the API's point view").hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(api.get(i).path("instance").asText()).isEqualTo(stored.get(i).path("instance").asText());
            assertThat(api.get(i).path("concurrency").asInt()).isEqualTo(stored.get(i).path("concurrency").asInt());
            assertThat(api.get(i).path("requests").asLong()).isEqualTo(stored.get(i).path("requests").asLong());
        }
        String report = get("/api/jobs/" + jobId + "/report");
        assertThat(report.split("<tr class=\"worker\">", -1)).as("a row per worker on the report page").hasSize(3);
        stored.forEach(w -> assertThat(report).contains("<td class=\"text\">" + w.path("instance").asText() + "</td>"));
    }

    /** The body of a GET on the first instance's API. */
    private static String get(String path) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORTS.get(NAMES.get(0)) + path)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
        return response.body();
    }

    /** The point's {@code profile_export_aiperf.json} in the job's AIPerf export, from any instance's API. */
    private static JsonNode exportedProfile(String jobId) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORTS.get(NAMES.get(0)) + "/api/jobs/"
                + jobId + "/export")).build();
        byte[] zip = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
        try (var entries = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                if (entry.getName().endsWith("/profile_export_aiperf.json")) {
                    return new ObjectMapper().readTree(entries.readAllBytes());
                }
            }
        }
        throw new AssertionError("no profile_export_aiperf.json in the export of " + jobId);
    }

    @Test
    void threeWorkersShareOnePointOnEveryInstance() throws Exception {
        String jobId = run + "-three";
        publish(job(jobId, 200, 400, 3));

        inbox.await("io.perfsweep.job.completed.v1", jobId, Duration.ofSeconds(120));

        JsonNode workers = assertOnePointOfTheUnion(jobId, 400, 3);
        Set<String> instances = new HashSet<>();
        workers.forEach(w -> instances.add(w.path("instance").asText()));
        assertThat(instances).containsExactlyInAnyOrderElementsOf(NAMES);
        List<Integer> streams = new ArrayList<>();
        workers.forEach(w -> streams.add(w.path("concurrency").asInt()));
        assertThat(streams).containsExactlyInAnyOrder(67, 67, 66);
    }

    @Test
    void aWorkerKilledMidPointVoidsItsAttemptWhichRerunsOnTheInstancesLeftAndIsStoredOnce() throws Exception {
        String jobId = run + "-kill";
        long before = mock.stats().requests();
        var peak = new PeakInFlight();
        peak.start();
        publish(job(jobId, 200, 1000, 2));
        var tables = new StoredPoints(database);
        // a worker that is not the coordinator, once the shares are sending
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> peak.max() >= 150 && tables.runningShares(jobId).entrySet().stream()
                        .anyMatch(e -> !e.getKey().equals(e.getValue())));
        String victim = tables.runningShares(jobId).entrySet().stream().filter(e -> !e.getKey().equals(e.getValue()))
                .findFirst().orElseThrow().getKey();
        SERVICES.get(victim).destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        inbox.await("io.perfsweep.job.completed.v1", jobId, Duration.ofSeconds(120));
        peak.stop();

        JsonNode workers = assertOnePointOfTheUnion(jobId, 1000, 2);
        workers.forEach(w -> assertThat(w.path("instance").asText()).isNotEqualTo(victim));
        assertThat(mock.stats().requests() - before).as("the voided attempt's requests reached the mock too")
                .isGreaterThan(1000);
    }

    @Test
    void aReplayOverTwoWorkersSendsEverySessionFromOneInstanceEveryRowOnceEachAtItsTime() throws Exception {
        String jobId = run + "-replay";
        List<TraceRow> trace = trace();
        Files.write(TRACES.resolve(jobId + ".jsonl"), trace.stream().map(TraceRow::json).toList());
        publish("""
                {"apiVersion": "perfsweep/v1", "id": "%s", "name": "scale-out-replay-it",
                 "target": {"url": "%s"},
                 "workload": {"type": "trace", "file": "%s.jsonl"},
                 "load": {"type": "replay", "speedup": %s, "workers": 2}}
                """.formatted(jobId, mock.baseUrl(), jobId, REPLAY_SPEEDUP));

        inbox.await("io.perfsweep.job.completed.v1", jobId, Duration.ofSeconds(150));

        List<RequestRecord> union = assertStoredOnceFromTheUnion(jobId, 0, trace.size());
        JsonNode workers = new StoredPoints(database).workers(jobId, 0);
        assertThat(workers).hasSize(2);
        Set<String> instances = new HashSet<>();
        long sent = 0;
        for (JsonNode worker : workers) {
            instances.add(worker.path("instance").asText());
            sent += worker.path("requests").asLong();
            assertThat(worker.path("concurrency").isNull()).as("a replay share has no concurrency of its own").isTrue();
        }
        assertThat(instances).hasSize(2);
        assertThat(sent).isEqualTo(trace.size());
        // every row once: the rows' input lengths are all different
        assertThat(union).extracting(RequestRecord::inputTokens)
                .containsExactlyInAnyOrderElementsOf(trace.stream().map(TraceRow::inputTokens).toList());
        Map<Integer, RequestRecord> byRow = new HashMap<>();
        union.forEach(r -> byRow.put(r.inputTokens() - FIRST_INPUT_LENGTH, r));
        assertThat(union).allSatisfy(r -> assertThat(r.error()).isNull());
        long firstSend = byRow.get(0).intendedStartNanos();
        for (int row = 0; row < trace.size(); row++) {
            TraceRow traced = trace.get(row);
            RequestRecord record = byRow.get(row);
            if (traced.previousTurn() < 0) {
                // on the coordinator's clock, from the trace's first row: its timestamp over the speed-up, whichever
                // instance sent it (each share's start skew, a few ms here, is the only difference)
                double expectedMs = traced.timestampMillis() / REPLAY_SPEEDUP;
                assertThat((record.intendedStartNanos() - firstSend) / 1e6).as("row %d scheduled at", row)
                        .isCloseTo(expectedMs, within(REPLAY_TOLERANCE_MS));
            } else {
                // a later turn left after its previous turn ended and its delay passed: both on one instance
                RequestRecord previous = byRow.get(traced.previousTurn());
                assertThat(record.sentNanos()).as("row %d after its previous turn %d", row, traced.previousTurn())
                        .isGreaterThanOrEqualTo(previous.endNanos()
                                + Math.round(traced.delayMillis() * 1e6 / REPLAY_SPEEDUP) - 1_000_000);
            }
        }
    }

    @Test
    void aCoordinatorKilledMidPointIsResumedWhereItStoppedAndThePointIsRerunAndStoredOnce() throws Exception {
        String jobId = run + "-coordinator";
        var peak = new PeakInFlight();
        var tables = new StoredPoints(database);
        publish("""
                {"apiVersion": "perfsweep/v1", "id": "%s", "name": "scale-out-it",
                 "target": {"url": "%s"},
                 "workload": {"type": "synthetic", "isl": 64, "islStd": 0, "osl": 20},
                 "load": {"type": "concurrency", "levels": [150, 200], "requestCount": 1400, "workers": 2}}
                """.formatted(jobId, mock.baseUrl()));
        new JobTables(database).awaitStoredPoints(jobId, 1);
        long firstPoint = tables.pointId(jobId, 0);
        peak.start();
        // the second point's shares are sending (7 rounds of ~1 s, longer than the ack wait): kill the instance that
        // coordinates it; its shares still running are stopped by the next coordinator
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> peak.max() >= 150 && !tables.runningShares(jobId, 1).isEmpty());
        String coordinator = tables.runningShares(jobId, 1).values().iterator().next();
        SERVICES.get(coordinator).destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        // JetStream redelivers the job after its ack wait (5 s here) to an instance left, which resumes it
        JsonNode completed = inbox.await("io.perfsweep.job.completed.v1", jobId, Duration.ofSeconds(150));
        peak.stop();

        assertThat(new JobTables(database).attempts(jobId)).as("deliveries that started the job").isEqualTo(2);
        assertThat(tables.pointId(jobId, 0)).as("the point stored before the kill, not stored again")
                .isEqualTo(firstPoint);
        assertThat(inbox.find("io.perfsweep.point.completed.v1", jobId)).extracting(e -> e.path("point")
                .path("pointIndex").asInt()).as("each point announced once").containsExactly(0, 1);
        assertThat(completed.path("points")).hasSize(2);
        assertThat(new JobTables(database).storedPoints(jobId)).containsExactly(Map.entry(0, 1L), Map.entry(1, 1L));
        assertStoredOnceFromTheUnion(jobId, 1, 1400);
        JsonNode workers = tables.workers(jobId, 1);
        assertThat(workers).hasSize(2);
        workers.forEach(w -> assertThat(w.path("instance").asText()).isNotEqualTo(coordinator));
    }

    @Test
    void aShareNoInstanceTakesVoidsEachAttemptAndFailsTheJobWithTheReason() throws Exception {
        String jobId = run + "-four";
        publish(job(jobId, 8, 16, 4)); // four shares, three instances

        JsonNode failed = inbox.await("io.perfsweep.job.failed.v1", jobId, Duration.ofSeconds(150));

        assertThat(failed.path("state").asText()).isEqualTo("FAILED");
        assertThat(failed.path("reason").asText()).startsWith("point c8 shared by 4 instances failed on each of 2"
                + " attempts (attempt 1: share ").contains("was not ready in time (no instance took it); attempt 2:");
        assertThat(new JobTables(database).storedPoints(jobId)).isEmpty();
        assertThat(new StoredPoints(database).shareRows(jobId)).as("both attempts deleted by their keys").isZero();
    }

    @Test
    void aCancelReachesEveryWorkerAndKeepsNothingOfThePoint() throws Exception {
        String jobId = run + "-cancel";
        long before = mock.stats().requests();
        var peak = new PeakInFlight();
        peak.start();
        publish(job(jobId, 200, 4000, 2));
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                .until(() -> peak.max() >= 150);

        nats.publish(run + ".cancel", jobId.getBytes(StandardCharsets.UTF_8));

        JsonNode failed = inbox.await("io.perfsweep.job.failed.v1", jobId, Duration.ofSeconds(60));
        peak.stop();
        assertThat(failed.path("state").asText()).isEqualTo("CANCELLED");
        assertThat(failed.path("reason").asText()).contains("cancelled during point c200");
        // every worker stopped sending: the requests in flight end within about one request's time (~1 s)
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> runningAtTheMock() == 0);
        assertThat(mock.stats().requests() - before).as("far fewer than the point's 4000: both shares stopped")
                .isLessThan(3000);
        assertThat(new JobTables(database).storedPoints(jobId)).isEmpty();
        assertThat(new StoredPoints(database).shareRows(jobId)).as("the attempt deleted by its key").isZero();
    }

    /**
     * The job's one point: stored once, every request once, no share left, the stored statistics those of the union
     * of its records (recomputed here with the summarizer), and the achieved concurrency of the whole window (not of
     * one worker); returns its workers.
     */
    private static JsonNode assertOnePointOfTheUnion(String jobId, int requests, int workers) throws Exception {
        assertThat(new JobTables(database).storedPoints(jobId)).containsExactly(Map.entry(0, 1L));
        List<RequestRecord> union = assertStoredOnceFromTheUnion(jobId, 0, requests);
        var points = new StoredPoints(database);
        PointSummary stored = points.summary(jobId, 0);
        double concurrency = stored.aggregate(MetricTag.ACHIEVED_CONCURRENCY).orElseThrow();
        assertThat(concurrency).as("achieved concurrency over the shared window").isGreaterThan(120);
        assertThat(PointSummarizer.summarize(union, Slo.NONE).aggregate(MetricTag.ACHIEVED_CONCURRENCY).orElseThrow())
                .isCloseTo(concurrency, within(1e-6 * concurrency));
        JsonNode listed = points.workers(jobId, 0);
        assertThat(listed).hasSize(workers);
        long sent = 0;
        for (JsonNode worker : listed) {
            sent += worker.path("requests").asLong();
            assertThat(worker.path("startSkewMs").asDouble()).as("start skew").isBetween(-1000.0, 1000.0);
        }
        assertThat(sent).isEqualTo(requests);
        return listed;
    }

    /**
     * Point {@code index} of a succeeded job: stored with every request once, no share left, its statistics those of
     * the union of its records (recomputed here with the summarizer); returns the union.
     */
    private static List<RequestRecord> assertStoredOnceFromTheUnion(String jobId, int index, int requests)
            throws Exception {
        var tables = new JobTables(database);
        var points = new StoredPoints(database);
        assertThat(tables.state(jobId)).isEqualTo("SUCCEEDED");
        assertThat(tables.storedPoints(jobId)).containsEntry(index, 1L);
        assertThat(points.shareRows(jobId)).as("shares left after the merge").isZero();
        List<RequestRecord> union = points.records(jobId, index);
        assertThat(union).hasSize(requests);
        PointSummary stored = points.summary(jobId, index);
        PointSummary recomputed = PointSummarizer.summarize(union, Slo.NONE);
        assertThat(stored.requestCount()).isEqualTo(requests);
        for (MetricTag tag : List.of(MetricTag.TIME_TO_FIRST_TOKEN, MetricTag.INTER_TOKEN_LATENCY,
                MetricTag.REQUEST_LATENCY)) {
            MetricStats s = stored.stats(tag).orElseThrow();
            MetricStats r = recomputed.stats(tag).orElseThrow();
            assertThat(s.count()).as(tag.tag()).isEqualTo(r.count());
            assertThat(s.avg()).as(tag.tag()).isCloseTo(r.avg(), within(1e-6 * Math.abs(r.avg())));
            assertThat(s.p50()).as(tag.tag()).isCloseTo(r.p50(), within(1e-6 * Math.abs(r.p50())));
            assertThat(s.p99()).as(tag.tag()).isCloseTo(r.p99(), within(1e-6 * Math.abs(r.p99())));
        }
        double throughput = recomputed.aggregate(MetricTag.REQUEST_THROUGHPUT).orElseThrow();
        assertThat(stored.aggregate(MetricTag.REQUEST_THROUGHPUT).orElseThrow()).isCloseTo(throughput,
                within(1e-6 * throughput));
        return union;
    }

    /** The replay's speed-up: the trace's 8 s replayed in 4 s. */
    private static final double REPLAY_SPEEDUP = 2;
    /** How far a replayed row may leave from its time: the start skew of its share (0.3–16 ms seen here). */
    private static final double REPLAY_TOLERANCE_MS = 100;
    private static final int FIRST_INPUT_LENGTH = 32;

    /**
     * One row of the replayed trace.
     *
     * @param previousTurn the row of the previous turn of its session, or -1
     */
    private record TraceRow(Long timestampMillis, int inputTokens, String session, long delayMillis, int previousTurn) {

        String json() {
            return "{" + (timestampMillis == null ? "" : "\"timestamp\": " + timestampMillis + ", ")
                    + "\"input_length\": " + inputTokens + ", \"output_length\": 4, \"hash_ids\": ["
                    + (inputTokens - FIRST_INPUT_LENGTH) + "]" + (session == null ? ""
                            : ", \"session_id\": \"" + session + "\", \"delay\": " + delayMillis)
                    + "}";
        }
    }

    /**
     * 120 rows over 8 s: 30 conversations of three turns (each later turn 100 ms after its previous one ended) and 30
     * rows of their own, interleaved; every row's input length different, so a stored record names its row.
     */
    private static List<TraceRow> trace() {
        var rows = new ArrayList<TraceRow>();
        Map<String, Integer> lastTurn = new HashMap<>();
        Map<String, Integer> turns = new HashMap<>();
        var random = new java.util.Random(16);
        long clock = 0;
        int sessions = 0;
        while (rows.size() < 120) {
            List<String> open = turns.entrySet().stream().filter(e -> e.getValue() < 3).map(Map.Entry::getKey)
                    .sorted().toList();
            int kind = random.nextInt(3);
            String session;
            if (kind == 0 && !open.isEmpty()) {
                session = open.get(random.nextInt(open.size()));
            } else if (kind == 1 && sessions < 30) {
                session = "conversation-" + sessions++;
            } else if (rows.size() - turnsSoFar(turns) < 30) {
                session = null;
            } else {
                continue;
            }
            int row = rows.size();
            int previous = session == null ? -1 : lastTurn.getOrDefault(session, -1);
            rows.add(new TraceRow(previous < 0 ? clock : null, FIRST_INPUT_LENGTH + row, session,
                    previous < 0 ? 0 : 100, previous));
            if (session != null) {
                lastTurn.put(session, row);
                turns.merge(session, 1, Integer::sum);
            }
            clock += 8_000 / 120;
        }
        return rows;
    }

    private static int turnsSoFar(Map<String, Integer> turns) {
        return turns.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static String job(String id, int concurrency, int requests, int workers) {
        return """
                {"apiVersion": "perfsweep/v1", "id": "%s", "name": "scale-out-it",
                 "target": {"url": "%s"},
                 "workload": {"type": "synthetic", "isl": 64, "islStd": 0, "osl": 20},
                 "load": {"type": "concurrency", "levels": [%d], "requestCount": %d, "workers": %d}}
                """.formatted(id, mock.baseUrl(), concurrency, requests, workers);
    }

    private static void publish(String job) throws Exception {
        nats.jetStream().publish(run + ".jobs", job.getBytes(StandardCharsets.UTF_8));
    }

    private static void start(String name) throws Exception {
        Map<String, String> env = PackagedService.environment(run, NatsServerResource.url(), database);
        env.put("PERFSWEEP_INSTANCE", name);
        PORTS.put(name, env.get("QUARKUS_HTTP_PORT"));
        env.put("PERFSWEEP_NATS_SHARE_SILENCE_TIMEOUT", "4s");
        env.put("PERFSWEEP_NATS_SHARE_READY_TIMEOUT", "40s"); // a cold instance's first share warms up in ~30 s here
        env.put("PERFSWEEP_NATS_ACK_WAIT", "5s");
        env.put("JAVA_TOOL_OPTIONS", "-Xmx384m");
        env.put("PERFSWEEP_TRACES_DIR", TRACES.toAbsolutePath().toString()); // one directory, as a shared volume
        SERVICES.put(name, PackagedService.start(env, "scale-out-it-" + name + "-" + STARTS.incrementAndGet()));
        LOGS.put(name, "scale-out-it-" + name + "-" + STARTS.get());
    }

    /** Whether the instance's log says it takes shares. */
    private static boolean pulling(String name) {
        var log = Path.of("target", LOGS.get(name) + ".log");
        try {
            return Files.exists(log) && Files.readString(log).contains("Taking shares from");
        } catch (IOException e) {
            return false;
        }
    }

    /** The requests the mock reports running now. */
    private static int runningAtTheMock() throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(mock.metricsUrl())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return body.lines().filter(l -> l.startsWith("vllm:num_requests_running")).findFirst()
                .map(l -> (int) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElse(-1);
    }

    /** The most requests the mock reported running at once, sampled from its {@code /metrics} every 20 ms. */
    private static final class PeakInFlight {
        private final AtomicInteger max = new AtomicInteger();
        private final HttpClient http = HttpClient.newHttpClient();
        private volatile boolean sampling = true;
        private final Thread thread = new Thread(this::sample, "peak-in-flight");

        void start() {
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            sampling = false;
            thread.join(5_000);
        }

        int max() {
            return max.get();
        }

        private void sample() {
            var request = HttpRequest.newBuilder(URI.create(mock.metricsUrl())).build();
            while (sampling) {
                try {
                    String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
                    body.lines().filter(l -> l.startsWith("vllm:num_requests_running")).findFirst().ifPresent(
                            l -> max.accumulateAndGet((int) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)),
                                    Math::max));
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // a missed sample: the next one counts
                }
            }
        }
    }
}
