package io.perfsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import picocli.CommandLine;

/** {@code calibrate} refuses a bad value while picocli parses, as {@code run} does: one line, exit code 2. */
class CalibrateOptionsTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "--ttft-ms, -5, 'must be a number of ms, 0 or more, was -5'",
            "--itl-ms, -1, 'must be a number of ms, 0 or more, was -1'",
            "--ttft-ms, NaN, 'must be a number of ms, 0 or more, was NaN'",
            "--itl-ms, ten, is not a number",
            "--isl, 0, 'must be at least 1, was 0'",
            "--osl, 0, 'must be at least 1, was 0'",
            "--request-count, 0, 'must be at least 1, was 0'",
            "--concurrencies, '1,0', 'must be at least 1, was 0'" })
    void aBadValueIsRefusedWithOneLineAndExitCode2(String option, String value, String message) {
        var err = new StringWriter();
        var command = new CommandLine(new CalibrateCommand()).setParameterExceptionHandler(new OneLineParameterErrors());
        command.setOut(new PrintWriter(new StringWriter(), true));
        command.setErr(new PrintWriter(err, true));

        int exit = command.execute(option, value);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("calibrate: Invalid value for option '" + option + "'")
                .contains(message).doesNotContain("\n").doesNotContain("Exception");
    }
}
