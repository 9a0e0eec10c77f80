package io.perfsweep.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import io.perfsweep.config.PerfsweepConfig;
import io.perfsweep.job.JobSubmissions;
import io.perfsweep.job.PreparedJob;
import io.perfsweep.load.PrefixRatioSpec;
import io.perfsweep.mock.MockLlmServer;
import io.perfsweep.spec.JobDeployment;
import io.perfsweep.spec.JobExtras;
import io.perfsweep.spec.JobLoad;
import io.perfsweep.spec.JobSlo;
import io.perfsweep.spec.JobSpec;
import io.perfsweep.spec.JobTarget;
import io.perfsweep.spec.JobWorkload;
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

    @Inject
    JobSubmissions submissions;

    @Override
    public Integer call() {
        String tokenizerId = clientSide.tokenizerId(model);
        Tokenizer resolved = Tokenizers.resolve(tokenizerId);
        MockLlmServer mock = urls.isEmpty() ? clientSide.startMock(config, model) : null;
        try {
            List<String> targets = mock != null ? List.of(mock.baseUrl()) : urls;
            checkBenchmark(targets);
            if (mock != null) {
                spec.commandLine().getErr().printf("No --url: running against the built-in mock engine at %s"
                        + " (speed-up %.1fx)%n", mock.baseUrl(), clientSide.speedupRatio(config));
            }
            PreparedJob job = submissions.prepareRun(jobSpec(targets), clientSide.clientDefaults(config), null);
            return new PrefixRatioRun(spec, vertx, resolved, tokenizerId, outputDir).run(job);
        } finally {
            if (mock != null) {
                mock.close();
            }
        }
    }

    /** What the benchmark refuses (a ratio outside [0, 1], fewer requests than URLs), as a flag error. */
    private void checkBenchmark(List<String> targets) {
        try {
            new PrefixRatioSpec(ratios(), isl, osl, requests, concurrency, numPrefixPrompts, seed, targets);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private List<Double> ratios() {
        return prefixRatios.isEmpty() ? PrefixRatioSpec.DEFAULT_RATIOS : prefixRatios;
    }

    /**
     * The flags as a job, the one contract {@code run --job} and the service read: a {@code prefix} workload at one
     * concurrency level, the script's requests (chat, streaming, {@code ignore_eos} and {@code nvext.ignore_eos}, no
     * {@code min_tokens}), no server metrics.
     */
    private JobSpec jobSpec(List<String> targets) {
        var jobTarget = new JobTarget(targets.get(0), model, JobTarget.Endpoint.CHAT, Map.of(),
                new JobDeployment.Aggregated(1, 1), targets.subList(1, targets.size()), false, List.of());
        return new JobSpec(null, "prefix-ratio", jobTarget,
                new JobWorkload.Prefix(ratios(), isl, osl, numPrefixPrompts, seed),
                new JobLoad.Concurrency(List.of(concurrency), requests, 0), new JobExtras(false, true, true),
                JobSlo.NONE, Map.of(), config.limits().maxJobDuration());
    }
}
