package io.perfsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsweep.testsupport.ResultFolders;
import picocli.CommandLine;

/** The {@code compare} command on run folders the project's own writers lay out; plain picocli, no Quarkus. */
class CompareCommandTest {

    private static final int REQUESTS = 300;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void aSlowerFirstTokenRegressesNamingTtftAndExits1() throws IOException {
        Path baseline = run("baseline", 1, 20, 20.0);
        Path candidate = run("candidate", 2, 30, 20.0);

        int exit = compare(baseline.toString(), candidate.toString());

        assertThat(exit).as(out + "" + err).isEqualTo(1);
        assertThat(out.toString()).contains("verdict: regressed (c1 time_to_first_token p50",
                "c4 time_to_first_token p99", "wrote " + candidate.resolve(CompareCommand.COMPARISON_FILE));
        JsonNode json = new ObjectMapper().readTree(candidate.resolve(CompareCommand.COMPARISON_FILE).toFile());
        assertThat(fieldNames(json)).startsWith("verdict", "thresholdPct");
        assertThat(json.get("verdict").asText()).isEqualTo("regressed");
        assertThat(json.get("thresholdPct").asDouble()).isEqualTo(5);
        assertThat(json.get("points")).hasSize(2);
        JsonNode c4 = json.get("points").get(1);
        assertThat(c4.get("point").asText()).isEqualTo("c4");
        JsonNode ttftP99 = c4.get("metrics").get(2);
        assertThat(fieldNames(ttftP99)).startsWith("metric", "stat", "baseline", "candidate", "changePct", "ciLowPct",
                "ciHighPct", "verdict");
        assertThat(ttftP99.get("metric").asText()).isEqualTo("time_to_first_token");
        assertThat(ttftP99.get("stat").asText()).isEqualTo("p99");
        assertThat(ttftP99.get("verdict").asText()).isEqualTo("regressed");
        assertThat(ttftP99.get("changePct").asDouble()).isBetween(40.0, 60.0);
        assertThat(ttftP99.get("ciLowPct").asDouble()).isGreaterThan(0);
        // ITL did not move: its p50 interval lies within ±5 %
        assertThat(c4.get("metrics").get(3).get("metric").asText()).isEqualTo("inter_token_latency");
        assertThat(c4.get("metrics").get(3).get("verdict").asText()).isEqualTo("unchanged");
        // one trial: the throughput has no interval
        JsonNode throughput = c4.get("metrics").get(9);
        assertThat(throughput.get("metric").asText()).isEqualTo("output_token_throughput");
        assertThat(throughput.get("ciLowPct").isNull()).isTrue();
        assertThat(throughput.get("note").asText()).contains("one trial");
    }

    @Test
    void aRerunOfTheSameServerDoesNotRegressAndExits0() throws IOException {
        Path baseline = run("baseline", 1, 20, null);
        Path candidate = run("candidate", 2, 20, null);

        int exit = compare(baseline.toString(), candidate.toString(), "--threshold-pct", "5");

        assertThat(exit).as(out + "" + err).isZero();
        assertThat(out.toString()).doesNotContain("regressed").contains("verdict: unchanged");
        assertThat(out.toString()).containsPattern("c4\\s+TTFT\\s+p50\\s+ms\\s+\\d+\\.\\d\\d\\s+\\d+\\.\\d\\d\\s+[-+]\\d");
        JsonNode json = new ObjectMapper().readTree(candidate.resolve(CompareCommand.COMPARISON_FILE).toFile());
        assertThat(json.get("verdict").asText()).isEqualTo("unchanged");
        JsonNode c4 = json.get("points").get(1).get("metrics");
        assertThat(c4.get(0).get("verdict").asText()).isEqualTo("unchanged");
        assertThat(c4.findValuesAsText("verdict")).doesNotContain("regressed", "improved");
    }

    @Test
    void twoPointFoldersAreComparedWhateverTheirNames() throws IOException {
        Path baseline = dir.resolve("before");
        Path candidate = dir.resolve("after");
        ResultFolders.writePoint(baseline, 1, REQUESTS, 0, 20, 5, 16, null);
        ResultFolders.writePoint(candidate, 2, REQUESTS, 0, 30, 5, 16, null);

        assertThat(compare(baseline.toString(), candidate.toString())).as(out + "" + err).isEqualTo(1);
        assertThat(candidate.resolve(CompareCommand.COMPARISON_FILE)).exists();
    }

    @Test
    void badInputEndsWithOneLineAndExit2() throws IOException {
        Path baseline = run("baseline", 1, 20, null);
        Path other = dir.resolve("other");
        ResultFolders.writePoint(other.resolve("c64"), 3, 30, 0, 20, 5, 16, null);
        Path broken = dir.resolve("broken");
        ResultFolders.writePoint(broken.resolve("c1"), 4, 30, 0, 20, 5, 16, null);
        Files.writeString(broken.resolve("c1").resolve("profile_export.jsonl"), "{not json\n");

        assertBadInput(compare(baseline.toString(), dir.resolve("missing").toString()), "CANDIDATE_DIR",
                "does not exist");
        assertBadInput(compare(baseline.toString(), other.toString()),
                "no point in common: the baseline has c1, c4, the candidate c64");
        assertBadInput(compare(baseline.toString(), broken.toString()), "line 1 is not JSON");
        assertBadInput(compare(baseline.toString(), baseline.toString(), "--confidence", "95"),
                "must lie between 0 and 1");
        Files.createDirectories(dir.resolve("empty"));
        assertBadInput(compare(baseline.toString(), dir.resolve("empty").toString()), "no point folder");
    }

    private void assertBadInput(int exit, String... mentions) {
        String stderr = err.toString();
        assertThat(exit).as(stderr).isEqualTo(2);
        assertThat(stderr.lines().filter(l -> !l.isBlank())).as(stderr).hasSize(1);
        assertThat(stderr).contains(mentions).doesNotContain("Exception", "\tat ");
        err.getBuffer().setLength(0);
        out.getBuffer().setLength(0);
    }

    /** A run of two points, c1 and c4, with the given median TTFT. */
    private Path run(String name, long seed, double ttftMs, Double ttftSloMs) {
        Path run = dir.resolve(name);
        ResultFolders.writePoint(run.resolve("c1"), seed, REQUESTS, 0, ttftMs, 5, 16, ttftSloMs);
        ResultFolders.writePoint(run.resolve("c4"), seed + 100, REQUESTS, 0, ttftMs, 5, 16, ttftSloMs);
        return run;
    }

    private int compare(String... args) {
        List<String> all = new ArrayList<>(List.of("compare"));
        all.addAll(List.of(args));
        var cli = new CommandLine(new PerfsweepCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler(new OneLineParameterErrors());
        return cli.execute(all.toArray(String[]::new));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
