package io.perfsweep.cli;

import java.util.Locale;

import io.perfsweep.config.PerfsweepConfig;
import io.perfsweep.spec.JobTarget;
import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The server {@code run} and {@code planner-profile} measure: its base URL (none: the built-in mock engine), the
 * endpoint and the model, as a job's {@code target.url}, {@code target.endpoint} and {@code target.model}.
 */
@RegisterForReflection
public class TargetOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--endpoint-url", converter = Checked.EndpointUrl.class, description = "Base URL of the endpoint (http(s)://host:port or bare host:port). Default: the built-in mock engine.")
    String endpointUrl;

    @Option(names = "--endpoint", defaultValue = "chat", description = "chat or completions. Default: ${DEFAULT-VALUE}.")
    String endpoint;

    @Option(names = "--model", description = "Model name. Default: perfsweep.sweep.model (Qwen/Qwen3-0.6B).")
    String model;

    /** Whether no URL was given, so the command measures the built-in mock engine. */
    boolean mock() {
        return endpointUrl == null;
    }

    /** The model given, else {@code perfsweep.sweep.model}. */
    String model(PerfsweepConfig config) {
        return model != null ? model : config.sweep().model();
    }

    /** The endpoint given, as a job names it; a name that is none ends the command with one line. */
    JobTarget.Endpoint endpoint() {
        return switch (endpoint.toLowerCase(Locale.ROOT)) {
            case "chat" -> JobTarget.Endpoint.CHAT;
            case "completions" -> JobTarget.Endpoint.COMPLETIONS;
            default -> throw new ParameterException(command.commandLine(),
                    "--endpoint must be chat or completions, was '" + endpoint + "'");
        };
    }
}
