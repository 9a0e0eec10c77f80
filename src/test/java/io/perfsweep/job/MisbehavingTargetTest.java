package io.perfsweep.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.perfsweep.client.ErrorKind;
import io.perfsweep.load.PointResult;
import io.perfsweep.load.SweepListener;
import io.perfsweep.load.SweepRunner;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.mock.MockLlmServer;
import io.perfsweep.mock.MockRequestTruth;
import io.perfsweep.spec.JobLimits;
import io.perfsweep.spec.JobSpecParser;
import io.perfsweep.testsupport.FaultyTarget;
import io.perfsweep.testsupport.FaultyTarget.Mode;
import io.perfsweep.workload.Tokenizers;
import io.vertx.core.Vertx;

/**
 * A job's point against a target that misbehaves ends in bounded time, with every request counted as failed by kind
 * and a message that says what happened; afterwards the same runner, on the same Vert.x, still measures a good server
 * right. The timeouts come from the job spec ({@code load.requestTimeoutSeconds}, {@code load.idleTimeoutSeconds}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MisbehavingTargetTest {

    private static final int REQUESTS = 3;
    private static final double REQUEST_TIMEOUT_SECONDS = 1.5;
    private static final double IDLE_TIMEOUT_SECONDS = 0.4;
    /** Two rounds of at most one request timeout each at concurrency 2, plus slack for a busy machine. */
    private static final Duration POINT_BOUND = Duration.ofSeconds(6);

    private static final JobSpecParser PARSER = new JobSpecParser(JobLimits.DEFAULTS);
    private static Vertx vertx;
    private static SweepRunner runner;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
        runner = new SweepRunner(vertx, Tokenizers.fallback("test"));
    }

    @AfterAll
    static void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static Stream<Arguments> misbehaviours() {
        return Stream.of(
                Arguments.of(Mode.NEVER_ANSWERS, ErrorKind.TIMEOUT, "no bytes for 400 ms (request sent, no response"
                        + " headers)"),
                Arguments.of(Mode.HEADERS_THEN_NOTHING, ErrorKind.TIMEOUT, "no bytes for 400 ms (after the response"
                        + " headers: 0 body bytes, 0 content events, no [DONE])"),
                Arguments.of(Mode.RESET_MID_STREAM, ErrorKind.CONNECT, "connection lost mid-stream: SocketException:"
                        + " Connection reset (after the response headers: 240 body bytes, 2 content events, no [DONE])"),
                Arguments.of(Mode.HTTP_500_JSON, ErrorKind.HTTP_STATUS, "HTTP 500: " + FaultyTarget.ERROR_JSON),
                Arguments.of(Mode.GARBAGE_DATA, ErrorKind.STREAM_PARSE, "non-JSON data: {\"choices\""),
                Arguments.of(Mode.HTML_PAGE, ErrorKind.STREAM_PARSE, "not an event stream: HTTP 200 with Content-Type"
                        + " text/html; charset=utf-8: <!DOCTYPE html><html><head><title>Sign in</title>"),
                Arguments.of(Mode.CLOSED_BEFORE_DONE, ErrorKind.CONNECT, "connection lost mid-stream: HttpClosedException:"
                        + " Connection was closed (after the response headers: 240 body bytes, 2 content events, no"
                        + " [DONE])"),
                Arguments.of(Mode.ENDED_WITHOUT_DONE, ErrorKind.INCOMPLETE, "stream ended without [DONE] after 2"
                        + " content events and no finish_reason"),
                Arguments.of(Mode.FINISHED_WITHOUT_DONE, ErrorKind.INCOMPLETE, "stream ended without [DONE] after 2"
                        + " content events (finish_reason length)"),
                Arguments.of(Mode.BYTE_EVERY_100_MS, ErrorKind.TIMEOUT, "no complete response within 1500 ms (after"
                        + " the response headers: "),
                Arguments.of(Mode.SINGLE_2MB_EVENT, ErrorKind.STREAM_PARSE, "an SSE line or event over 1048576 bytes;"
                        + " the stream was abandoned"));
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("misbehaviours")
    void aPointAgainstAMisbehavingTargetEndsInTimeWithEveryRequestFailedByKind(Mode mode, ErrorKind kind,
            String cause) throws Exception {
        try (var target = FaultyTarget.start(mode)) {
            PointResult result = runner.runPoint(job(target.baseUrl()), 0, SweepListener.NONE);

            assertThat(Duration.between(result.startTime(), result.endTime())).isLessThan(POINT_BOUND);
            assertThat(result.summary().requestCount()).as("requests counted ok").isZero();
            assertThat(result.summary().errorRequestCount()).isEqualTo(REQUESTS);
            assertThat(result.summary().errorCountsByType()).containsExactly(Map.entry(kind.name(), (long) REQUESTS));
            assertThat(result.records()).hasSize(REQUESTS).allSatisfy(record -> {
                assertThat(record.error()).isNotNull();
                assertThat(record.error().type()).isEqualTo(kind.name());
                assertThat(record.error().message()).contains(cause);
                assertThat(record.error().code()).isEqualTo(kind == ErrorKind.HTTP_STATUS ? 500 : 0);
            });
            assertThat(target.requests()).as("requests the target read").isEqualTo(REQUESTS);
            // its /metrics misbehaves the same way: the scraper gave up on it without holding the point
            assertThat(target.metricsFetches()).as("metrics fetches").isPositive();
            assertThat(result.server().endpointsAnswering()).isEmpty();
        }
    }

    /** The client mishandled nothing: the mock's own record of each request matches what the point measured. */
    @Order(2)
    @Test
    void afterwardsTheSameRunnerMeasuresAGoodServerRight() throws Exception {
        MockLlmServer mock = MockLlmServer.start(vertx, MockEngineConfig.fixed(20, 2)).toCompletionStage()
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        try {
            PointResult result = runner.runPoint(job(mock.baseUrl()), 0, SweepListener.NONE);

            assertThat(result.summary().requestCount()).isEqualTo(REQUESTS);
            assertThat(result.summary().errorRequestCount()).isZero();
            Map<String, MockRequestTruth> truth = new HashMap<>();
            mock.groundTruth().forEach(t -> truth.put(t.requestId(), t));
            assertThat(truth).hasSize(REQUESTS);
            List<RequestRecord> records = result.records();
            for (int i = 0; i < REQUESTS; i++) {
                RequestRecord record = records.get(i);
                MockRequestTruth served = truth.get(result.requestIds().get(i));
                assertThat(record.error()).isNull();
                assertThat(record.usage().completionTokens()).isEqualTo(8);
                assertThat(served.completionTokens()).isEqualTo(8);
                // The first token reached the client after the mock wrote it, within a loopback read's delay.
                long firstArrival = record.responseNanos()[record.firstOutputIndex()];
                long firstWrite = served.tokenWrittenNanos()[0];
                assertThat(firstArrival - firstWrite).isBetween(0L, TimeUnit.MILLISECONDS.toNanos(100));
            }
        } finally {
            mock.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** A tiny job: {@value #REQUESTS} requests at concurrency 2, short timeouts set in its load. */
    private static io.perfsweep.load.SweepSpec job(String url) {
        String json = """
                {"apiVersion":"perfsweep/v1","name":"faults","target":{"url":"%s","model":"%s"},
                 "workload":{"isl":16,"islStd":0,"osl":8},
                 "load":{"levels":[2],"requestCount":%d,"requestTimeoutSeconds":%s,"idleTimeoutSeconds":%s}}"""
                .formatted(url, MockEngineConfig.DEFAULT_MODEL, REQUESTS, REQUEST_TIMEOUT_SECONDS, IDLE_TIMEOUT_SECONDS);
        return SweepSpecs.toSweepSpec(PARSER.parse(json), ClientDefaults.DEFAULTS, SecretResolver.NONE, null);
    }
}
