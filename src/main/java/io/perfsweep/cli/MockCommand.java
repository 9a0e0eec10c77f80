package io.perfsweep.cli;

import java.util.concurrent.Callable;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.mock.MockLlmServer;
import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mock}: serves the built-in mock engine standalone, until the process is stopped. */
@Dependent
@Unremovable
@RegisterForReflection
@Command(name = "mock", mixinStandardHelpOptions = true, description = "Serve the built-in OpenAI-compatible mock LLM engine (Dynamo mocker timing model).")
public class MockCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    Vertx vertx;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--port", defaultValue = "8000", description = "Port to bind (0: any free). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--model", defaultValue = "Qwen/Qwen3-0.6B", description = "Model name served. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--speedup-ratio", defaultValue = "1.0", description = "Divides simulated prefill and decode times. Default: ${DEFAULT-VALUE}.")
    double speedupRatio;

    @Option(names = "--ttft-ms", description = "Fixed mode: constant time to first token, in ms (needs --itl-ms).")
    Double ttftMillis;

    @Option(names = "--itl-ms", description = "Fixed mode: constant inter-token latency, in ms (needs --ttft-ms).")
    Double itlMillis;

    @Option(names = "--api-key", description = "Require Authorization: Bearer <key> on /v1/ requests, as vLLM's --api-key. Default: none.")
    String apiKey;

    @Override
    public Integer call() {
        MockEngineConfig config = ttftMillis != null || itlMillis != null
                ? MockEngineConfig.fixed(orZero(ttftMillis), orZero(itlMillis))
                : MockEngineConfig.simulated(speedupRatio);
        var withModel = config.withModelName(model);
        MockLlmServer server = (apiKey == null ? MockLlmServer.start(vertx, withModel, host, port)
                : MockLlmServer.startRequiringApiKey(vertx, withModel, host, port, apiKey)).toCompletionStage()
                .toCompletableFuture().join();
        spec.commandLine().getOut().printf("Mock engine serving %s at %s (Prometheus metrics, vLLM names: %s)%n", model,
                server.baseUrl(), server.metricsUrl());
        spec.commandLine().getOut().flush();
        Quarkus.waitForExit();
        server.close();
        return 0;
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }
}
