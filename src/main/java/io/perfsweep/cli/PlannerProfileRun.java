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

import io.perfsweep.job.PlannerProfileOutcome;
import io.perfsweep.job.PlannerProfilePlan;
import io.perfsweep.job.PreparedJob;
import io.perfsweep.load.PointResult;
import io.perfsweep.load.SweepRunner;
import io.perfsweep.metrics.PointSummary;
import io.perfsweep.planner.PlannerPoint;
import io.perfsweep.planner.PlannerProfileFiles;
import io.perfsweep.report.AiperfExport;
import io.perfsweep.report.ExportContext;
import io.perfsweep.report.PlannerProfilePlot;
import io.perfsweep.spec.InvalidJobException;
import io.perfsweep.spec.JobLimits;
import io.perfsweep.workload.Tokenizer;
import io.vertx.core.Vertx;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A planner-profile job run in this process, the one path of {@code planner-profile} (its flags made a job) and of
 * {@code run --job} with a {@code plannerProfile} workload: the plan completed with the engine's KV capacity as the
 * service's runner completes it, the points run one after another, and the profiler's files under {@code outputDir}:
 * {@code prefill_raw_data.json}, {@code decode_raw_data.json}, the two {@code selected_*_interpolation/raw_data.npz},
 * the figure {@code planner_profile.svg}/{@code .png}, and each point's AIPerf files in
 * {@code selected_prefill_interpolation/aiperf_isl<isl>/} and
 * {@code selected_decode_interpolation/aiperf_isl<isl>_osl<osl>_n<n>/}.
 *
 * @param command the command that runs it, for its name and exit codes
 * @param limits the ceilings the completed plan is checked against
 * @param outputDir where the files go (the profiler's {@code --profile-results-dir})
 */
record PlannerProfileRun(CommandSpec command, Vertx vertx, JobLimits limits, Tokenizer tokenizer, Path outputDir) {

    /** Runs {@code job}; exit code 0, 1 when too few points have values, or the command's code for invalid input. */
    int run(PreparedJob job) {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        PlannerProfilePlan plan;
        try {
            plan = job.plannedProfile(limits);
        } catch (InvalidJobException e) {
            err.printf("%s: the profile cannot run: %s%n", command.qualifiedName(), e.reason());
            err.flush();
            return command.exitCodeOnInvalidInput();
        }
        err.printf("%d points (%d prefill, %d decode); max_kv_tokens %d from the %s%n", plan.points().size(),
                plan.points().stream().filter(p -> p.stage() == PlannerPoint.Stage.PREFILL).count(),
                plan.points().stream().filter(p -> p.stage() == PlannerPoint.Stage.DECODE).count(),
                plan.maxKvTokens(), plan.maxKvTokensSource());
        PreparedJob planned = job.withPlannerProfile(plan);
        var runner = new SweepRunner(vertx, tokenizer);
        var progress = new ConsoleProgress(err);
        List<PointSummary> summaries = new ArrayList<>();
        for (int i = 0; i < plan.points().size(); i++) {
            PointResult result = plan.runPoint(runner, planned.sweep(), i, progress, () -> false);
            export(planned, plan.points().get(i), result);
            summaries.add(result.summary());
        }
        return write(plan, summaries, out, err);
    }

    /** The point's AIPerf files in the profiler's artifact directory, under its stage's interpolation directory. */
    private void export(PreparedJob job, PlannerPoint point, PointResult result) {
        String stageDir = point.stage() == PlannerPoint.Stage.PREFILL ? "selected_prefill_interpolation"
                : "selected_decode_interpolation";
        Map<String, Object> inputConfig = new LinkedHashMap<>();
        inputConfig.put("endpoint_url", job.sweep().client().baseUrl());
        inputConfig.put("endpoint_type", job.sweep().client().endpoint().name().toLowerCase(Locale.ROOT));
        inputConfig.put("model", job.sweep().model());
        inputConfig.put("tokenizer", tokenizer.name());
        inputConfig.put("isl", point.isl());
        inputConfig.put("isl_std", 0);
        inputConfig.put("osl", point.osl());
        inputConfig.put("osl_std", 0);
        inputConfig.put("concurrency", point.concurrency());
        inputConfig.put("request_count", point.requestCount());
        inputConfig.put("warmup_request_count", point.warmupRequestCount());
        inputConfig.put("num_gpus", job.plannerProfile().workload().gpusPerEngine());
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
            err.printf("%s: %s%n", command.qualifiedName(), e.getMessage());
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
