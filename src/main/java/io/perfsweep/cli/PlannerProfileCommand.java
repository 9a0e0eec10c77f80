package io.perfsweep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import io.perfsweep.client.ClientOptions;
import io.perfsweep.client.EndpointKind;
import io.perfsweep.config.PerfsweepConfig;
import io.perfsweep.job.PlannerProfileOutcome;
import io.perfsweep.job.PlannerProfilePlan;
import io.perfsweep.load.PointResult;
import io.perfsweep.load.SweepRunner;
import io.perfsweep.load.SweepSpec;
import io.perfsweep.metrics.PointSummary;
import io.perfsweep.metrics.Slo;
import io.perfsweep.mock.MockLlmServer;
import io.perfsweep.planner.PlannerPoint;
import io.perfsweep.planner.PlannerProfileFiles;
import io.perfsweep.planner.PlannerSweeps;
import io.perfsweep.report.AiperfExport;
import io.perfsweep.report.ExportContext;
import io.perfsweep.report.PlannerProfilePlot;
import io.perfsweep.server.MetricsEndpoints;
import io.perfsweep.server.ServerProbe;
import io.perfsweep.spec.InvalidJobException;
import io.perfsweep.spec.JobLimits;
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

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EndpointKind kind = EndpointKind.valueOf(target.endpoint().name());
        JobWorkload.PlannerProfile workload = workload();
        String modelName = target.model(config);
        Tokenizer resolved = Tokenizers.resolve(clientSide.tokenizerId(modelName));
        MockLlmServer mock = target.mock() ? clientSide.startMock(config, modelName) : null;
        try {
            String url = mock != null ? mock.baseUrl() : target.endpointUrl;
            if (mock != null) {
                err.printf("No --endpoint-url: profiling the built-in mock engine at %s (speed-up %.1fx)%n", url,
                        clientSide.speedupRatio(config));
            }
            List<String> endpoints = noServerMetrics ? List.of() : MetricsEndpoints.of(url, List.of());
            PlannerProfilePlan plan;
            try {
                plan = PlannerProfilePlan.of(workload).resolve(ServerProbe.of(endpoints), endpoints);
                plan.checkLimits(JobLimits.from(config.limits()));
            } catch (InvalidJobException e) {
                err.printf("%s: the profile cannot run: %s%n", spec.qualifiedName(), e.reason());
                err.flush();
                return spec.exitCodeOnInvalidInput();
            }
            err.printf("%d points (%d prefill, %d decode); max_kv_tokens %d from the %s%n", plan.points().size(),
                    plan.points().stream().filter(p -> p.stage() == PlannerPoint.Stage.PREFILL).count(),
                    plan.points().stream().filter(p -> p.stage() == PlannerPoint.Stage.DECODE).count(),
                    plan.maxKvTokens(), plan.maxKvTokensSource());
            SweepSpec sweep = sweep(url, kind, modelName, plan, endpoints);
            var runner = new SweepRunner(vertx, resolved);
            var progress = new ConsoleProgress(err);
            List<PointSummary> summaries = new ArrayList<>();
            for (int i = 0; i < plan.points().size(); i++) {
                PointResult result = plan.runPoint(runner, sweep, i, progress, () -> false);
                export(plan.points().get(i), result, url, modelName, resolved);
                summaries.add(result.summary());
            }
            return write(plan, summaries, out, err);
        } finally {
            if (mock != null) {
                mock.close();
            }
        }
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

    private SweepSpec sweep(String url, EndpointKind kind, String modelName, PlannerProfilePlan plan,
            List<String> endpoints) {
        var client = new ClientOptions(url, kind, 1, timeouts.requestTimeout(config.client()),
                timeouts.idleTimeout(config.client()), clientSide.headers(config));
        PlannerPoint first = plan.points().get(0);
        return new SweepSpec("planner-profile", client, modelName,
                new SweepSpec.SyntheticSpec(first.isl(), 0, first.osl(), 0, seed),
                new SweepSpec.RequestExtras(true, true, nvextIgnoreEos), plan.sweepPlan(), Slo.NONE, null, endpoints);
    }

    /** The point's AIPerf files in the profiler's artifact directory, under its stage's interpolation directory. */
    private void export(PlannerPoint point, PointResult result, String url, String modelName, Tokenizer resolved) {
        String stageDir = point.stage() == PlannerPoint.Stage.PREFILL ? "selected_prefill_interpolation"
                : "selected_decode_interpolation";
        Map<String, Object> inputConfig = new LinkedHashMap<>();
        inputConfig.put("endpoint_url", url);
        inputConfig.put("endpoint_type", target.endpoint.toLowerCase(Locale.ROOT));
        inputConfig.put("model", modelName);
        inputConfig.put("tokenizer", resolved.name());
        inputConfig.put("isl", point.isl());
        inputConfig.put("isl_std", 0);
        inputConfig.put("osl", point.osl());
        inputConfig.put("osl_std", 0);
        inputConfig.put("concurrency", point.concurrency());
        inputConfig.put("request_count", point.requestCount());
        inputConfig.put("warmup_request_count", point.warmupRequestCount());
        inputConfig.put("num_gpus", gpusPerEngine);
        Path dir = outputDir.resolve(stageDir).resolve(point.label());
        AiperfExport.write(dir, result.summary(), result.records(), new ExportContext(point.label(),
                result.startTime(), result.endTime(), false, inputConfig, Map.of("run_label", point.label()),
                result.requestIds()));
    }

    /** Writes the planner's files and prints their arrays; exit code 1 when too few points have values. */
    private int write(PlannerProfilePlan plan, List<PointSummary> summaries, PrintWriter out, PrintWriter err) {
        PlannerProfileOutcome outcome;
        try {
            outcome = PlannerProfileOutcome.of(plan, summaries);
        } catch (IllegalArgumentException e) {
            err.printf("%s: %s%n", spec.qualifiedName(), e.getMessage());
            err.flush();
            return 1;
        }
        PlannerProfileFiles files = outcome.files();
        try {
            files.writeTo(outputDir);
            writeFigure(files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the planner's files under " + outputDir, e);
        }
        out.println("Prefill (" + PlannerProfileFiles.PREFILL_JSON + "):");
        out.printf("  %8s %12s %22s%n", "ISL", "TTFT (ms)", "thpt/GPU (tokens/s)");
        for (int i = 0; i < files.prefillIsl().size(); i++) {
            out.printf(Locale.ROOT, "  %8d %12.2f %22.1f%n", files.prefillIsl().get(i), files.prefillTtft().get(i),
                    files.prefillThptPerGpu().get(i));
        }
        out.println("Decode (" + PlannerProfileFiles.DECODE_JSON + ", max_kv_tokens " + files.maxKvTokens() + " from the "
                + plan.maxKvTokensSource() + "):");
        out.printf("  %10s %12s %10s %22s%n", "KV usage", "context", "ITL (ms)", "thpt/GPU (tokens/s)");
        for (int i = 0; i < files.xKvUsage().size(); i++) {
            out.printf(Locale.ROOT, "  %10.4f %12.1f %10.3f %22.1f%n", files.xKvUsage().get(i),
                    files.yContextLength().get(i), files.zItl().get(i), files.zThptPerGpu().get(i));
        }
        outcome.excludedPoints().forEach((label, why) -> out.printf("Left out %s: %s%n", label, why));
        if (!outcome.distortedPoints().isEmpty()) {
            out.printf("Kept although the client's own timing was distorted there (measured %d more times): %s%n",
                    PlannerProfilePlan.MAX_REMEASUREMENTS, String.join(", ", outcome.distortedPoints()));
        }
        out.printf("Results: %s%n", outputDir.toAbsolutePath());
        out.flush();
        return 0;
    }

    /** {@code planner_profile.svg} and {@code .png}: TTFT against ISL, ITL against KV usage. */
    private void writeFigure(PlannerProfileFiles files) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        var arrays = new PlannerProfilePlot.Arrays(files.prefillIsl().stream().map(Long::doubleValue).toList(),
                files.prefillTtft(), files.xKvUsage(), files.yContextLength(), files.zItl());
        Files.writeString(outputDir.resolve(PlannerProfilePlot.NAME + ".svg"), PlannerProfilePlot.svg(arrays),
                StandardCharsets.UTF_8);
        Files.write(outputDir.resolve(PlannerProfilePlot.NAME + ".png"), PlannerProfilePlot.png(arrays));
    }
}
