package io.perfsweep.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import io.perfsweep.config.PerfsweepConfig;
import io.perfsweep.job.ClientDefaults;
import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.mock.MockLlmServer;
import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine.Option;

/**
 * What {@code run}, {@code planner-profile} and {@code prefix-ratio} settle on the client's side of a target: the
 * tokenizer the prompts are cut and the outputs counted with, literal request headers, and the speed of the built-in
 * mock engine they start when given no URL. None of it is a job's: a job names headers by secret reference only.
 */
@RegisterForReflection
public class ClientSideOptions {

    @Option(names = "--tokenizer", description = "tokenizer.json path, directory or model id in the local HF cache. Default: the model.")
    String tokenizer;

    @Option(names = "--header", description = "Extra request header, NAME=VALUE (repeatable).")
    Map<String, String> headers = new LinkedHashMap<>();

    @Option(names = "--mock-speedup-ratio", converter = Checked.Positive.class, description = "Speed-up of the built-in mock engine. Default: perfsweep.mock.speedup-ratio (10).")
    Double mockSpeedupRatio;

    /** The tokenizer given, else the model's id, which it is looked up by. */
    String tokenizerId(String model) {
        return tokenizer != null ? tokenizer : model;
    }

    /** The configured headers ({@code perfsweep.client.headers}), with the {@code --header} values over them. */
    Map<String, String> headers(PerfsweepConfig config) {
        var merged = new LinkedHashMap<>(config.client().headers());
        merged.putAll(headers);
        return merged;
    }

    /**
     * The client settings a command's flags-made job is prepared with: the configured timeouts, and {@link #headers}
     * (literal values, which a job spec cannot hold: it names headers by secret reference only).
     */
    ClientDefaults clientDefaults(PerfsweepConfig config) {
        return new ClientDefaults(config.client().requestTimeout(), config.client().idleTimeout(), headers(config));
    }

    /** The mock's speed-up given, else {@code perfsweep.mock.speedup-ratio}. */
    double speedupRatio(PerfsweepConfig config) {
        return mockSpeedupRatio != null ? mockSpeedupRatio : config.mock().speedupRatio();
    }

    /** Starts the built-in mock engine on its own Vert.x, serving {@code model}, at the speed-up asked for. */
    MockLlmServer startMock(PerfsweepConfig config, String model) {
        return MockLlmServer.startOnOwnVertx(MockEngineConfig.simulated(speedupRatio(config)).withModelName(model));
    }
}
