package io.perfsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * What {@code run --job} refuses before it reads anything, or while it parses the job file, checked at the picocli level
 * (no Quarkus launch).
 */
class RunJobOptionsTest {

    private static final Path OUTPUT_DIR = Path.of("target", "run-job-options-test");

    @Test
    void flagsThatShapeTheSweepDoNotCombineWithAJobAndAreNamedOnOneLine() {
        var run = CommandRun.of("run", "--job", "job.json", "--rate", "5", "--isl", "100", "--output-dir", "out",
                "--tokenizer", "t");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .contains("--job does not combine with --rate, --isl: the job file says how to sweep")
                .doesNotContain("--output-dir,", "--tokenizer,");
    }

    @Test
    void aMissingJobFileIsOneLine() {
        var run = CommandRun.of("run", "--job", "target/no-such-job.json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().contains("--job target/no-such-job.json does not exist");
    }

    @Test
    void anInvalidJobPrintsEveryViolationAndRunsNothing() throws IOException {
        Files.createDirectories(OUTPUT_DIR);
        Path job = Files.writeString(OUTPUT_DIR.resolve("invalid.json"), """
                {"apiVersion": "perfsweep/v1", "name": "bad-job",
                 "target": {"url": "http://127.0.0.1:9"},
                 "load": {"type": "concurrency", "levels": [0], "requestCount": 4, "concurency": 3}}
                """);

        var run = CommandRun.parsingJobs("run", "--job", job.toString(), "--output-dir", OUTPUT_DIR.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        List<String> lines = run.errLines();
        assertThat(lines.get(0)).contains("invalid.json is not a job that can run (2 problems)");
        assertThat(lines).hasSize(3).anySatisfy(line -> assertThat(line).contains("concurency"))
                .anySatisfy(line -> assertThat(line).contains("load.levels[0]"));
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
        assertThat(OUTPUT_DIR.resolve("bad-job")).doesNotExist();
    }

    @Test
    void anUploadedTraceIsRefusedSinceARunWithoutTheServiceHasNoDatabase() throws IOException {
        Files.createDirectories(OUTPUT_DIR);
        Path job = Files.writeString(OUTPUT_DIR.resolve("upload.json"), """
                {"apiVersion": "perfsweep/v1", "name": "upload-job", "target": {"url": "http://127.0.0.1:9"},
                 "workload": {"type": "trace", "traceId": "trace-abc"}, "load": {"type": "replay"}}
                """);

        var run = CommandRun.parsingJobs("run", "--job", job.toString(), "--output-dir", OUTPUT_DIR.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("workload.traceId 'trace-abc'", "workload.file");
    }
}
