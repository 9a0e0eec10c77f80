package io.perfsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsweep.report.AiperfExport;
import io.perfsweep.report.AiperfResult;
import io.perfsweep.report.AiperfTimeslices;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import picocli.CommandLine;

/**
 * {@code run} end to end against the built-in mock engine, its AIPerf files parsed back as a user's tools would. What
 * {@code run} refuses before it starts anything is checked without a launch, in {@link RunOptionsTest}.
 */
@QuarkusTest
@TestProfile(CliProfile.class)
class RunCommandTest {

    @Inject
    CommandLine.IFactory factory;

    private static final Path OUTPUT_DIR = Path.of("target", "run-command-test");

    @Test
    void sweepsTheBuiltInMockAndWritesAiperfFilesForEveryConcurrency() throws IOException {
        CommandRun result = CommandRun.inApp(factory, "run", "--benchmark-name", "e2e", "--concurrencies", "1,3",
                "--request-count", "6", "--isl", "120", "--std", "0", "--osl", "16", "--prefill-tp", "2",
                "--decode-tp", "2", "--decode-dp", "2", "--output-dir", OUTPUT_DIR.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("c1", "c3", "TTFT avg");
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
    void replaysATraceFileOnItsTimestampsAndSendsItInOrderAtEachConcurrency()
            throws IOException {
        Path trace = writeTrace("replay.jsonl", """
                {"timestamp": 0, "input_length": 600, "output_length": 8, "hash_ids": [1, 2]}
                {"timestamp": 100, "input_length": 300, "output_length": 8, "hash_ids": [1]}
                {"timestamp": 100, "input_length": 700, "output_length": 8, "hash_ids": [3, 4]}
                """);

        CommandRun replay = CommandRun.inApp(factory, "run", "--benchmark-name", "replay", "--trace-file", trace.toString(),
                "--speedup", "4", "--output-dir", OUTPUT_DIR.toString());
        CommandRun levels = CommandRun.inApp(factory, "run", "--benchmark-name", "trace-levels", "--trace-file",
                trace.toString(), "--concurrencies", "1,2", "--output-dir", OUTPUT_DIR.toString());

        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("replay-x4: schedule lag p50");
        Path replayJson = OUTPUT_DIR.resolve("replay").resolve("replay-x4").resolve(AiperfExport.JSON_FILE);
        AiperfResult aiperf = AiperfExport.read(replayJson);
        assertThat(aiperf.stat("request_count", "avg")).hasValue(3.0);
        assertThat(aiperf.stat("input_sequence_length", "avg")).hasValue((600 + 300 + 700) / 3.0);
        assertThat(aiperf.stat("request_latency_from_intended_start", "p50")).isPresent();
        var inputConfig = new ObjectMapper().readTree(replayJson.toFile()).path("input_config");
        assertThat(inputConfig.path("speedup").asDouble()).isEqualTo(4.0);
        assertThat(inputConfig.path("block_size").asInt()).isEqualTo(512);
        assertThat(levels.exitCode()).as(levels.err()).isZero();
        for (String point : List.of("c1", "c2")) {
            assertThat(AiperfExport.read(OUTPUT_DIR.resolve("trace-levels").resolve(point)
                    .resolve(AiperfExport.JSON_FILE)).stat("request_count", "avg")).hasValue(3.0);
        }
    }

    @Test
    void sweepsRequestRatesOpenLoopInTimeSlices() throws IOException {
        CommandRun result = CommandRun.inApp(factory, "run", "--benchmark-name", "rates", "--rate", "20,40", "--arrival",
                "constant", "--max-concurrency", "8", "--request-count", "10", "--isl", "64", "--std", "0", "--osl",
                "8", "--slice-duration", "0.25", "--output-dir", OUTPUT_DIR.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("r20", "r40").containsPattern("r40: schedule lag p50 [0-9.]+ ms, p90");
        for (String point : List.of("r20", "r40")) {
            Path json = OUTPUT_DIR.resolve("rates").resolve(point).resolve(AiperfExport.JSON_FILE);
            assertThat(AiperfExport.read(json).stat("request_count", "avg")).hasValue(10.0);
            var inputConfig = new ObjectMapper().readTree(json.toFile()).path("input_config");
            assertThat(inputConfig.path("request_rate").asDouble()).isEqualTo(Double.parseDouble(point.substring(1)));
            assertThat(inputConfig.path("arrival").asText()).isEqualTo("constant");
            assertThat(inputConfig.path("concurrency").asInt()).isEqualTo(8);
            assertThat(inputConfig.path("slice_duration").asDouble()).isEqualTo(0.25);
            // AIPerf's time-slice files: every request in one slice, the slices a quarter second on the wall clock
            var slices = new ObjectMapper().readTree(json.resolveSibling(AiperfTimeslices.JSON_FILE).toFile());
            var bounds = slices.at("/slice_bounds/timeslices");
            assertThat(bounds.size()).isEqualTo(slices.get("timeslices").size()).isGreaterThanOrEqualTo(2);
            int requests = 0;
            for (var bound : bounds) {
                requests += bound.get("request_count").asInt();
                assertThat(bound.get("end_ns").asLong() - bound.get("start_ns").asLong()).isPositive()
                        .isLessThanOrEqualTo(250_000_000L);
            }
            assertThat(requests).isEqualTo(10);
            assertThat(Files.readAllLines(json.resolveSibling(AiperfTimeslices.CSV_FILE)).get(0))
                    .isEqualTo("Timeslice,Metric,Unit,Stat,Value");
            // the mock's own metrics on the same slices
            var server = new ObjectMapper().readTree(json.resolveSibling("server_metrics_export.json").toFile());
            assertThat(server.at("/metrics/vllm:num_requests_running/series/0/timeslices").size()).isPositive();
        }
    }

    @Test
    void failedRequestsAreExplainedUnderTheTableByKindWithTheirMessage()
            throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        CommandRun result = CommandRun.inApp(factory, "run", "--benchmark-name", "refused", "--endpoint-url",
                "http://127.0.0.1:" + closedPort, "--concurrencies", "1", "--request-count", "3", "--isl", "16",
                "--std", "0", "--osl", "4", "--output-dir", OUTPUT_DIR.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        assertThat(result.out()).containsPattern("c1 failed: CONNECT ×3: .*Connection refused");
    }

    private static Path writeTrace(String name, String content) throws IOException {
        Files.createDirectories(OUTPUT_DIR);
        return Files.writeString(OUTPUT_DIR.resolve(name), content);
    }
}
