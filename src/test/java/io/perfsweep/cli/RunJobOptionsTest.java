package io.perfsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** What {@code run --job} refuses before it reads anything, checked at the picocli level (no Quarkus launch). */
class RunJobOptionsTest {

    @Test
    void flagsThatShapeTheSweepDoNotCombineWithAJobAndAreNamedOnOneLine() {
        var run = run("--job", "job.json", "--rate", "5", "--isl", "100", "--output-dir", "out", "--tokenizer", "t");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .contains("--job does not combine with --rate, --isl: the job file says how to sweep")
                .doesNotContain("--output-dir,", "--tokenizer,");
    }

    @Test
    void aMissingJobFileIsOneLine() {
        var run = run("--job", "target/no-such-job.json");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().contains("--job target/no-such-job.json does not exist");
    }

    private record Run(int exitCode, String err) {
        List<String> errLines() {
            return err.lines().filter(line -> !line.isBlank()).toList();
        }
    }

    private static Run run(String... args) {
        var err = new StringWriter();
        var command = new CommandLine(new RunCommand()).setParameterExceptionHandler(new OneLineParameterErrors());
        command.setErr(new PrintWriter(err));
        int exitCode = command.execute(args);
        return new Run(exitCode, err.toString());
    }
}
