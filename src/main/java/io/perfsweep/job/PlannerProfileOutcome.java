package io.perfsweep.job;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.perfsweep.events.PlannerProfile;
import io.perfsweep.metrics.MetricStats;
import io.perfsweep.metrics.MetricTag;
import io.perfsweep.metrics.PointSummary;
import io.perfsweep.planner.DecodeResult;
import io.perfsweep.planner.PlannerPoint;
import io.perfsweep.planner.PlannerProfileFiles;
import io.perfsweep.planner.PrefillResult;

/**
 * A planner-profile job's measured points turned into the files Dynamo's planner reads. A point is left out, and
 * named with why, when it has no value to give (every request failed) or when the client's own timing was off at it
 * ({@code client_health} verdict {@code distorted}), as the {@code planner} block of every job leaves such points out:
 * a planner must not fit the client's error as the engine's behaviour.
 *
 * @param files the planner's four files
 * @param excludedPoints the labels of the points left out, each with why, in sweep order
 */
public record PlannerProfileOutcome(PlannerProfileFiles files, Map<String, String> excludedPoints) {

    /** Where a finished profile is downloaded, {@code %s} the job id. */
    public static final String DOWNLOAD_PATH = "/api/jobs/%s/planner-profile";

    public PlannerProfileOutcome {
        excludedPoints = Collections.unmodifiableMap(new LinkedHashMap<>(excludedPoints));
    }

    /**
     * The files of a finished profile.
     *
     * @param plan the resolved plan the points ran
     * @param summaries each point's summary, in plan order (one per point)
     * @throws IllegalArgumentException saying why when too few points are left to write the files (at least three
     *         prefill points and one decode point), naming those left out
     */
    public static PlannerProfileOutcome of(PlannerProfilePlan plan, List<PointSummary> summaries) {
        if (summaries.size() != plan.points().size()) {
            throw new IllegalArgumentException(
                    "the plan has " + plan.points().size() + " points, got " + summaries.size() + " results");
        }
        var prefill = new ArrayList<PrefillResult>();
        var decode = new ArrayList<DecodeResult>();
        Map<String, String> excluded = new LinkedHashMap<>();
        boolean attentionDp = plan.workload().attentionDp() > 1;
        for (int i = 0; i < summaries.size(); i++) {
            PlannerPoint point = plan.points().get(i);
            PointSummary summary = summaries.get(i);
            Optional<Double> ttft = avg(summary, MetricTag.TIME_TO_FIRST_TOKEN);
            Optional<Double> itl = avg(summary, MetricTag.INTER_TOKEN_LATENCY);
            var throughput = summary.aggregate(MetricTag.OUTPUT_TOKEN_THROUGHPUT);
            if (summary.clientDistorted()) {
                excluded.put(point.label(), "the client's own timing was distorted");
            } else if (point.stage() == PlannerPoint.Stage.PREFILL && ttft.isPresent()
                    && (!attentionDp || itl.isPresent())) {
                double max = summary.stats(MetricTag.TIME_TO_FIRST_TOKEN).map(MetricStats::max).orElseThrow();
                prefill.add(new PrefillResult(point.isl(), point.osl(), ttft.get(), max, itl.orElse(0.0)));
            } else if (point.stage() == PlannerPoint.Stage.DECODE && itl.isPresent() && throughput.isPresent()) {
                decode.add(new DecodeResult(point.isl(), point.osl(), point.requestCount(), itl.get(),
                        throughput.getAsDouble()));
            } else {
                excluded.put(point.label(), summary.requestCount() == 0
                        ? "no request succeeded (" + summary.errorCountsByType() + ")"
                        : "no " + (point.stage() == PlannerPoint.Stage.PREFILL ? "TTFT" : "ITL") + " measured");
            }
        }
        try {
            return new PlannerProfileOutcome(PlannerProfileFiles.of(plan.inputs(), prefill, decode), excluded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the planner's files cannot be written: " + e.getMessage()
                    + (excluded.isEmpty() ? "" : "; left out: " + excluded), e);
        }
    }

    private static Optional<Double> avg(PointSummary summary, MetricTag tag) {
        return summary.stats(tag).map(MetricStats::avg);
    }

    /** The profile's arrays as the {@code planner} block of {@code job.completed}, the files' keys and values. */
    public PlannerProfile plannerBlock() {
        return new PlannerProfile(files.prefillIsl().stream().map(Long::doubleValue).toList(), files.prefillTtft(),
                files.prefillThptPerGpu(), files.yContextLength(), files.zItl(), files.zThptPerGpu(),
                files.xKvUsage(), files.maxKvTokens(), List.copyOf(excludedPoints.keySet()));
    }

    /**
     * What {@code job.completed} and the stored profile say about it besides the arrays: the inputs, where the KV
     * capacity came from, the point counts, the points left out with why, the files and where to download them.
     */
    public Map<String, Object> summary(PlannerProfilePlan plan, String jobId) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("inputs", plan.inputsJson());
        json.put("prefill_points", files.prefillIsl().size());
        json.put("decode_points", files.xKvUsage().size());
        json.put("excluded_points", excludedPoints);
        json.put("files", List.of(PlannerProfileFiles.PREFILL_JSON, PlannerProfileFiles.DECODE_JSON,
                PlannerProfileFiles.PREFILL_NPZ, PlannerProfileFiles.DECODE_NPZ));
        json.put("download", String.format(DOWNLOAD_PATH, jobId));
        return json;
    }
}
