package io.perfsweep.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import io.perfsweep.client.ClientOptions;
import io.perfsweep.client.EndpointKind;
import io.perfsweep.config.PerfsweepConfig;
import io.perfsweep.load.PointResult;
import io.perfsweep.load.PrefixRatioRunner;
import io.perfsweep.load.PrefixRatioSpec;
import io.perfsweep.load.SweepSpec;
import io.perfsweep.metrics.Slo;
import io.perfsweep.mock.MockLlmServer;
import io.perfsweep.report.AiperfExport;
import io.perfsweep.report.ExportContext;
import io.perfsweep.report.PrefixRatioResults;
import io.perfsweep.workload.Tokenizer;
import io.perfsweep.workload.Tokenizers;
import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code prefix-ratio} (alias {@code router}): Dynamo's {@code benchmarks/router/prefix_ratio_benchmark.py} with its
 * flags and defaults. Without {@code --url} it runs against the built-in mock engine, whose prefix cache shows the
 * effect the benchmark is after. Writes {@code results_summary.json}, {@code prefix_ratio_performance.{svg,png}} and
 * each ratio's AIPerf files in the script's {@code prefix_ratio_<r>_seed_<s>[_url_<i>]/} directories.
 */
@Dependent
@Unremovable
@RegisterForReflection
@Command(name = "prefix-ratio", aliases = "router", mixinStandardHelpOptions = true, description = "Dynamo's router prefix-ratio benchmark: TTFT and ITL as the shared-prefix share of every prompt grows (the built-in mock when no URL is given).")
public class PrefixRatioCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    PerfsweepConfig config;

    @Inject
    Vertx vertx;

    @Option(names = "--url", arity = "1..*", description = "Router/frontend base URL(s); several split the requests and the concurrency between them. Default: the built-in mock engine.")
    List<String> urls = new ArrayList<>();

    @Option(names = "--model", defaultValue = PrefixRatioSpec.DEFAULT_MODEL, description = "Model name. Default: ${DEFAULT-VALUE}.")
    String model;

    @Mixin
    ClientSideOptions clientSide;

    @Option(names = "--isl", defaultValue = "14000", description = "Input sequence length, prefix included. Default: ${DEFAULT-VALUE}.")
    int isl;

    @Option(names = "--osl", defaultValue = "200", description = "Output sequence length. Default: ${DEFAULT-VALUE}.")
    int osl;

    @Option(names = "--requests", defaultValue = "200", description = "Requests per prefix ratio. Default: ${DEFAULT-VALUE}.")
    int requests;

    @Option(names = "--concurrency", defaultValue = "20", description = "Requests in flight. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--num-prefix-prompts", defaultValue = "20", description = "Shared prefixes in the pool. Default: ${DEFAULT-VALUE}.")
    int numPrefixPrompts;

    @Option(names = "--prefix-ratios", arity = "1..*", split = ",", description = "Prefix ratios to run, each in [0, 1]. Default: 0.1 0.3 0.5 0.7 0.9.")
    List<Double> prefixRatios = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the first ratio, incremented per ratio. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--output-dir", defaultValue = "kv_router", description = "Where results go. Default: ${DEFAULT-VALUE}.")
    Path outputDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String tokenizerId = clientSide.tokenizerId(model);
        Tokenizer resolved = Tokenizers.resolve(tokenizerId);
        MockLlmServer mock = urls.isEmpty() ? clientSide.startMock(config, model) : null;
        try {
            List<String> targets = mock != null ? List.of(mock.baseUrl()) : urls;
            PrefixRatioSpec benchmark = benchmark(targets);
            if (mock != null) {
                err.printf("No --url: running against the built-in mock engine at %s (speed-up %.1fx)%n",
                        mock.baseUrl(), clientSide.speedupRatio(config));
            }
            SweepSpec base = baseSpec(targets.get(0), benchmark);
            var ratios = new PrefixRatioRunner(vertx, resolved).run(base, benchmark, new ConsoleProgress(err));
            var points = new ArrayList<PrefixRatioResults.Point>();
            for (var ratio : ratios) {
                writeExports(benchmark, ratio, resolved);
                points.add(new PrefixRatioResults.Point(ratio.ratio(), ratio.pooled().summary()));
            }
            var results = PrefixRatioResults.of(points, new PrefixRatioResults.Config(model, tokenizerId, isl, osl,
                    requests, concurrency, seed));
            if (results.isEmpty()) {
                err.println("No ratio had successful requests: nothing to summarise or plot");
                return 1;
            }
            results.write(outputDir);
            out.print(PrefixRatioTable.render(results));
            out.printf("Results: %s%n", outputDir.toAbsolutePath());
            out.flush();
            return results.prefixRatios().size() == ratios.size() ? 0 : 1;
        } finally {
            if (mock != null) {
                mock.close();
            }
        }
    }

    private PrefixRatioSpec benchmark(List<String> targets) {
        try {
            return new PrefixRatioSpec(prefixRatios.isEmpty() ? PrefixRatioSpec.DEFAULT_RATIOS : prefixRatios, isl,
                    osl, requests, concurrency, numPrefixPrompts, seed, targets);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The script's requests: chat, streaming, {@code ignore_eos} and {@code nvext.ignore_eos}, no min_tokens. */
    private SweepSpec baseSpec(String firstUrl, PrefixRatioSpec benchmark) {
        var client = new ClientOptions(firstUrl, EndpointKind.CHAT, concurrency, config.client().requestTimeout(),
                config.client().idleTimeout(), clientSide.headers(config));
        return new SweepSpec("prefix-ratio", client, model, new SweepSpec.SyntheticSpec(isl, 0, osl, 0, seed),
                new SweepSpec.RequestExtras(false, true, true), benchmark.plan(), Slo.NONE);
    }

    private void writeExports(PrefixRatioSpec benchmark, PrefixRatioRunner.RatioResult ratio, Tokenizer resolved) {
        for (int u = 0; u < ratio.perUrl().size(); u++) {
            PointResult result = ratio.perUrl().get(u);
            String label = benchmark.label(ratio.index(), u);
            Map<String, Object> inputConfig = new LinkedHashMap<>();
            inputConfig.put("endpoint_url", benchmark.shares().get(u).url());
            inputConfig.put("model", model);
            inputConfig.put("tokenizer", resolved.name());
            inputConfig.put("prefix_ratio", ratio.ratio());
            inputConfig.put("prefix_prompt_length", benchmark.shape(ratio.index()).prefixTokens());
            inputConfig.put("num_prefix_prompts", numPrefixPrompts);
            inputConfig.put("synthetic_input_tokens_mean", benchmark.shape(ratio.index()).syntheticTokens());
            inputConfig.put("output_tokens_mean", osl);
            inputConfig.put("concurrency", result.point().concurrency());
            inputConfig.put("request_count", result.point().requestCount());
            inputConfig.put("random_seed", ratio.seed());
            AiperfExport.write(outputDir.resolve(label), result.summary(), result.records(), new ExportContext(label,
                    result.startTime(), result.endTime(), false, inputConfig, Map.of("run_label", label),
                    result.requestIds()));
        }
    }
}
