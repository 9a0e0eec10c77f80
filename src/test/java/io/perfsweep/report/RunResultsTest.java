package io.perfsweep.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.perfsweep.metrics.PointSummarizer;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.metrics.Slo;

/** Reading runs in perfsweep's and perf.sh's layouts, and where the GPU count comes from. */
class RunResultsTest {

    @TempDir
    Path dir;

    @Test
    void perfShLayoutTakesGpusFromDeploymentConfigAndConcurrencyFromTheDirectoryName() throws IOException {
        Path aggregated = dir.resolve("artifacts_0");
        deploymentConfig(aggregated, "aggregated", 4, 2, 0, 0, 0, 0);
        export(aggregated.resolve("-concurrency8"), 1600, 50, "");
        export(aggregated.resolve("-concurrency1"), 400, 100, "");
        Path disaggregated = dir.resolve("artifacts_1");
        deploymentConfig(disaggregated, "disaggregated", 0, 0, 1, 4, 4, 1);
        export(disaggregated.resolve("-concurrency2").resolve("nested"), 800, 90, "");

        RunResults agg = RunResults.read(aggregated);
        RunResults disagg = RunResults.read(disaggregated);

        assertThat(agg.gpus()).isEqualTo(8); // tp 4 · dp 2
        assertThat(agg.gpuSource()).isEqualTo(RunResults.DEPLOYMENT_CONFIG);
        assertThat(agg.points()).extracting(RunResults.Point::concurrency).containsExactly(1, 8);
        assertThat(agg.efficiencyPoints()).containsExactly(new ParetoFrontier.Point(100, 50, "c1"),
                new ParetoFrontier.Point(50, 200, "c8"));
        assertThat(agg.warnings()).isEmpty();
        assertThat(disagg.gpus()).isEqualTo(8); // prefill 1·4 + decode 4·1
        assertThat(disagg.efficiencyPoints()).containsExactly(new ParetoFrontier.Point(90, 100, "c2"));
    }

    @Test
    void perfsweepLayoutTakesGpusFromInputConfigElseAssumesOneWithAWarning() throws IOException {
        Path withGpus = dir.resolve("with-gpus");
        export(withGpus.resolve("c4"), 1000, 60, "\"input_config\": {\"concurrency\": 4, \"num_gpus\": 4},");
        Path without = dir.resolve("without");
        export(without.resolve("c4"), 1000, 60, "\"input_config\": {\"concurrency\": 4},");
        Files.createDirectories(without.resolve("logs"));

        RunResults gpus = RunResults.read(withGpus);
        RunResults assumed = RunResults.read(without);

        assertThat(gpus.gpus()).isEqualTo(4);
        assertThat(gpus.gpuSource()).isEqualTo("input_config");
        assertThat(gpus.tokensPerSecondPerGpu(gpus.points().get(0))).hasValue(250.0);
        assertThat(assumed.gpus()).isEqualTo(1);
        assertThat(assumed.warnings()).singleElement().asString().contains("assumes 1 GPU");
        assertThat(assumed.tokensPerSecondPerGpu(assumed.points().get(0))).hasValue(1000.0);
    }

    @Test
    void readsWhatOurOwnExporterWrites() {
        long ms = 1_000_000;
        long wall = 1_760_000_000_000_000_000L;
        // TTFT 10 ms, latency 30 ms, OSL 3 → ITL 10 ms; TTFT 20 ms, latency 60 ms, OSL 5 → ITL 10 ms.
        // Both start at the same wall time: duration 60 ms, 8 output tokens → 133.33 tok/s; 1/ITL = 100 tok/s/user.
        List<RequestRecord> records = List.of(
                new RequestRecord(0, 0, 30 * ms, wall, new long[] { 10 * ms, 30 * ms }, 0, 100, 3, null, 0, null, null),
                new RequestRecord(0, 0, 60 * ms, wall, new long[] { 20 * ms, 60 * ms }, 0, 100, 5, null, 0, null,
                        null));
        Path run = dir.resolve("ours");
        AiperfExport.write(run.resolve("c2"), PointSummarizer.summarize(records, Slo.NONE), records,
                new ExportContext("ours-c2", null, null, false, Map.of("concurrency", 2, "num_gpus", 2), Map.of(),
                        List.of()));

        RunResults read = RunResults.read(run);

        assertThat(read.gpus()).isEqualTo(2);
        RunResults.Point point = read.points().get(0);
        assertThat(point.concurrency()).isEqualTo(2);
        assertThat(point.ttftAvg()).hasValue(15.0);
        assertThat(point.itlP50()).hasValue(10.0);
        assertThat(point.tokensPerSecondPerUser().getAsDouble()).isCloseTo(100.0, within(1e-9));
        assertThat(point.outputTokenThroughput().getAsDouble()).isCloseTo(8 / 0.060, within(1e-9));
        assertThat(read.tokensPerSecondPerGpu(point).getAsDouble()).isCloseTo(4 / 0.060, within(1e-9));
    }

    @Test
    void aDirectoryWithoutConcurrencyLevelsIsNotARun() throws IOException {
        Files.createDirectories(dir.resolve("empty").resolve("misc"));

        assertThatThrownBy(() -> RunResults.read(dir.resolve("empty"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("c<N>");
    }

    @Test
    void concurrencyComesFromEitherDirectoryNaming() {
        assertThat(RunResults.concurrencyOf("c16")).hasValue(16);
        assertThat(RunResults.concurrencyOf("-concurrency256")).hasValue(256);
        assertThat(RunResults.concurrencyOf("vllm-concurrency3")).hasValue(3);
        assertThat(RunResults.concurrencyOf("plots")).isEmpty();
        assertThat(RunResults.concurrencyOf("c")).isEmpty();
    }

    static void deploymentConfig(Path runDir, String mode, int tp, int dp, int prefillTp, int prefillDp, int decodeTp,
            int decodeDp) throws IOException {
        Files.createDirectories(runDir);
        Files.writeString(runDir.resolve(RunResults.DEPLOYMENT_CONFIG), """
                {"kind": "vllm_serve", "model": "m", "input_sequence_length": 3000, "output_sequence_length": 150,
                 "tensor_parallelism": %d, "data_parallelism": %d,
                 "prefill_tensor_parallelism": %d, "prefill_data_parallelism": %d,
                 "decode_tensor_parallelism": %d, "decode_data_parallelism": %d, "mode": "%s"}
                """.formatted(tp, dp, prefillTp, prefillDp, decodeTp, decodeDp, mode));
    }

    /** A minimal AIPerf JSON export with the two throughput metrics. */
    static void export(Path pointDir, double tokensPerSecond, double tokensPerSecondPerUser, String extra)
            throws IOException {
        Files.createDirectories(pointDir);
        Files.writeString(pointDir.resolve(AiperfExport.JSON_FILE), """
                {"schema_version": "1.2", %s
                 "output_token_throughput": {"unit": "tokens/sec", "avg": %s},
                 "output_token_throughput_per_user": {"unit": "tokens/sec/user", "avg": %s, "p50": 1.0}}
                """.formatted(extra, tokensPerSecond, tokensPerSecondPerUser));
    }
}
