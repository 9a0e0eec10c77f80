package io.perfsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.mock.MockLlmServer;
import io.perfsweep.report.AiperfExport;
import io.perfsweep.report.RunResults;
import io.perfsweep.server.ServerMetricsExport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import picocli.CommandLine;

/** {@code run --job FILE}: a job file run locally, written in the same point folders as a flag-driven run. */
@QuarkusTest
@TestProfile(CliProfile.class)
class RunJobCommandTest {

    @Inject
    CommandLine.IFactory factory;

    private static final Path OUTPUT_DIR = Path.of("target", "run-job-command-test");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The job's target, started apart as a user starts {@code perfsweep mock}. */
    private static MockLlmServer mock;

    @BeforeAll
    static void startMock() {
        mock = MockLlmServer.startOnOwnVertx(MockEngineConfig.fixed(2, 0.5));
    }

    @AfterAll
    static void stopMock() {
        mock.close();
    }

    @Test
    void aJobFileWritesItsNameAndEachLevelAsPointFolders() throws IOException {
        Path job = write("job.json", """
                {"apiVersion": "perfsweep/v1", "name": "job-run",
                 "target": {"url": "%s", "model": "Qwen/Qwen3-0.6B", "endpoint": "completions",
                            "deployment": {"mode": "aggregated", "tp": 2, "dp": 2}},
                 "workload": {"type": "synthetic", "isl": 64, "islStd": 0, "osl": 8},
                 "load": {"type": "concurrency", "levels": [1, 2], "requestCount": 4, "warmupRequestCount": 1,
                          "workers": 2}}
                """.formatted(mock.baseUrl()));

        CommandRun result = CommandRun.inApp(factory, "run", "--job", job.toString(), "--output-dir", OUTPUT_DIR.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("c1", "c2", "TTFT avg", "Results: ");
        // a shared job run locally: every point whole, on this process, and said so
        assertThat(result.err()).contains("load.workers = 2: a local run drives each point alone");
        Path run = OUTPUT_DIR.resolve("job-run");
        for (String point : List.of("c1", "c2")) {
            Path dir = run.resolve(point);
            assertThat(AiperfExport.read(dir.resolve(AiperfExport.JSON_FILE)).stat("request_count", "avg"))
                    .hasValue(4.0);
            assertThat(dir.resolve(AiperfExport.CSV_FILE)).isRegularFile();
            assertThat(Files.readAllLines(dir.resolve(AiperfExport.JSONL_FILE))).hasSize(4);
            assertThat(dir.resolve(ServerMetricsExport.JSON_FILE)).isRegularFile();
            JsonNode inputConfig = JSON.readTree(dir.resolve(AiperfExport.JSON_FILE).toFile()).path("input_config");
            assertThat(inputConfig.path("benchmark_name").asText()).isEqualTo("job-run");
            assertThat(inputConfig.path("endpoint_url").asText()).isEqualTo(mock.baseUrl());
            assertThat(inputConfig.path("endpoint_type").asText()).isEqualTo("completions");
            assertThat(inputConfig.path("num_gpus").asInt()).isEqualTo(4);
            assertThat(inputConfig.path("concurrency").asInt()).isEqualTo(Integer.parseInt(point.substring(1)));
            assertThat(inputConfig.path("warmup_request_count").asInt()).isEqualTo(1);
        }
        RunResults read = RunResults.read(run);
        assertThat(read.gpuSource()).isEqualTo(RunResults.DEPLOYMENT_CONFIG);
        assertThat(read.gpus()).isEqualTo(4);
    }

    /**
     * Flags and a job file are one path: the same sweep asked both ways writes the same point folders, the same keys
     * at the top of {@code profile_export_aiperf.json}, the same {@code input_config} and the same
     * {@code deployment_config.json}.
     */
    @Test
    void theSameSweepFromFlagsAndFromAJobFileWritesTheSameInputConfig()
            throws IOException {
        Path job = write("same.json", """
                {"apiVersion": "perfsweep/v1", "name": "same-job",
                 "target": {"url": "%s", "endpoint": "completions",
                            "deployment": {"mode": "disaggregated", "prefillTp": 2, "decodeDp": 2}},
                 "workload": {"type": "synthetic", "isl": 48, "islStd": 0, "osl": 6, "seed": 7},
                 "load": {"type": "rate", "rates": [20], "arrival": "constant", "maxConcurrency": 3,
                          "requestCount": 4, "warmupRequestCount": 1, "requestTimeoutSeconds": 30},
                 "slo": {"ttftMs": 500}}
                """.formatted(mock.baseUrl()));

        CommandRun fromJob = CommandRun.inApp(factory, "run", "--job", job.toString(), "--output-dir",
                OUTPUT_DIR.resolve("job").toString());
        CommandRun fromFlags = CommandRun.inApp(factory, "run", "--benchmark-name", "same-job", "--endpoint-url",
                mock.baseUrl(), "--endpoint", "completions", "--prefill-tp", "2", "--decode-dp", "2", "--isl", "48",
                "--std", "0", "--osl", "6", "--seed", "7", "--rate", "20", "--arrival", "constant",
                "--max-concurrency", "3", "--request-count", "4", "--warmup-request-count", "1",
                "--request-timeout-seconds", "30", "--ttft-slo-ms", "500", "--output-dir",
                OUTPUT_DIR.resolve("flags").toString());

        assertThat(fromJob.exitCode()).as(fromJob.err()).isZero();
        assertThat(fromFlags.exitCode()).as(fromFlags.err()).isZero();
        Path jobRun = OUTPUT_DIR.resolve("job").resolve("same-job");
        Path flagsRun = OUTPUT_DIR.resolve("flags").resolve("same-job");
        assertThat(JSON.readTree(flagsRun.resolve(RunResults.DEPLOYMENT_CONFIG).toFile()))
                .isEqualTo(JSON.readTree(jobRun.resolve(RunResults.DEPLOYMENT_CONFIG).toFile()));
        JsonNode fromJobFile = JSON.readTree(jobRun.resolve("r20").resolve(AiperfExport.JSON_FILE).toFile());
        JsonNode fromFlagsFile = JSON.readTree(flagsRun.resolve("r20").resolve(AiperfExport.JSON_FILE).toFile());
        assertThat(fieldNames(fromFlagsFile)).isEqualTo(fieldNames(fromJobFile));
        assertThat(fromFlagsFile.path("input_config")).isEqualTo(fromJobFile.path("input_config"));
        assertThat(fromJobFile.path("input_config").path("num_gpus").asInt()).isEqualTo(2 + 2);
        assertThat(fromJobFile.path("input_config").path("arrival").asText()).isEqualTo("constant");
    }

    private static List<String> fieldNames(JsonNode node) {
        var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Path write(String name, String content) throws IOException {
        Files.createDirectories(OUTPUT_DIR);
        return Files.writeString(OUTPUT_DIR.resolve(name), content);
    }
}
