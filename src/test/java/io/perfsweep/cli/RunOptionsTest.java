package io.perfsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code run}, {@code prefix-ratio} and {@code planner-profile} refuse before they start anything (bad flags, flags that
 * do not combine, a
 * trace breaking its rules), checked at the picocli level: each case is a command run without a Quarkus launch.
 */
class RunOptionsTest {

    private static final Path OUTPUT_DIR = Path.of("target", "run-options-test");

    @Test
    void rejectsTheReservedNamePlots() {
        var run = CommandRun.of("run", "--benchmark-name", "plots", "--output-dir", OUTPUT_DIR.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--benchmark-name", "plots");
        assertThat(OUTPUT_DIR.resolve("plots")).doesNotExist();
    }

    @Test
    void trialsRunOneToTenTimesAndAJobFileSetsItsOwn() {
        var tooMany = CommandRun.of("run", "--trials", "11", "--output-dir", OUTPUT_DIR.toString());
        var none = CommandRun.of("run", "--trials", "0", "--output-dir", OUTPUT_DIR.toString());
        var withJob = CommandRun.of("run", "--job", "job.json", "--trials", "3", "--output-dir", OUTPUT_DIR.toString());

        assertThat(tooMany.exitCode()).isEqualTo(2);
        assertThat(tooMany.err()).contains("--trials must be at most 10 (AIPerf's --num-profile-runs range), was 11");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("--trials");
        assertThat(withJob.exitCode()).isEqualTo(2);
        assertThat(withJob.err()).contains("--job does not combine with --trials");
    }

    @Test
    void aSearchPicksItsOwnLoadsAndNeedsAThresholdToJudgeRequestsBy() {
        String out = OUTPUT_DIR.toString();
        var withLevels = CommandRun.of("run", "--search-slo", "0.99", "--ttft-slo-ms", "500", "--concurrencies", "1,2",
                "--output-dir", out);
        var noSlo = CommandRun.of("run", "--search-slo", "0.99", "--output-dir", out);
        var rateWithoutMax = CommandRun.of("run", "--search-slo", "0.99", "--ttft-slo-ms", "500", "--search-over",
                "rate", "--output-dir", out);
        var boundWithoutSearch = CommandRun.of("run", "--search-max", "64", "--output-dir", out);

        assertThat(withLevels.exitCode()).isEqualTo(2);
        assertThat(withLevels.err()).contains("--search-slo replaces --concurrencies and --rate");
        assertThat(noSlo.exitCode()).isEqualTo(2);
        assertThat(noSlo.err()).contains("--search-slo needs a threshold to judge requests by: --ttft-slo-ms,"
                + " --itl-slo-ms and/or --request-latency-slo-ms");
        assertThat(rateWithoutMax.exitCode()).isEqualTo(2);
        assertThat(rateWithoutMax.err()).contains("--search-over rate needs --search-max");
        assertThat(boundWithoutSearch.exitCode()).isEqualTo(2);
        assertThat(boundWithoutSearch.err()).contains("need --search-slo");
    }

    @Test
    void aSearchOverATraceIsRefusedWithWhyAndARequestLatencySloMustBePositive(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("trace.jsonl");
        Files.writeString(trace, "{\"timestamp\": 0, \"input_length\": 100, \"output_length\": 8,"
                + " \"hash_ids\": [1]}\n");
        String out = OUTPUT_DIR.toString();
        var overTrace = CommandRun.of("run", "--search-slo", "0.99", "--request-latency-slo-ms", "500",
                "--trace-file", trace.toString(), "--output-dir", out);
        var notPositive = CommandRun.of("run", "--request-latency-slo-ms", "0", "--output-dir", out);

        assertThat(overTrace.exitCode()).isEqualTo(2);
        assertThat(overTrace.err()).contains("--search-slo does not combine with --trace-file yet: a trace brings its"
                + " own schedule");
        assertThat(notPositive.exitCode()).isEqualTo(2);
        assertThat(notPositive.err()).contains("--request-latency-slo-ms");
    }

    @Test
    void rejectsANameWithCharactersOutsideTheRule() {
        var run = CommandRun.of("run", "--benchmark-name", "../escape", "--output-dir", OUTPUT_DIR.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("[a-zA-Z0-9_-]+");
    }

    @Test
    void aTraceWithRowsBreakingTheBlockRuleIsRefusedNamingTheirLines() throws IOException {
        Files.createDirectories(OUTPUT_DIR);
        Path trace = Files.writeString(OUTPUT_DIR.resolve("bad.jsonl"), """
                {"timestamp": 0, "input_length": 600, "output_length": 8, "hash_ids": [1, 2]}
                {"timestamp": 5, "input_length": 600, "output_length": 8, "hash_ids": [1]}
                """);

        var run = CommandRun.of("run", "--benchmark-name", "bad-trace", "--trace-file", trace.toString(),
                "--output-dir", OUTPUT_DIR.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("line 2: input_length 600 needs 2 hash ids");
        assertThat(OUTPUT_DIR.resolve("bad-trace")).doesNotExist();
    }

    @Test
    void aRateAndATraceDoNotCombine() {
        var run = CommandRun.of("run", "--rate", "5", "--trace-file", "any.jsonl", "--output-dir", OUTPUT_DIR.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--rate and --trace-file do not combine");
    }

    /** Once an uncaught exception on the event loop and a request that never ended (600 s timeout). */
    @Test
    void anEndpointUrlWithAPortOutOfRangeEndsAtOnceWithOneLineNamingIt() {
        CommandRun.of("run", "--endpoint-url", "http://127.0.0.1:99999", "--concurrencies", "1", "--request-count", "1",
                "--output-dir", OUTPUT_DIR.toString())
                .assertOneLineOfBadInput("--endpoint-url", "port must be 1 to 65535, was 99999");
    }

    @Test
    void numbersThatMeanNothingAreRefusedBeforeAnythingRunsWithOneLineNamingTheFlag() {
        CommandRun.of("run", "--concurrencies", "2,0", "--output-dir", OUTPUT_DIR.toString())
                .assertOneLineOfBadInput("--concurrencies", "must be at least 1, was 0");
        CommandRun.of("run", "--isl", "-5", "--concurrencies", "1", "--request-count", "1", "--output-dir",
                OUTPUT_DIR.toString()).assertOneLineOfBadInput("--isl", "must be at least 1, was -5");
        CommandRun.of("run", "--rate", "5", "--max-concurrency", "0", "--output-dir", OUTPUT_DIR.toString())
                .assertOneLineOfBadInput("--max-concurrency", "must be at least 1, was 0");
    }

    @Test
    void aNegativeTimeoutIsRefused() {
        var request = CommandRun.of("run", "--request-timeout-seconds", "-1", "--output-dir", OUTPUT_DIR.toString());
        var idle = CommandRun.of("run", "--idle-timeout-seconds", "-0.5", "--output-dir", OUTPUT_DIR.toString());

        assertThat(request.exitCode()).isEqualTo(2);
        assertThat(request.err()).contains("--request-timeout-seconds must be a number of seconds above 0, was -1.0");
        assertThat(idle.exitCode()).isEqualTo(2);
        assertThat(idle.err()).contains("--idle-timeout-seconds must be a number of seconds, 0 or more, was -0.5");
    }

    @Test
    void aSliceShorterThanATenthOfASecondIsRefused() {
        var run = CommandRun.of("run", "--slice-duration", "0.05", "--output-dir", OUTPUT_DIR.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--slice-duration must be at least 0.1 s, was 0.05");
    }

    @Test
    void aPrefixRatioOutsideZeroToOneIsRefusedWithOneLine() {
        CommandRun.of("prefix-ratio", "--url", "http://127.0.0.1:1", "--prefix-ratios", "0.5,1.5", "--output-dir",
                OUTPUT_DIR.resolve("prefix").toString())
                .assertOneLineOfBadInput("prefix-ratio", "a prefix ratio must be between 0 and 1, was 1.5");
        assertThat(OUTPUT_DIR.resolve("prefix")).doesNotExist();
    }

    @Test
    void theTargetAndClientSideOptionsAreCheckedAlikeByEveryCommandThatSharesThem() {
        CommandRun.of("run", "--endpoint", "grpc", "--output-dir", OUTPUT_DIR.resolve("endpoint").toString())
                .assertOneLineOfBadInput("--endpoint must be chat or completions, was 'grpc'");
        CommandRun.of("planner-profile", "--max-context-length", "8192", "--endpoint", "grpc", "--output-dir",
                OUTPUT_DIR.resolve("endpoint").toString())
                .assertOneLineOfBadInput("--endpoint must be chat or completions, was 'grpc'");
        assertThat(OUTPUT_DIR.resolve("endpoint")).doesNotExist();
        CommandRun.of("run", "--mock-speedup-ratio", "0")
                .assertOneLineOfBadInput("--mock-speedup-ratio", "must be a number above 0, was 0");
        CommandRun.of("planner-profile", "--max-context-length", "8192", "--mock-speedup-ratio", "0")
                .assertOneLineOfBadInput("--mock-speedup-ratio", "must be a number above 0, was 0");
        CommandRun.of("prefix-ratio", "--mock-speedup-ratio", "0")
                .assertOneLineOfBadInput("--mock-speedup-ratio", "must be a number above 0, was 0");
    }
}
