package io.perfsweep.cli;

import java.time.Duration;

import io.perfsweep.config.PerfsweepConfig;
import io.perfsweep.spec.JobTimeouts;
import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * How long one request of {@code run} may take: AIPerf's {@code --request-timeout-seconds} and an idle (no byte)
 * timeout, in seconds with fractions. Unset, they are {@code perfsweep.client.request-timeout} and
 * {@code perfsweep.client.idle-timeout}; a job's equivalents are {@code load.requestTimeoutSeconds} and
 * {@code load.idleTimeoutSeconds}.
 */
@RegisterForReflection
public class TimeoutOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    private Double requestTimeoutSeconds;
    private Double idleTimeoutSeconds;

    @Option(names = "--request-timeout-seconds", paramLabel = "SECONDS", description = "Longest one request may take from send to the end of its stream; it then fails as TIMEOUT. Default: perfsweep.client.request-timeout (600 s).")
    void requestTimeoutSeconds(double seconds) {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new ParameterException(command.commandLine(),
                    "--request-timeout-seconds must be a number of seconds above 0, was " + seconds);
        }
        requestTimeoutSeconds = seconds;
    }

    @Option(names = "--idle-timeout-seconds", paramLabel = "SECONDS", description = "Longest silence (no byte) on a request once it is written; it then fails as TIMEOUT. 0 turns it off. Default: perfsweep.client.idle-timeout (60 s).")
    void idleTimeoutSeconds(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new ParameterException(command.commandLine(),
                    "--idle-timeout-seconds must be a number of seconds, 0 or more, was " + seconds);
        }
        idleTimeoutSeconds = seconds;
    }

    /** The timeouts given, as a job's {@code load} holds them: null where a flag is absent (then the configured one). */
    JobTimeouts jobTimeouts() {
        return new JobTimeouts(requestTimeoutSeconds, idleTimeoutSeconds);
    }

    /** The request timeout given, else the configured one. */
    Duration requestTimeout(PerfsweepConfig.Client config) {
        return requestTimeoutSeconds == null ? config.requestTimeout() : duration(requestTimeoutSeconds);
    }

    /** The idle timeout given, else the configured one. */
    Duration idleTimeout(PerfsweepConfig.Client config) {
        return idleTimeoutSeconds == null ? config.idleTimeout() : duration(idleTimeoutSeconds);
    }

    /** Whole milliseconds, as the client's timers count; a positive value never rounds down to 0 (off). */
    private static Duration duration(double seconds) {
        return Duration.ofMillis(seconds > 0 ? Math.max(1, Math.round(seconds * 1000)) : 0);
    }
}
