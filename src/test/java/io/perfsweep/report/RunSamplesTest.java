package io.perfsweep.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.perfsweep.testsupport.ResultFolders;
import io.perfsweep.verdict.PointSamples;

class RunSamplesTest {

    @TempDir
    Path dir;

    @Test
    void aRunFolderGivesItsPointsByLoadWithTheirValidRequests() throws IOException {
        ResultFolders.writePoint(dir.resolve("c10"), 1, 40, 2, 20, 5, 8, 30.0);
        ResultFolders.writePoint(dir.resolve("c2"), 2, 30, 0, 20, 5, 8, null);
        ResultFolders.writePoint(dir.resolve("r2.5"), 3, 30, 0, 20, 5, 8, null);
        ResultFolders.writePoint(dir.resolve("bench-concurrency4"), 4, 30, 0, 20, 5, 8, null);
        Files.createDirectories(dir.resolve("plots"));
        Files.createDirectories(dir.resolve("c99"));

        RunSamples run = RunSamples.read(dir);

        assertThat(run.singlePoint()).isFalse();
        assertThat(run.points()).extracting(PointSamples::label).containsExactly("c2", "c4", "c10", "r2.5");
        assertThat(run.warnings()).containsExactly("c99: no profile_export_aiperf.json, skipped");
        PointSamples c10 = run.points().get(2);
        assertThat(c10.requests().get("time_to_first_token")).hasSize(40); // the 2 failed requests are left out
        assertThat(c10.requests().get("inter_token_latency")).hasSize(40);
        assertThat(c10.requests().get("request_latency")).hasSize(40);
        assertThat(c10.trials().get("output_token_throughput")).hasSize(1);
        assertThat(c10.trials()).containsKey("goodput");
        assertThat(run.points().get(0).trials()).doesNotContainKey("goodput");
        assertThat(c10.summary().get("time_to_first_token.p50"))
                .isCloseTo(PercentileOf.p50(c10.requests().get("time_to_first_token")), within(1e-9));
    }

    @Test
    void aPointFolderIsOnePointLabelledByItsName() {
        ResultFolders.writePoint(dir.resolve("c8"), 1, 30, 0, 20, 5, 8, null);

        RunSamples point = RunSamples.read(dir.resolve("c8"));

        assertThat(point.singlePoint()).isTrue();
        assertThat(point.points()).extracting(PointSamples::label).containsExactly("c8");
        assertThat(point.relabelled("x").points().get(0).label()).isEqualTo("x");
    }

    @Test
    void aimperfsMultiRunFoldersAreTrialsWhoseRequestsArePooled() {
        Path point = dir.resolve("run").resolve("c4");
        ResultFolders.writePoint(point.resolve("profile_runs/run_0001"), 1, 30, 0, 20, 5, 8, null);
        ResultFolders.writePoint(point.resolve("profile_runs/run_0002"), 2, 35, 0, 20, 5, 8, null);

        PointSamples c4 = RunSamples.read(dir.resolve("run")).points().get(0);

        assertThat(c4.label()).isEqualTo("c4");
        assertThat(c4.trials().get("output_token_throughput")).hasSize(2);
        assertThat(c4.requests().get("time_to_first_token")).hasSize(65);
        assertThat(RunSamples.read(point).points().get(0).trialCount()).isEqualTo(2);
    }

    @Test
    void withoutRecordsAPointKeepsItsSummaryValuesAndIsWarned() throws IOException {
        ResultFolders.writePoint(dir.resolve("c1"), 1, 30, 0, 20, 5, 8, null);
        Files.delete(dir.resolve("c1").resolve(AiperfExport.JSONL_FILE));

        RunSamples run = RunSamples.read(dir);

        assertThat(run.points().get(0).requests()).isEmpty();
        assertThat(run.points().get(0).summary()).containsKeys("time_to_first_token.p99", "request_latency.p50");
        assertThat(run.warnings()).singleElement().asString().startsWith("c1: no profile_export.jsonl");
    }

    @Test
    void warmUpCancelledAndFailedLinesAreSkippedAndUnitsReadInMs() throws IOException {
        Path jsonl = dir.resolve(AiperfExport.JSONL_FILE);
        Files.writeString(jsonl, String.join("\n",
                "{\"metadata\":{\"benchmark_phase\":\"warmup\"},\"metrics\":{\"time_to_first_token\":{\"value\":1,\"unit\":\"ms\"}},\"error\":null}",
                "{\"metadata\":{\"benchmark_phase\":\"profiling\"},\"metrics\":{\"time_to_first_token\":{\"value\":2,\"unit\":\"ms\"}},\"error\":null}",
                "{\"metadata\":{\"was_cancelled\":true},\"metrics\":{\"time_to_first_token\":{\"value\":3,\"unit\":\"ms\"}},\"error\":null}",
                "{\"metadata\":{},\"metrics\":{},\"error\":{\"code\":500,\"type\":\"X\",\"message\":\"m\"}}",
                "",
                "{\"metadata\":{},\"metrics\":{\"time_to_first_token\":{\"value\":4000000,\"unit\":\"ns\"}}}"));

        assertThat(AiperfRecords.read(jsonl, List.of("time_to_first_token", "request_latency")))
                .containsOnlyKeys("time_to_first_token")
                .hasEntrySatisfying("time_to_first_token", v -> assertThat(v).containsExactly(2, 4));
    }

    @Test
    void aBrokenLineIsNamed() throws IOException {
        Path jsonl = dir.resolve(AiperfExport.JSONL_FILE);
        Files.writeString(jsonl, "{\"metrics\":{}}\n{\"metrics\": \n");

        assertThatThrownBy(() -> AiperfRecords.read(jsonl, List.of("time_to_first_token")))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining(jsonl + " line 2 is not JSON");
    }

    @Test
    void aFolderWithoutPointsIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("empty"));

        assertThatThrownBy(() -> RunSamples.read(dir.resolve("empty"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no point folder (c<N>/, r<rate>/, replay-x<speedup>/)");
    }

    /** numpy's linear percentile, as the export computes it. */
    private static final class PercentileOf {
        static double p50(double[] values) {
            return io.perfsweep.verdict.PercentileBootstrap.percentile(values, 50);
        }
    }
}
