package io.perfsweep.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import io.perfsweep.config.PerfsweepConfig;
import io.perfsweep.job.JobSubmissions;
import io.perfsweep.job.PlannerProfilePlan;
import io.perfsweep.job.PreparedJob;
import io.perfsweep.mock.MockLlmServer;
import io.perfsweep.planner.PlannerSweeps;
import io.perfsweep.spec.JobDeployment;
import io.perfsweep.spec.JobExtras;
import io.perfsweep.spec.JobLimits;
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
 * {@code planner-profile}: the sweeps Dynamo's profiler runs against one engine, and the files its SLA planner reads
 * ({@code docs/planner-profile.md}). Without {@code --endpoint-url} it profiles the built-in mock engine. Writes
 * {@code <output-dir>/prefill_raw_data.json}, {@code decode_raw_data.json} and the two
 * {@code selected_*_interpolation/raw_data.npz} and the figure {@code planner_profile.svg}/{@code .png}, with each
 * point's AIPerf files in the profiler's
 * {@code selected_prefill_interpolation/aiperf_isl<isl>/} and
 * {@code selected_decode_interpolation/aiperf_isl<isl>_osl<osl>_n<n>/}.
 */
@Dependent
@Unremovable
@RegisterForReflection
@Command(name = "planner-profile", mixinStandardHelpOptions = true, description = "Profile one engine as Dynamo's profiler does (prefill TTFT over ISL, decode ITL over KV usage) and write the files its SLA planner reads (the built-in mock when no URL is given).")
public class PlannerProfileCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    PerfsweepConfig config;

    @Inject
    Vertx vertx;

    @Mixin
    TimeoutOptions timeouts;

    @Option(names = "--max-context-length", required = true, converter = Checked.AtLeastOne.class, description = "The engine's longest context, tokens: bounds both ISL sweeps (at least 628 with the default prefill granularity).")
    int maxContextLength;

    @Option(names = "--prefill-granularity", converter = Checked.AtLeastOne.class, defaultValue = "16", description = "How finely prefill ISLs are spread. Default: ${DEFAULT-VALUE}.")
    int prefillGranularity;

    @Option(names = "--decode-granularity", defaultValue = "6", description = "How finely decode ISLs and request counts are spread, at least 2. Default: ${DEFAULT-VALUE}.")
    int decodeGranularity;

    @Option(names = "--decode-osl", converter = Checked.AtLeastOne.class, defaultValue = "500", description = "Output tokens of each decode request. Default: ${DEFAULT-VALUE}.")
    int decodeOsl;

    @Option(names = "--gpus-per-engine", converter = Checked.AtLeastOne.class, defaultValue = "1", description = "GPUs of the engine, divisor of both per-GPU throughputs. Default: ${DEFAULT-VALUE}.")
    int gpusPerEngine;

    @Option(names = "--attention-dp", converter = Checked.AtLeastOne.class, defaultValue = "1", description = "Attention data-parallel size of the engine. Default: ${DEFAULT-VALUE}.")
    int attentionDp;

    @Option(names = "--max-kv-tokens", description = "The engine's KV capacity, tokens, used when its metrics tell none (vLLM cache_config_info, SGLang max_total_num_tokens, Dynamo KV blocks × block size).")
    Long maxKvTokens;

    @Mixin
    TargetOptions target;

    @Mixin
    ClientSideOptions clientSide;

    @Option(names = "--output-dir", defaultValue = "profiling_results", description = "Where the planner's files go (its --profile-results-dir). Default: ${DEFAULT-VALUE}.")
    Path outputDir;

    @Option(names = "--seed", defaultValue = "100", description = "Seed of the first point's prompts; point i uses seed + i. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--nvext-ignore-eos", description = "Also send nvext: {ignore_eos: true} (Dynamo frontends).")
    boolean nvextIgnoreEos;

    @Option(names = "--no-server-metrics", description = "Do not read the engine's Prometheus metrics (the KV capacity then comes from --max-kv-tokens).")
    boolean noServerMetrics;

    @Inject
    JobSubmissions submissions;

    @Override
    public Integer call() {
        JobTarget.Endpoint endpoint = target.endpoint(); // the flags first: a bad one is refused before anything runs
        JobWorkload.PlannerProfile workload = workload();
        String modelName = target.model(config);
        Tokenizer resolved = Tokenizers.resolve(clientSide.tokenizerId(modelName));
        MockLlmServer mock = target.mock() ? clientSide.startMock(config, modelName) : null;
        try {
            String url = mock != null ? mock.baseUrl() : target.endpointUrl;
            if (mock != null) {
                spec.commandLine().getErr().printf("No --endpoint-url: profiling the built-in mock engine at %s"
                        + " (speed-up %.1fx)%n", url, clientSide.speedupRatio(config));
            }
            PreparedJob job = submissions.prepareRun(jobSpec(url, endpoint, modelName, workload),
                    clientSide.clientDefaults(config), null);
            return new PlannerProfileRun(spec, vertx, JobLimits.from(config.limits()), resolved, outputDir).run(job);
        } finally {
            if (mock != null) {
                mock.close();
            }
        }
    }

    /**
     * The flags as a job, the one contract {@code run --job} and the service read: a {@code plannerProfile} workload
     * whose load sets only the timeouts, the profiler's request extras ({@code min_tokens} and {@code ignore_eos}).
     */
    private JobSpec jobSpec(String url, JobTarget.Endpoint endpoint, String modelName,
            JobWorkload.PlannerProfile workload) {
        var jobTarget = new JobTarget(url, modelName, endpoint, Map.of(),
                new JobDeployment.Aggregated(gpusPerEngine, 1), List.of(), !noServerMetrics, List.of());
        return new JobSpec(null, "planner-profile", jobTarget, workload,
                JobWorkload.PlannerProfile.load(timeouts.jobTimeouts()), new JobExtras(true, true, nvextIgnoreEos),
                JobSlo.NONE, Map.of(), config.limits().maxJobDuration());
    }

    /** The flags as a job's workload, checked as the service checks it (the sweeps must exist). */
    private JobWorkload.PlannerProfile workload() {
        if (decodeGranularity < 2) {
            throw new ParameterException(spec.commandLine(), "--decode-granularity must be at least 2, was "
                    + decodeGranularity);
        }
        if (maxKvTokens != null && maxKvTokens < 1) {
            throw new ParameterException(spec.commandLine(), "--max-kv-tokens must be at least 1, was " + maxKvTokens);
        }
        var workload = new JobWorkload.PlannerProfile(maxContextLength, prefillGranularity, decodeGranularity,
                decodeOsl, gpusPerEngine, attentionDp, maxKvTokens, seed);
        try {
            PlannerSweeps.prefill(PlannerProfilePlan.profileInputs(workload, Long.MAX_VALUE));
            PlannerSweeps.decode(PlannerProfilePlan.profileInputs(workload, Long.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--max-context-length " + maxContextLength
                    + " cannot be profiled: " + e.getMessage());
        }
        return workload;
    }
}
