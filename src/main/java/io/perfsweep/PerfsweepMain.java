package io.perfsweep;

import jakarta.inject.Inject;

import io.perfsweep.cli.OneLineParameterErrors;
import io.perfsweep.cli.PerfsweepCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import picocli.CommandLine;

/**
 * Entry point: with no arguments (or {@code serve} alone) perfsweep runs as a service; otherwise the arguments are a CLI
 * command ({@code run}, {@code mock}, ...).
 */
@QuarkusMain
public class PerfsweepMain implements QuarkusApplication {

    @Inject
    CommandLine.IFactory factory;

    public static void main(String... args) {
        if (isCliCommand(args)) {
            // A CLI command serves nothing: no HTTP listener, no database, no NATS, no banner, only its own output.
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("quarkus.datasource.active", "false");
            System.setProperty("perfsweep.service.enabled", "false");
            System.setProperty("quarkus.banner.enabled", "false");
            System.setProperty("quarkus.log.category.\"io.quarkus\".level", "WARN");
        }
        Quarkus.run(PerfsweepMain.class, args);
    }

    @Override
    public int run(String... args) {
        if (!isCliCommand(args)) {
            Quarkus.waitForExit();
            return 0;
        }
        return new CommandLine(PerfsweepCommand.class, factory)
                .setParameterExceptionHandler(new OneLineParameterErrors()).execute(args);
    }

    /**
     * Everything but {@code serve} alone (or no arguments) is a CLI command: {@code serve --help} prints help and
     * {@code serve --bogus} is refused, instead of booting the service with its arguments ignored.
     */
    static boolean isCliCommand(String... args) {
        return args.length > 0 && !(args.length == 1 && "serve".equals(args[0]));
    }
}
