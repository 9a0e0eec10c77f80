package io.perfsweep.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.perfsweep.client.ClientOptions;
import io.perfsweep.client.EndpointKind;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.metrics.Slo;
import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.mock.MockLlmServer;
import io.perfsweep.server.GpuTelemetry;
import io.perfsweep.server.MetricsEndpoints;
import io.perfsweep.server.PointServerMetrics;
import io.perfsweep.testsupport.StandInDcgmExporter;
import io.perfsweep.workload.Tokenizers;
import io.vertx.core.Vertx;

/**
 * A point measured against the built-in mock with a stand-in DCGM exporter among its metrics endpoints: the GPUs it
 * serves are seen, and the energy per output token is what their known draw over the window makes it.
 */
class GpuTelemetrySweepTest {

    private static final double WATTS = 650;

    private Vertx vertx;
    private MockLlmServer mock;
    private StandInDcgmExporter dcgm;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        mock = MockLlmServer.start(vertx, MockEngineConfig.simulated(2)).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        dcgm = StandInDcgmExporter.start(StandInDcgmExporter.twoGpus(WATTS));
    }

    @AfterEach
    void stop() throws Exception {
        dcgm.close();
        mock.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void twoGpusAreSeenAndTheirEnergyPerOutputTokenIsTheirDrawOverTheWindow() {
        var client = ClientOptions.of(mock.baseUrl(), EndpointKind.CHAT).withRequestTimeout(Duration.ofSeconds(60));
        var spec = new SweepSpec("gpu", client, "Qwen/Qwen3-0.6B", new SweepSpec.SyntheticSpec(200, 0, 64, 0, 7),
                SweepSpec.RequestExtras.DYNAMO_DEFAULTS, SweepPlan.concurrencySweep(List.of(8), 64, 8), Slo.NONE)
                .withServerMetrics(MetricsEndpoints.of(mock.baseUrl(), List.of(dcgm.metricsUrl())));

        PointResult result = new SweepRunner(vertx, Tokenizers.resolve("Qwen/Qwen3-0.6B")).run(spec,
                SweepListener.NONE).get(0);

        assertThat(result.records()).hasSize(64).allMatch(RequestRecord::valid);
        assertThat(result.server().endpointsAnswering()).contains(dcgm.metricsUrl());
        assertThat(dcgm.scrapes()).isGreaterThanOrEqualTo(3); // baseline, boundary, final at least
        PointServerMetrics server = PointServerMetrics.of(result.server(), result.summary()).orElseThrow();
        GpuTelemetry gpu = server.gpu();
        assertThat(gpu).isNotNull();
        assertThat(gpu.gpusSeen()).isEqualTo(2);
        assertThat(gpu.gpus()).allSatisfy(g -> assertThat(g.name()).isEqualTo(StandInDcgmExporter.MODEL_NAME));
        assertThat(gpu.totalGpuPowerW()).isCloseTo(2 * WATTS, within(1e-6));

        long streamed = result.records().stream().mapToLong(RequestRecord::outputTokens).sum();
        double windowSeconds = (result.server().windowEndNanos() - result.server().windowStartNanos()) / 1e9;
        double expectedMj = WATTS * 2 * windowSeconds * 1000 / streamed;
        assertThat(gpu.energyPerOutputTokenMj()).isCloseTo(expectedMj, within(expectedMj * 0.03));
        assertThat(gpu.averageGpuPowerW()).isCloseTo(2 * WATTS, within(2 * WATTS * 0.03));
        assertThat(gpu.energyPerRequestJ()).isCloseTo(WATTS * 2 * windowSeconds / 64, within(WATTS * windowSeconds
                * 2 / 64 * 0.03));
        // the mock's own facts are untouched by the exporter beside it
        assertThat(server.facts().server()).isEqualTo("vllm");
        assertThat(server.toStoredJson(server.exportContext("p", "gpu-c8", Map.of())))
                .containsKey(PointServerMetrics.GPU);
    }
}
