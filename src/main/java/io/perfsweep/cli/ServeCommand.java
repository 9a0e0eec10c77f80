package io.perfsweep.cli;

import java.util.concurrent.Callable;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine.Command;

/**
 * {@code serve}: the long-running service (NATS intake, REST API, metrics). {@code main} starts the service itself
 * for {@code serve} or no arguments; this command exists so {@code --help} lists it.
 */
@RegisterForReflection
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the service: jobs from NATS JetStream and the REST API, results in PostgreSQL (the default).")
public class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Quarkus.waitForExit();
        return 0;
    }
}
