package io.perfsweep.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.perfsweep.client.ClientOptions;
import io.perfsweep.client.EndpointKind;
import io.perfsweep.client.TraceParent;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.metrics.Slo;
import io.perfsweep.metrics.TimeSlices;
import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.mock.MockLlmServer;
import io.perfsweep.mock.MockRequestTruth;
import io.perfsweep.server.CounterStats;
import io.perfsweep.server.GaugeStats;
import io.perfsweep.server.MetricsEndpoints;
import io.perfsweep.server.PointServerMetrics;
import io.perfsweep.server.ServerFacts;
import io.perfsweep.server.ServerMetricsExport;
import io.perfsweep.workload.Tokenizers;
import io.vertx.core.Vertx;

/**
 * A point measured with the target's own metrics, against the built-in mock engine (vLLM's names from its simulated
 * state): the server's figures agree with what the client sent and received, and a metrics endpoint that does not
 * answer costs a warning, not the point.
 */
class ServerMetricsSweepTest {

    private static final int BLOCK_SIZE = 16;
    private static final int BLOCKS = 512;
    private static final int ISL = 200;
    private static final int OSL = 64;

    private Vertx vertx;
    private MockLlmServer mock;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        mock = MockLlmServer.start(vertx, MockEngineConfig.simulated(2).withBlockSize(BLOCK_SIZE)
                .withNumGpuBlocks(BLOCKS)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        mock.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void atEightStreamsTheServerSaysWhatTheClientDidAndAnUnreachableEndpointIsOnlyReported() {
        String unreachable = "http://127.0.0.1:9/metrics";
        var client = ClientOptions.of(mock.baseUrl(), EndpointKind.CHAT).withRequestTimeout(Duration.ofSeconds(60));
        var spec = new SweepSpec("server", client, "Qwen/Qwen3-0.6B", new SweepSpec.SyntheticSpec(ISL, 0, OSL, 0, 7),
                SweepSpec.RequestExtras.DYNAMO_DEFAULTS, SweepPlan.concurrencySweep(List.of(8), 64, 8), Slo.NONE)
                .withServerMetrics(MetricsEndpoints.of(mock.baseUrl(), List.of(unreachable)));

        PointResult result = new SweepRunner(vertx, Tokenizers.resolve("Qwen/Qwen3-0.6B")).run(spec,
                SweepListener.NONE).get(0);

        // the point is whole; the endpoint that did not answer is named with its cause
        assertThat(result.records()).hasSize(64).allMatch(RequestRecord::valid);
        assertThat(result.server().endpointsAnswering()).containsExactly(mock.baseUrl() + "/metrics");
        assertThat(result.server().failures()).containsOnlyKeys(unreachable);
        PointServerMetrics server = PointServerMetrics.of(result.server(), result.summary()).orElseThrow();
        ServerFacts facts = server.facts();
        assertThat(facts.server()).isEqualTo("vllm");
        // closed loop at 8: the server runs 8 requests (the last round drains)
        assertThat(facts.requestsRunningAvg()).isCloseTo(8, within(8 * 0.2));
        assertThat(facts.requestsRunningMax()).isEqualTo(8.0);
        // the generation counter over the window: every token the measured requests streamed
        long streamed = result.records().stream().mapToLong(RequestRecord::outputTokens).sum();
        var generation = (CounterStats) server.window().metrics().get("vllm:generation_tokens").series().get(0)
                .stats();
        assertThat(generation.total()).isCloseTo(streamed, within(streamed * 0.03));
        // capacity from cache_config_info; usage by hand: 8 requests of 200 prompt tokens hold 8 · ⌈200/16⌉ blocks,
        // and at most 8 · ⌈(200 + 64)/16⌉ once every token is generated
        assertThat(facts.maxKvTokens()).isEqualTo((long) BLOCKS * BLOCK_SIZE);
        double least = 8.0 * Math.ceil(ISL / (double) BLOCK_SIZE) / BLOCKS;
        double most = 8.0 * Math.ceil((ISL + OSL) / (double) BLOCK_SIZE) / BLOCKS;
        assertThat(facts.kvCacheUsageMax()).isBetween(least, most);
        var usage = (GaugeStats) server.window().metrics().get("vllm:kv_cache_usage_perc").series().get(0).stats();
        assertThat(usage.avg()).isBetween(least * 0.7, most);
        // the server's own TTFT sits below the client's, which adds the network and the client
        assertThat(server.gap().ttftGapMs()).isPositive().isLessThan(server.gap().clientTtftMs());
    }

    @Test
    @SuppressWarnings("unchecked")
    void inOneSecondSlicesTheServerRunsWhatTheClientHasInFlightAndEveryRequestAndTokenIsCountedOnce() {
        var client = ClientOptions.of(mock.baseUrl(), EndpointKind.CHAT).withRequestTimeout(Duration.ofSeconds(60));
        var spec = new SweepSpec("sliced", client, "Qwen/Qwen3-0.6B", new SweepSpec.SyntheticSpec(ISL, 0, OSL, 0, 7),
                SweepSpec.RequestExtras.DYNAMO_DEFAULTS, SweepPlan.concurrencySweep(List.of(8), 64, 0), Slo.NONE)
                .withServerMetrics(MetricsEndpoints.of(mock.baseUrl(), List.of()));

        PointResult result = new SweepRunner(vertx, Tokenizers.resolve("Qwen/Qwen3-0.6B")).run(spec,
                SweepListener.NONE).get(0);
        PointServerMetrics server = PointServerMetrics.of(result.server(), result.summary(), result.records(),
                result.startTime(), result.endTime(), 1.0).orElseThrow();

        // the slices tile the measured window on whole wall-clock seconds, and each request is in exactly one
        TimeSlices slices = server.slices().slices();
        assertThat(slices.slices().size()).isGreaterThanOrEqualTo(3);
        for (int i = 1; i < slices.slices().size(); i++) {
            assertThat(slices.slices().get(i).startEpochNanos()).isEqualTo(slices.slices().get(i - 1).endEpochNanos())
                    .isEqualTo(Math.floorDiv(slices.slices().get(i).startEpochNanos(), 1_000_000_000L)
                            * 1_000_000_000L);
        }
        assertThat(slices.requestsBySlice(result.records()).stream().mapToInt(List::size).sum()).isEqualTo(64);
        // the requests the server holds (running and waiting) follow the client's requests in flight slice by slice:
        // running alone dips when a scrape lands between a round's ends and the engine's admission of the next round
        // (seen once in CI: 5.67 running against 8 in flight, the new requests waiting)
        List<Map<String, Object>> timeline = server.timeline();
        assertThat(timeline).hasSameSizeAs(slices.slices());
        for (int i = 0; i < timeline.size(); i++) {
            if (slices.slices().get(i).complete()) {
                Map<String, Object> slice = timeline.get(i);
                double held = (Double) slice.get("server_running") + (Double) slice.get("server_waiting");
                assertThat(held).as("slice %d", i).isCloseTo((Double) slice.get("client_in_flight"), within(2.0));
                assertThat((Double) slice.get("kv_cache_usage")).isPositive();
            }
        }
        // the generation counter's slices add up to the tokens streamed, none counted twice
        var export = ServerMetricsExport.toMap(server.window(), server.slices(),
                server.exportContext("perfsweep-test", "b", Map.of()));
        var metrics = (Map<String, Map<String, Object>>) export.get("metrics");
        var tokens = ((List<Map<String, Object>>) metrics.get("vllm:generation_tokens").get("series")).get(0);
        double sliced = ((List<Map<String, Object>>) tokens.get("timeslices")).stream()
                .mapToDouble(slice -> ((Number) slice.get("total")).doubleValue()).sum();
        long streamed = result.records().stream().mapToLong(RequestRecord::outputTokens).sum();
        assertThat(sliced).isCloseTo(streamed, within(streamed * 0.03));
    }

    @Test
    void everyRequestsTraceparentReachesTheServerSoItsRecordsJoinTheClientsPerRequest() {
        var client = ClientOptions.of(mock.baseUrl(), EndpointKind.CHAT).withRequestTimeout(Duration.ofSeconds(60));
        var spec = new SweepSpec("trace", client, "Qwen/Qwen3-0.6B", new SweepSpec.SyntheticSpec(50, 0, 4, 0, 7),
                SweepSpec.RequestExtras.DYNAMO_DEFAULTS, SweepPlan.concurrencySweep(List.of(2), 6, 0), Slo.NONE);

        PointResult result = new SweepRunner(vertx, Tokenizers.resolve("Qwen/Qwen3-0.6B")).run(spec,
                SweepListener.NONE).get(0);

        var byTrace = mock.groundTruth().stream().collect(Collectors.toMap(MockRequestTruth::traceId, t -> t));
        for (int i = 0; i < result.records().size(); i++) {
            String requestId = result.requestIds().get(i);
            MockRequestTruth truth = byTrace.get(TraceParent.traceId(requestId));
            assertThat(truth).as(requestId).isNotNull();
            assertThat(truth.requestId()).isEqualTo(requestId);
            // the join lines up the two sides of one request: the mock received it after the client sent it
            assertThat(truth.receivedNanos()).isGreaterThan(result.records().get(i).sentNanos());
        }
    }
}
