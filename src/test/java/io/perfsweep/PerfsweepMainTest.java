package io.perfsweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import io.perfsweep.cli.OneLineParameterErrors;
import io.perfsweep.cli.PerfsweepCommand;
import picocli.CommandLine;

/** How {@code main} tells the service from a CLI command. */
class PerfsweepMainTest {

    @Test
    void noArgumentsOrServeAloneIsTheService() {
        assertThat(PerfsweepMain.isCliCommand()).isFalse();
        assertThat(PerfsweepMain.isCliCommand("serve")).isFalse();
    }

    /** The old behaviour: main treated any 'serve ...' as the service, which ignored --help and waited for ever. */
    @Test
    void serveWithArgumentsIsACommandAndItsHelpIsPrinted() {
        assertThat(PerfsweepMain.isCliCommand("serve", "--help")).isTrue();
        assertThat(PerfsweepMain.isCliCommand("serve", "--bogus")).isTrue();
        assertThat(PerfsweepMain.isCliCommand("run")).isTrue();

        var out = new StringWriter();
        int exitCode = new CommandLine(new PerfsweepCommand()).setOut(new PrintWriter(out, true))
                .setParameterExceptionHandler(new OneLineParameterErrors()).execute("serve", "--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("Usage: perfsweep serve", "Run the service");
    }
}
