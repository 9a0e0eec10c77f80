package io.perfsweep.server;

import static io.perfsweep.server.ServerMetricsWindowTest.S;
import static io.perfsweep.server.ServerMetricsWindowTest.scrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.perfsweep.metrics.MetricTag;
import io.perfsweep.metrics.PointSummary;
import io.perfsweep.testsupport.StandInDcgmExporter;

/** GPU telemetry from DCGM exporter scrapes built by hand: energy from the counter, AIPerf's efficiency figures. */
class GpuTelemetryTest {

    private static final String DCGM = "http://dcgm-exporter:9400/metrics";
    private static final GpuTelemetry.Work WORK = new GpuTelemetry.Work(12_000.0, 60.0, 4_000.0);

    /** The stand-in exporter's text for two 700 W GPUs at each of {@code seconds}. */
    private static List<Scrape> twoGpusAt(double... seconds) {
        List<Scrape> scrapes = new ArrayList<>();
        for (double s : seconds) {
            scrapes.add(scrape(DCGM, s, 1_000_000, StandInDcgmExporter.exposition(StandInDcgmExporter.twoGpus(700), s)));
        }
        return scrapes;
    }

    private static GpuTelemetry telemetry(List<Scrape> scrapes, long startNanos, long endNanos, GpuTelemetry.Work work) {
        return GpuTelemetry.of(ServerMetricsWindow.of(scrapes, startNanos, endNanos), work).orElseThrow();
    }

    private static String gpu(String family, String gpu, double value) {
        return family + "{gpu=\"" + gpu + "\",UUID=\"GPU-" + gpu + "\",modelName=\"NVIDIA L4\",Hostname=\"h\"} "
                + value + "\n";
    }

    @Test
    void twoGpusAtSevenHundredWattsOverThreeSeconds() {
        // window [1 s, 4 s]; the counter's bracket is the scrapes at 0.5 s and 4.2 s, 3.7 s long
        GpuTelemetry gpu = telemetry(twoGpusAt(0.5, 1.5, 2.5, 3.5, 4.2), S, 4 * S, WORK);

        assertThat(gpu.gpusSeen()).isEqualTo(2);
        // 700 W × 3 s per GPU, the bracket's rate scaled to the window (the raw delta would be 700 × 3.7 J)
        assertThat(gpu.gpus()).allSatisfy(g -> assertThat(g.energyJ()).isCloseTo(2100.0, within(0.01)));
        assertThat(gpu.totalGpuEnergyJ()).isCloseTo(4200.0, within(0.02));
        assertThat(gpu.averageGpuPowerW()).isCloseTo(1400.0, within(0.01));
        assertThat(gpu.totalGpuPowerW()).isEqualTo(1400.0);
        assertThat(gpu.energyPerOutputTokenMj()).isCloseTo(4200.0 * 1000 / 12_000, within(0.01));
        assertThat(gpu.outputTokensPerJoule()).isCloseTo(12_000 / 4200.0, within(1e-5));
        assertThat(gpu.energyPerRequestJ()).isCloseTo(4200.0 / 60, within(1e-3));
        assertThat(gpu.tokensPerSecondPerGpuSeen()).isEqualTo(4_000.0 / 2);

        GpuStats first = gpu.gpus().get(0);
        assertThat(first.endpointUrl()).isEqualTo(DCGM);
        assertThat(first.index()).isEqualTo("0");
        assertThat(first.uuid()).isEqualTo("GPU-5f2b8c1e-7a3d-4e9f-b6c0-1d2e3f4a5b6c");
        assertThat(first.name()).isEqualTo(StandInDcgmExporter.MODEL_NAME);
        assertThat(first.hostname()).isEqualTo("node-a");
        assertThat(first.utilizationAvgPct()).isEqualTo(87.0);
        assertThat(first.memoryUsedAvgGb()).isCloseTo(61_440 * 1.048576e-3, within(1e-9));
        assertThat(first.temperatureMaxC()).isEqualTo(64.0);
        assertThat(gpu.gpus().get(1).utilizationAvgPct()).isEqualTo(91.0);
    }

    @Test
    void gaugesPoolTheSamplesInsideTheWindowOnly() {
        List<Scrape> scrapes = new ArrayList<>();
        double[] power = { 999, 100, 200, 300, 999 };
        double[] memory = { 1, 1000, 2000, 3000, 1 };
        double[] temperature = { 90, 50, 70, 60, 90 };
        for (int i = 0; i < power.length; i++) {
            scrapes.add(scrape(DCGM, i, 1_000_000, gpu(GpuReader.POWER, "0", power[i])
                    + gpu(GpuReader.MEMORY_USED, "0", memory[i]) + gpu(GpuReader.TEMPERATURE, "0", temperature[i])
                    + gpu(GpuReader.UTILIZATION, "0", 10.0 * i)));
        }
        GpuStats stats = telemetry(scrapes, S, 3 * S, WORK).gpus().get(0);

        assertThat(stats.powerAvgW()).isEqualTo(200.0);
        assertThat(stats.powerMaxW()).isEqualTo(300.0);
        assertThat(stats.memoryUsedAvgGb()).isCloseTo(2000 * GpuStats.GB_PER_MIB, within(1e-12));
        assertThat(stats.memoryUsedMaxGb()).isCloseTo(3000 * GpuStats.GB_PER_MIB, within(1e-12));
        assertThat(stats.temperatureMaxC()).isEqualTo(70.0);
        assertThat(stats.utilizationAvgPct()).isEqualTo(20.0);
        assertThat(stats.name()).isEqualTo("NVIDIA L4");
    }

    @Test
    void withoutAnEnergyCounterThePowerStaysAndTheEnergyFiguresAreNull() {
        List<Scrape> scrapes = List.of(scrape(DCGM, 1, 1_000_000, gpu(GpuReader.POWER, "0", 300)),
                scrape(DCGM, 2, 1_000_000, gpu(GpuReader.POWER, "0", 340)));
        GpuTelemetry gpu = telemetry(scrapes, S, 2 * S, WORK);

        assertThat(gpu.gpusSeen()).isEqualTo(1);
        assertThat(gpu.totalGpuPowerW()).isEqualTo(320.0);
        assertThat(gpu.gpus().get(0).energyJ()).isNull();
        assertThat(gpu.totalGpuEnergyJ()).isNull();
        assertThat(gpu.averageGpuPowerW()).isNull();
        assertThat(gpu.energyPerOutputTokenMj()).isNull();
        assertThat(gpu.outputTokensPerJoule()).isNull();
        assertThat(gpu.energyPerRequestJ()).isNull();
    }

    @Test
    void aGpuWithoutACounterLeavesTheTotalUnknownRatherThanShort() {
        String text0 = gpu(GpuReader.ENERGY, "0", 0) + gpu(GpuReader.POWER, "1", 200);
        String text1 = gpu(GpuReader.ENERGY, "0", 500_000) + gpu(GpuReader.POWER, "1", 200);
        GpuTelemetry gpu = telemetry(List.of(scrape(DCGM, 0, 0, text0), scrape(DCGM, 2, 0, text1)), 0, 2 * S, WORK);

        assertThat(gpu.gpusSeen()).isEqualTo(2);
        assertThat(gpu.gpus().get(0).energyJ()).isCloseTo(500.0, within(1e-9));
        assertThat(gpu.totalGpuEnergyJ()).isNull();
        assertThat(gpu.totalGpuPowerW()).isNull(); // GPU 0 reports no power
    }

    @Test
    void aCounterResetCountsAsNoEnergy() {
        List<Scrape> scrapes = List.of(scrape(DCGM, 0, 0, gpu(GpuReader.ENERGY, "0", 9_000_000)),
                scrape(DCGM, 2, 0, gpu(GpuReader.ENERGY, "0", 1_000)));
        GpuTelemetry gpu = telemetry(scrapes, S, 2 * S, WORK);

        assertThat(gpu.totalGpuEnergyJ()).isZero();
        assertThat(gpu.outputTokensPerJoule()).isNull();
    }

    @Test
    void aGpuUnderTwoLabelSetsCountsOnceAndSeriesOfNoGpuAreIgnored() {
        String pod = GpuReader.POWER + "{gpu=\"0\",UUID=\"GPU-0\",pod=\"vllm-%s\"} %d\n" + GpuReader.ENERGY
                + "{gpu=\"0\",UUID=\"GPU-0\",pod=\"vllm-%s\"} %d\n" + GpuReader.POWER + "{Hostname=\"h\"} 5000\n";
        List<Scrape> scrapes = List.of(scrape(DCGM, 0, 0, String.format(pod, "a", 100, "a", 0)),
                scrape(DCGM, 1, 0, String.format(pod, "a", 100, "a", 100_000)),
                scrape(DCGM, 2, 0, String.format(pod, "b", 300, "b", 200_000)),
                scrape(DCGM, 3, 0, String.format(pod, "b", 300, "b", 500_000)));
        GpuTelemetry gpu = telemetry(scrapes, 0, 3 * S, WORK);

        assertThat(gpu.gpusSeen()).isEqualTo(1);
        assertThat(gpu.totalGpuPowerW()).isEqualTo(200.0);
        // one device counter under two label sets: 500 J from its first sample to its last
        assertThat(gpu.totalGpuEnergyJ()).isCloseTo(500.0, within(1e-9));
    }

    @Test
    void withoutADcgmExporterThereIsNoTelemetry() {
        ServerMetricsWindow window = ServerMetricsWindow.of(ServerFactsTest.vllmScrapes(), S, 10 * S);

        assertThat(GpuTelemetry.of(window, WORK)).isEmpty();
    }

    @Test
    void noOutputTokensNoEnergyPerToken() {
        GpuTelemetry gpu = telemetry(twoGpusAt(0, 1, 2), 0, 2 * S, new GpuTelemetry.Work(0.0, null, null));

        assertThat(gpu.totalGpuEnergyJ()).isCloseTo(2800.0, within(0.01));
        assertThat(gpu.energyPerOutputTokenMj()).isNull();
        assertThat(gpu.energyPerRequestJ()).isNull();
        assertThat(gpu.tokensPerSecondPerGpuSeen()).isNull();
        assertThat(gpu.outputTokensPerJoule()).isZero();
    }

    @Test
    void theJsonHasSnakeCaseKeysAndEveryGpu() {
        Map<String, Object> json = telemetry(twoGpusAt(0, 1, 2), 0, 2 * S, WORK).toJson();

        assertThat(json).containsKeys("gpus_seen", "total_gpu_energy_j", "average_gpu_power_w", "total_gpu_power_w",
                "energy_per_output_token_mj", "output_tokens_per_joule", "energy_per_request_j",
                "tokens_per_sec_per_gpu_seen", "gpus").containsEntry("gpus_seen", 2);
        assertThat((List<?>) json.get("gpus")).hasSize(2);
        Map<Object, Object> first = new HashMap<>((Map<?, ?>) ((List<?>) json.get("gpus")).get(0));
        assertThat(first).containsEntry("gpu_index", "0").containsEntry("gpu_name", StandInDcgmExporter.MODEL_NAME)
                .containsEntry("power_avg_w", 700.0)
                .containsKeys("energy_j", "utilization_avg_pct", "memory_used_max_gb", "temperature_max_c");
    }

    @Test
    void thePointsStoredJsonCarriesTheGpuBlockOnlyWithAnExporter() {
        PointSummary summary = new PointSummary(Map.of(),
                Map.of(MetricTag.TOTAL_OSL, 12_000.0, MetricTag.REQUEST_COUNT, 60.0,
                        MetricTag.OUTPUT_TOKEN_THROUGHPUT, 4_000.0),
                List.of(), OptionalLong.empty(), OptionalLong.empty());
        var withGpus = new ServerCapture(List.of(DCGM), List.of(DCGM), twoGpusAt(0.5, 1.5, 2.5, 3.5, 4.2), Map.of(),
                S, 4 * S);
        var without = new ServerCapture(List.of(ServerMetricsWindowTest.URL), List.of(ServerMetricsWindowTest.URL),
                ServerFactsTest.vllmScrapes(), Map.of(), S, 10 * S);

        PointServerMetrics gpus = PointServerMetrics.of(withGpus, summary).orElseThrow();
        assertThat(gpus.gpu().energyPerOutputTokenMj()).isCloseTo(350.0, within(0.01));
        assertThat(gpus.gpuJson()).containsEntry("gpus_seen", 2);
        PointServerMetrics none = PointServerMetrics.of(without, summary).orElseThrow();
        assertThat(none.gpu()).isNull();
        assertThat(none.toStoredJson(none.exportContext("p", "b", Map.of()))).containsEntry(PointServerMetrics.GPU,
                null);
    }
}
