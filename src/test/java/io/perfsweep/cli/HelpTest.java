package io.perfsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** {@code --help} prints help and exits 0, for every command, before the command does any of its work. */
class HelpTest {

    @Test
    void everySubcommandPrintsItsUsageAndExitsZero() {
        List<CommandLine> commands = new ArrayList<>();
        collect(new CommandLine(PerfsweepCommand.class), commands);

        assertThat(commands).hasSizeGreaterThan(8);
        for (CommandLine command : commands) {
            String name = command.getCommandSpec().qualifiedName(" ");
            var out = new StringWriter();
            command.setOut(new PrintWriter(out));

            int exitCode = command.execute("--help");

            assertThat(exitCode).as(name).isZero();
            assertThat(out.toString()).as(name).startsWith("Usage: " + name);
        }
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().forEach(sub -> collect(sub, into));
    }
}
