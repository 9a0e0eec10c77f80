package io.perfsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.mock.MockLlmServer;
import io.perfsweep.report.AiperfExport;
import io.perfsweep.report.SearchFiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import picocli.CommandLine;

/**
 * {@code run --search-slo} against a built-in mock whose answer is known: a simulated engine that runs at most 4
 * requests at once ({@code maxNumSeqs}). Its requests (ISL 100, OSL 64) take about 385 ms and are admitted and finish
 * in batches, so at concurrency 5 one request in 5 waits a whole request for a slot (TTFT about 400 ms against about
 * 20 ms), at 6 two in 6, at 8 half; throughput stops rising at 4 while mean latency grows (Little's law). With a
 * 200 ms TTFT SLO that 90 % of requests must meet, the highest concurrency under the SLO is 4 (c5 gives about 0.8),
 * and so is the knee; the margins hold on a loaded 2-core machine.
 */
@QuarkusTest
@TestProfile(CliProfile.class)
class SearchAgainstMockTest {

    @Inject
    CommandLine.IFactory factory;

    private static final Path OUTPUT_DIR = Path.of("target", "search-against-mock-test",
            Long.toString(System.currentTimeMillis()));

    @Test
    void findsTheHighestConcurrencyThatMeetsTheSlo() throws IOException {
        MockLlmServer mock = MockLlmServer.startOnOwnVertx(MockEngineConfig.simulated(1.0).withMaxNumSeqs(4));
        CommandRun result;
        try {
            result = CommandRun.inApp(factory, "run", "--endpoint-url", mock.baseUrl(), "--benchmark-name", "limit",
                    "--search-slo", "0.9", "--search-max", "16", "--ttft-slo-ms", "200", "--isl", "100", "--std", "0",
                    "--osl", "64", "--request-count", "40", "--warmup-request-count", "4", "--no-server-metrics",
                    "--output-dir", OUTPUT_DIR.toString());
        } finally {
            mock.close();
        }

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).as(result.out())
                .contains("max_concurrency_under_slo = 4;", "first failing 5;", "stopped: converged");
        JsonNode search = new ObjectMapper().readTree(OUTPUT_DIR.resolve("limit").resolve(SearchFiles.FILE).toFile());
        assertThat(search.get("max_concurrency_under_slo").asInt()).isEqualTo(4);
        assertThat(search.get("min_failing").asInt()).isEqualTo(5);
        assertThat(search.get("knee").asInt()).as(search.toString()).isEqualTo(4);
        assertThat(search.get("probes").findValuesAsText("point")).containsExactly("c1", "c2", "c4", "c8", "c6", "c5");
        for (String point : search.get("probes").findValuesAsText("point")) {
            assertThat(OUTPUT_DIR.resolve("limit").resolve(point).resolve(AiperfExport.JSON_FILE)).isRegularFile();
        }
        CommandRun plot = CommandRun.inApp(factory, "plot", "--data-dir", OUTPUT_DIR.toString());
        assertThat(plot.exitCode()).as(plot.err()).isZero();
        assertThat(Files.readString(OUTPUT_DIR.resolve("plots").resolve(PlotCommand.SUMMARY_FILE)))
                .contains("SLO search of limit (good-request fraction >= 0.9): max_concurrency_under_slo = 4; first"
                        + " failing 5; knee 4; stopped: converged", "  c5: good 0.");
    }

    /**
     * {@code --request-latency-slo-ms} is a threshold of its own (the job spec's {@code slo.requestLatencyMs}): against
     * a mock whose requests take about 5 + 7 × 20 = 145 ms, a 100 ms bound fails the first probe and a 1000 ms bound
     * passes every probe up to the upper bound.
     */
    @Test
    void aRequestLatencySloAloneJudgesTheProbes() throws IOException {
        MockLlmServer mock = MockLlmServer.startOnOwnVertx(MockEngineConfig.fixed(5, 20));
        CommandRun tight;
        CommandRun loose;
        try {
            tight = CommandRun.inApp(factory, searchByLatency(mock, "latency-tight", "100"));
            loose = CommandRun.inApp(factory, searchByLatency(mock, "latency-loose", "1000"));
        } finally {
            mock.close();
        }

        assertThat(tight.exitCode()).as(tight.err()).isZero();
        JsonNode tightSearch = new ObjectMapper()
                .readTree(OUTPUT_DIR.resolve("latency-tight").resolve(SearchFiles.FILE).toFile());
        assertThat(tightSearch.get("stop").asText()).as(tightSearch.toString()).isEqualTo("min_fails");
        assertThat(tightSearch.get("max_concurrency_under_slo").isNull()).isTrue();
        assertThat(tightSearch.at("/probes/0/good_request_fraction").asDouble()).isZero();
        assertThat(loose.exitCode()).as(loose.err()).isZero();
        JsonNode looseSearch = new ObjectMapper()
                .readTree(OUTPUT_DIR.resolve("latency-loose").resolve(SearchFiles.FILE).toFile());
        assertThat(looseSearch.get("stop").asText()).as(looseSearch.toString()).isEqualTo("max_passes");
        assertThat(looseSearch.get("max_concurrency_under_slo").asInt()).isEqualTo(2);
        assertThat(looseSearch.get("probes").findValuesAsText("point")).containsExactly("c1", "c2");
    }

    private static String[] searchByLatency(MockLlmServer mock, String name, String sloMs) {
        return new String[] { "run", "--endpoint-url", mock.baseUrl(), "--benchmark-name", name, "--search-slo", "0.9",
                "--search-max", "2", "--request-latency-slo-ms", sloMs, "--isl", "50", "--std", "0", "--osl", "8",
                "--request-count", "10", "--no-server-metrics", "--output-dir", OUTPUT_DIR.toString() };
    }
}
