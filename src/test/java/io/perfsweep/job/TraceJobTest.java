package io.perfsweep.job;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.nats.client.impl.NatsMessage;
import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.mock.MockRequestTruth;
import io.perfsweep.testsupport.NatsServerResource;
import io.perfsweep.testsupport.PostgresResource;
import io.perfsweep.testsupport.ServiceFixture;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Trace jobs through the running service: a trace uploaded to the API (or read from the trace directory, or fetched
 * from an allowed URL) replays against the mock engine with the prefix sharing it describes, and what must not run
 * (rows breaking the block rule, a path out of the trace directory, a host not allowed) is rejected with a stored,
 * published reason.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = NatsServerResource.class, scope = TestResourceScope.GLOBAL)
class TraceJobTest {

    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);
    private static final String API_KEY = "test-api-key";
    /** No tokenizer of this name exists, so client and mock both count with o200k_base and blocks line up exactly. */
    private static final String MODEL = "perfsweep-test-o200k";
    private static final Path TRACE_DIR = Path.of("target/test-traces");

    /** Row 2 shares two 512-token blocks with row 1, row 3 one block, row 4 none; 250 ms apart at speed-up 2. */
    private static final String TRACE = """
            {"timestamp": 0, "input_length": 1400, "output_length": 4, "hash_ids": [%1$d, %2$d, %3$d]}
            {"timestamp": 500, "input_length": 1300, "output_length": 4, "hash_ids": [%1$d, %2$d, %4$d]}
            {"timestamp": 1000, "input_length": 700, "output_length": 4, "hash_ids": [%1$d, %5$d]}
            {"timestamp": 1500, "input_length": 300, "output_length": 4, "hash_ids": [%6$d]}
            """;

    private static ServiceFixture fixture;
    private static Vertx vertx;
    private static HttpServer traceServer;
    /** Requests per {@code /flaky-…} path so far. */
    private static final Map<String, Integer> FLAKY_ANSWERS = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        fixture = ServiceFixture.start(MockEngineConfig.simulated(20));
        Files.createDirectories(TRACE_DIR);
        vertx = Vertx.vertx();
        traceServer = vertx.createHttpServer().requestHandler(TraceJobTest::serveTrace)
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        // A cold client can hold a replay's first request longer than the trace's gaps: one small job warms it.
        String warmup = "trace-warmup-" + UUID.randomUUID();
        publish(syntheticJob(warmup, "trace-warmup", 2, 4));
        fixture.inbox().await("io.perfsweep.job.completed.v1", warmup, JOB_TIMEOUT);
    }

    /**
     * {@code /slow…}: headers, then a byte every 300 ms, never the end; {@code /flaky-<key>…}: HTTP 503 twice per key,
     * then the trace; anything else: the trace.
     */
    private static void serveTrace(HttpServerRequest request) {
        var response = request.response();
        if (request.path().startsWith("/slow")) {
            response.setChunked(true).write("{");
            long timer = vertx.setPeriodic(300, id -> response.write(" "));
            response.closeHandler(v -> vertx.cancelTimer(timer));
        } else if (request.path().startsWith("/flaky-")
                && FLAKY_ANSWERS.merge(request.path(), 1, Integer::sum) <= 2) {
            response.setStatusCode(503).end("busy");
        } else {
            response.end(trace(uniqueIds()));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        traceServer.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        fixture.stop();
    }

    @Test
    void anUploadedTraceReplaysThroughTheServiceWithThePrefixSharingItDescribes() {
        String name = "trace-upload-" + shortId();
        String traceId = given().header("X-API-Key", API_KEY).contentType("application/x-ndjson")
                .body(trace(uniqueIds()).getBytes(StandardCharsets.UTF_8)).post("/api/traces").then().statusCode(201)
                .header("Location", containsString("/api/traces/")).body("rows", equalTo(4))
                .body("sha256", matchesPattern("[0-9a-f]{64}")).extract().path("id");
        String id = "trace-" + UUID.randomUUID();

        given().header("X-API-Key", API_KEY).contentType("application/json")
                .body(job(id, name, "\"traceId\": \"" + traceId + "\"", "{\"type\": \"replay\", \"speedup\": 2}"))
                .post("/api/jobs").then().statusCode(202);
        fixture.inbox().await("io.perfsweep.job.completed.v1", id, JOB_TIMEOUT);

        given().get("/api/jobs/{id}", id).then().statusCode(200).body("state", equalTo("SUCCEEDED"));
        given().get("/api/jobs/{id}/points", id).then().statusCode(200).body("$", hasSize(1))
                .body("[0].label", equalTo("replay-x2")).body("[0].summary.request_count.avg", equalTo(4.0f));
        List<MockRequestTruth> received = receivedBy(name);
        assertThat(received).extracting(MockRequestTruth::promptTokens).containsExactly(1400, 1300, 700, 300);
        assertThat(received).extracting(MockRequestTruth::cachedTokens).containsExactly(0, 2 * 512, 512, 0);
        // Received on the trace's schedule over the speed-up, 250 ms apart (bounds for two noisy cores; the first
        // gap is left out, as the first request of a point may still meet cold code).
        for (int i = 2; i < received.size(); i++) {
            long gapMillis = (received.get(i).receivedNanos() - received.get(i - 1).receivedNanos()) / 1_000_000;
            assertThat(gapMillis).as("gap before row %d", i + 1).isBetween(150L, 400L);
        }
    }

    @Test
    void theSameUploadTwiceIsStoredOnceAndUploadsNeedTheApiKey() {
        String body = trace(uniqueIds());
        String first = given().header("X-API-Key", API_KEY).body(body).post("/api/traces").then().statusCode(201)
                .extract().path("id");
        given().header("X-API-Key", API_KEY).body(body).post("/api/traces").then().statusCode(200)
                .body("id", equalTo(first));
        given().get("/api/traces/{id}", first).then().statusCode(200).body("rows", equalTo(4));
        given().body(body).post("/api/traces").then().statusCode(401);
        given().header("X-API-Key", API_KEY).body("{\"timestamp\": 0}\n").post("/api/traces").then().statusCode(400)
                .body("type", equalTo("invalid_trace")).body("message", containsString("line 1"));
    }

    @Test
    void aTraceFileInTheTraceDirectoryRunsInOrderAtEachConcurrency() throws Exception {
        String file = "concurrency-" + shortId() + ".jsonl";
        Files.writeString(TRACE_DIR.resolve(file), trace(uniqueIds()));
        String name = "trace-file-" + shortId();
        String id = "trace-" + UUID.randomUUID();

        publish(job(id, name, "\"file\": \"" + file + "\"", "{\"type\": \"concurrency\", \"levels\": [1, 2]}"));
        fixture.inbox().await("io.perfsweep.job.completed.v1", id, JOB_TIMEOUT);

        given().get("/api/jobs/{id}/points", id).then().statusCode(200).body("$", hasSize(2))
                .body("[0].label", equalTo("c1")).body("[1].summary.request_count.avg", equalTo(4.0f));
        // Level 1 sends the rows in file order; level 2 sends them again, every prefix now cached.
        assertThat(receivedBy(name).subList(0, 4)).extracting(MockRequestTruth::cachedTokens)
                .containsExactly(0, 2 * 512, 512, 0);
    }

    @Test
    void aTraceFromAnAllowedUrlIsFetchedAndReplayed() {
        String id = "trace-" + UUID.randomUUID();
        String url = "http://127.0.0.1:" + traceServer.actualPort() + "/trace.jsonl";

        publish(job(id, "trace-url-" + shortId(), "\"url\": \"" + url + "\"", "{\"type\": \"replay\", \"speedup\": 4}"));

        fixture.inbox().await("io.perfsweep.job.completed.v1", id, JOB_TIMEOUT);
        given().get("/api/jobs/{id}/points", id).then().body("[0].label", equalTo("replay-x4"));
    }

    @Test
    void aTraceUrlThatTricklesIsCutOffRetriedAndRejectedWhileOtherJobsRun() {
        String slow = "trace-slow-" + UUID.randomUUID();
        String url = "http://127.0.0.1:" + traceServer.actualPort() + "/slow.jsonl";
        publish(job(slow, "trace-slow", "\"url\": \"" + url + "\"", "{\"type\": \"replay\"}"));
        String other = "after-slow-" + UUID.randomUUID();
        publish(syntheticJob(other, "after-slow", 1, 2));

        fixture.inbox().await("io.perfsweep.job.completed.v1", other, JOB_TIMEOUT);
        assertThat(fixture.inbox().find("io.perfsweep.job.failed.v1", slow)).isEmpty(); // still being tried

        String reason = fixture.inbox().await("io.perfsweep.job.failed.v1", slow, JOB_TIMEOUT).path("reason")
                .asText();
        assertThat(reason).contains("not read in full within perfsweep.traces.fetch-timeout")
                .contains("on each of 5 deliveries");
        given().get("/api/jobs/{id}", slow).then().body("state", equalTo("REJECTED")).body("reason", equalTo(reason));
    }

    @Test
    void aTraceUrlAnswering503IsTriedAgainAndThenRuns() {
        String id = "trace-flaky-" + UUID.randomUUID();
        String url = "http://127.0.0.1:" + traceServer.actualPort() + "/flaky-" + shortId() + ".jsonl";

        publish(job(id, "trace-flaky", "\"url\": \"" + url + "\"", "{\"type\": \"replay\", \"speedup\": 4}"));

        fixture.inbox().await("io.perfsweep.job.completed.v1", id, JOB_TIMEOUT);
        assertThat(FLAKY_ANSWERS.get(url.substring(url.indexOf("/flaky-")))).isEqualTo(3);
    }

    @Test
    void rowsBreakingTheBlockRuleRejectTheJobNamingTheirLines() throws Exception {
        String file = "bad-rows-" + shortId() + ".jsonl";
        Files.writeString(TRACE_DIR.resolve(file), """
                {"timestamp": 0, "input_length": 1024, "output_length": 4, "hash_ids": [1, 2]}
                {"timestamp": 10, "input_length": 1025, "output_length": 4, "hash_ids": [1, 2]}

                {"timestamp": 20, "input_length": 100, "output_length": 4, "hash_ids": [1, 2]}
                """);
        String id = "trace-" + UUID.randomUUID();
        String spec = job(id, "trace-bad-rows", "\"file\": \"" + file + "\"", "{\"type\": \"replay\"}");

        given().header("X-API-Key", API_KEY).contentType("application/json").body(spec).post("/api/jobs").then()
                .statusCode(400).body("message", containsString("line 2: input_length 1025 needs 3 hash ids"));
        String reason = rejected(id, spec);
        assertThat(reason).contains("2 trace row(s) cannot be sent as written (block size 512",
                "line 2: input_length 1025 needs 3 hash ids (ceil rule) but the row has 2",
                "line 4: input_length 100 needs 1 hash ids (ceil rule) but the row has 2");
    }

    @Test
    void rowsLongerThanTheJobCeilingsRejectTheJobNamingThem() throws Exception {
        // 200,001 tokens need 391 blocks of 512: a well-formed row the spec's own isl could never ask for
        String ids = LongStream.rangeClosed(1, 391).mapToObj(Long::toString).collect(Collectors.joining(", "));
        String file = "long-rows-" + shortId() + ".jsonl";
        Files.writeString(TRACE_DIR.resolve(file), """
                {"timestamp": 0, "input_length": 512, "output_length": 4, "hash_ids": [1]}
                {"timestamp": 10, "input_length": 200001, "output_length": 4, "hash_ids": [%s]}
                {"timestamp": 20, "input_length": 512, "output_length": 40000, "hash_ids": [1]}
                """.formatted(ids));
        String id = "trace-" + UUID.randomUUID();
        String spec = job(id, "trace-long-rows", "\"file\": \"" + file + "\"", "{\"type\": \"replay\"}");

        given().header("X-API-Key", API_KEY).contentType("application/json").body(spec).post("/api/jobs").then()
                .statusCode(400).body("message", containsString("row 2: input_length 200001 exceeds 200000"));
        assertThat(rejected(id, spec)).contains("2 trace row length(s) over the job ceilings",
                "row 2: input_length 200001 exceeds 200000 (perfsweep.limits.max-isl)",
                "row 3: output_length 40000 exceeds 32768 (perfsweep.limits.max-osl)");
    }

    @Test
    void aPathOutOfTheTraceDirectoryIsRejected() {
        for (String path : List.of("../../pom.xml", "/etc/passwd")) {
            String id = "trace-" + UUID.randomUUID();
            String reason = rejected(id, job(id, "trace-traversal", "\"file\": \"" + path + "\"",
                    "{\"type\": \"replay\"}"));
            assertThat(reason).contains("workload.file '" + path + "' is outside perfsweep.traces.dir");
        }
    }

    @Test
    void aUrlOnAHostNotAllowedIsRejectedWithoutBeingFetched() {
        String id = "trace-" + UUID.randomUUID();
        String spec = job(id, "trace-bad-url", "\"url\": \"http://169.254.169.254/latest/trace.jsonl\"",
                "{\"type\": \"replay\"}");

        given().header("X-API-Key", API_KEY).contentType("application/json").body(spec).post("/api/jobs").then()
                .statusCode(400).body("message", containsString("workload.url host '169.254.169.254' is not allowed"));
        assertThat(rejected(id, spec)).contains("perfsweep.traces.allowed-hosts");
    }

    /** Publishes the spec on NATS and returns the reason of its stored, published rejection. */
    private static String rejected(String id, String spec) {
        publish(spec);
        var failed = fixture.inbox().await("io.perfsweep.job.failed.v1", id, Duration.ofSeconds(20));
        assertThat(failed.path("state").asText()).isEqualTo("REJECTED");
        given().get("/api/jobs/{id}", id).then().statusCode(200).body("state", equalTo("REJECTED"))
                .body("reason", equalTo(failed.path("reason").asText()));
        return failed.path("reason").asText();
    }

    /** The mock's record of the requests of one benchmark name, in the order it received them. */
    private static List<MockRequestTruth> receivedBy(String name) {
        return fixture.mock().groundTruth().stream().filter(t -> t.requestId().startsWith(name + "-"))
                .sorted(Comparator.comparingLong(MockRequestTruth::receivedNanos)).toList();
    }

    private static String job(String id, String name, String source, String load) {
        return """
                {"apiVersion": "perfsweep/v1", "id": "%s", "name": "%s",
                 "target": {"url": "%s", "model": "%s"},
                 "workload": {"type": "trace", %s},
                 "load": %s}
                """.formatted(id, name, fixture.mock().baseUrl(), MODEL, source, load);
    }

    /** A small synthetic job against the mock: ISL 64, OSL 4. */
    private static String syntheticJob(String id, String name, int concurrency, int requests) {
        return """
                {"apiVersion": "perfsweep/v1", "id": "%s", "name": "%s",
                 "target": {"url": "%s", "model": "%s"}, "workload": {"isl": 64, "islStd": 0, "osl": 4},
                 "load": {"levels": [%d], "requestCount": %d}}""".formatted(id, name, fixture.mock().baseUrl(), MODEL,
                concurrency, requests);
    }

    private static void publish(String payload) {
        try {
            fixture.nats().jetStream().publish(NatsMessage.builder().subject("perfsweep.jobs")
                    .data(payload.getBytes(StandardCharsets.UTF_8)).build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hash ids no other test uses, so the mock's prefix cache holds nothing of them yet. */
    private static long[] uniqueIds() {
        long base = (UUID.randomUUID().getMostSignificantBits() & 0xFFFF_FFFFL) * 16;
        return new long[] { base, base + 1, base + 2, base + 3, base + 4, base + 5 };
    }

    private static String trace(long[] ids) {
        return TRACE.formatted(ids[0], ids[1], ids[2], ids[3], ids[4], ids[5]);
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
