package io.perfsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@code run --job} refuses before it reads anything, checked at the picocli level (no Quarkus launch). */
class RunJobOptionsTest {

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
}
