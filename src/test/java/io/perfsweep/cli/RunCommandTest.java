package io.perfsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsweep.report.AiperfExport;
import io.perfsweep.report.AiperfResult;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** {@code run} end to end against the built-in mock engine, its AIPerf files parsed back as a user's tools would. */
@QuarkusMainTest
@TestProfile(RunCommandTest.CliProfile.class)
class RunCommandTest {

    /** What {@code main} sets for a CLI command: no job intake. */
    public static class CliProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("perfsweep.service.enabled", "false");
        }
    }

    private static final Path OUTPUT_DIR = Path.of("target", "run-command-test");

    @Test
    void sweepsTheBuiltInMockAndWritesAiperfFilesForEveryConcurrency(QuarkusMainLauncher launcher) throws IOException {
        LaunchResult result = launcher.launch("run", "--benchmark-name", "e2e", "--concurrencies", "1,3",
                "--request-count", "6", "--isl", "120", "--std", "0", "--osl", "16", "--prefill-tp", "2",
                "--decode-tp", "2", "--decode-dp", "2", "--output-dir", OUTPUT_DIR.toString());

        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        assertThat(result.getOutput()).contains("c1", "c3", "TTFT avg");
        for (String point : List.of("c1", "c3")) {
            Path dir = OUTPUT_DIR.resolve("e2e").resolve(point);
            AiperfResult aiperf = AiperfExport.read(dir.resolve(AiperfExport.JSON_FILE));
            assertThat(aiperf.stat("request_count", "avg")).hasValue(6.0);
            assertThat(aiperf.stat("output_sequence_length", "avg")).hasValue(16.0);
            assertThat(aiperf.stat("input_sequence_length", "avg")).hasValue(120.0);
            assertThat(aiperf.stat("time_to_first_token", "p50").getAsDouble()).isPositive();
            assertThat(aiperf.stat("inter_token_latency", "avg").getAsDouble()).isPositive();
            assertThat(aiperf.stat("output_token_throughput", "avg").getAsDouble()).isPositive();
            assertThat(Files.readAllLines(dir.resolve(AiperfExport.CSV_FILE)).get(0))
                    .startsWith("Metric,avg,min,max,p1,p5,p10,p25,p50,p75,p90,p95,p99,std");
            assertThat(Files.readAllLines(dir.resolve(AiperfExport.JSONL_FILE))).hasSize(6);
            // perf.sh's deployment shape, so plot divides by the right GPU count: prefill 2x1 + decode 2x2.
            var inputConfig = new ObjectMapper().readTree(dir.resolve(AiperfExport.JSON_FILE).toFile())
                    .path("input_config");
            assertThat(inputConfig.path("num_gpus").asInt()).isEqualTo(6);
            assertThat(inputConfig.path("kind").asText()).isEqualTo("disagg-p2x1-d2x2");
        }
    }

    @Test
    void rejectsTheReservedNamePlots(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("run", "--benchmark-name", "plots", "--output-dir",
                OUTPUT_DIR.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains("--benchmark-name", "plots");
        assertThat(OUTPUT_DIR.resolve("plots")).doesNotExist();
    }

    @Test
    void rejectsANameWithCharactersOutsideTheRule(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("run", "--benchmark-name", "../escape", "--output-dir",
                OUTPUT_DIR.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains("[a-zA-Z0-9_-]+");
    }
}
