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
 * A planner-profile job's measured points turned into the files Dynamo's planner reads.
 * <ul>
 * <li>A point with no value to give (every request failed) is left out, named with why.</li>
 * <li>A point whose client timing was still distorted after being measured again ({@link PlannerProfilePlan#runPoint})
 * is left out too, as every job's {@code planner} block leaves such points out: a planner must not fit the client's
 * error as the engine's behaviour. Unless that leaves its stage fewer points than the planner needs (three prefill
 * points, one decode point): then the stage keeps its distorted points, named in {@link #distortedPoints}, since a
 * profile with suspect points named is of more use than none, and their stored points say how distorted.</li>
 * </ul>
 *
 * @param files the planner's four files
 * @param excludedPoints the labels of the points left out, each with why, in sweep order
 * @param distortedPoints the labels of the points kept although the client judged its own timing distorted there
 */
public record PlannerProfileOutcome(PlannerProfileFiles files, Map<String, String> excludedPoints,
        List<String> distortedPoints) {

    /** Where a finished profile is downloaded, {@code %s} the job id. */
    public static final String DOWNLOAD_PATH = "/api/jobs/%s/planner-profile";
    /** Why a distorted point was left out. */
    static final String DISTORTED = "the client's own timing was distorted";

    public PlannerProfileOutcome {
        excludedPoints = Collections.unmodifiableMap(new LinkedHashMap<>(excludedPoints));
        distortedPoints = List.copyOf(distortedPoints);
    }

    /** A point with a value: its figures and whether the client's timing was distorted at it. */
    private record Measured<T>(String label, T result, boolean distorted) {
    }

    /**
     * The files of a finished profile.
     *
     * @param plan the resolved plan the points ran
     * @param summaries each point's summary, in plan order (one per point)
     * @throws IllegalArgumentException saying why when too few points have values to write the files (at least three
     *         prefill points and one decode point), naming those left out
     */
    public static PlannerProfileOutcome of(PlannerProfilePlan plan, List<PointSummary> summaries) {
        if (summaries.size() != plan.points().size()) {
            throw new IllegalArgumentException(
                    "the plan has " + plan.points().size() + " points, got " + summaries.size() + " results");
        }
        var prefill = new ArrayList<Measured<PrefillResult>>();
        var decode = new ArrayList<Measured<DecodeResult>>();
        Map<String, String> excluded = new LinkedHashMap<>();
        boolean attentionDp = plan.workload().attentionDp() > 1;
        for (int i = 0; i < summaries.size(); i++) {
            PlannerPoint point = plan.points().get(i);
            PointSummary summary = summaries.get(i);
            Optional<Double> ttft = avg(summary, MetricTag.TIME_TO_FIRST_TOKEN);
            Optional<Double> itl = avg(summary, MetricTag.INTER_TOKEN_LATENCY);
            var throughput = summary.aggregate(MetricTag.OUTPUT_TOKEN_THROUGHPUT);
            boolean distorted = summary.clientDistorted();
            if (point.stage() == PlannerPoint.Stage.PREFILL && ttft.isPresent()
                    && (!attentionDp || itl.isPresent())) {
                double max = summary.stats(MetricTag.TIME_TO_FIRST_TOKEN).map(MetricStats::max).orElseThrow();
                prefill.add(new Measured<>(point.label(),
                        new PrefillResult(point.isl(), point.osl(), ttft.get(), max, itl.orElse(0.0)), distorted));
            } else if (point.stage() == PlannerPoint.Stage.DECODE && itl.isPresent() && throughput.isPresent()) {
                decode.add(new Measured<>(point.label(), new DecodeResult(point.isl(), point.osl(),
                        point.requestCount(), itl.get(), throughput.getAsDouble()), distorted));
            } else {
                excluded.put(point.label(), summary.requestCount() == 0
                        ? "no request succeeded (" + summary.errorCountsByType() + ")"
                        : "no " + (point.stage() == PlannerPoint.Stage.PREFILL ? "TTFT" : "ITL") + " measured");
            }
        }
        List<String> distorted = new ArrayList<>();
        List<PrefillResult> prefillKept = kept(prefill, PlannerProfileFiles.MIN_PREFILL_POINTS, excluded, distorted);
        List<DecodeResult> decodeKept = kept(decode, 1, excluded, distorted);
        Map<String, String> inSweepOrder = new LinkedHashMap<>();
        plan.points().stream().map(PlannerPoint::label).filter(excluded::containsKey)
                .forEach(label -> inSweepOrder.put(label, excluded.get(label)));
        try {
            return new PlannerProfileOutcome(PlannerProfileFiles.of(plan.inputs(), prefillKept, decodeKept),
                    inSweepOrder, distorted);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the planner's files cannot be written: " + e.getMessage()
                    + (inSweepOrder.isEmpty() ? "" : "; left out: " + inSweepOrder), e);
        }
    }

    /**
     * A stage's points without the distorted ones when at least {@code needed} remain (those left out added to
     * {@code excluded}), else all of them (the distorted ones added to {@code distorted}).
     */
    private static <T> List<T> kept(List<Measured<T>> points, int needed, Map<String, String> excluded,
            List<String> distorted) {
        List<Measured<T>> exact = points.stream().filter(p -> !p.distorted()).toList();
        if (exact.size() >= needed) {
            points.stream().filter(Measured::distorted).forEach(p -> excluded.put(p.label(), DISTORTED));
            return exact.stream().map(Measured::result).toList();
        }
        points.stream().filter(Measured::distorted).forEach(p -> distorted.add(p.label()));
        return points.stream().map(Measured::result).toList();
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
     * capacity came from, the point counts, the points left out with why, those kept although distorted, the files and
     * where to download them.
     */
    public Map<String, Object> summary(PlannerProfilePlan plan, String jobId) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("inputs", plan.inputsJson());
        json.put("prefill_points", files.prefillIsl().size());
        json.put("decode_points", files.xKvUsage().size());
        json.put("excluded_points", excludedPoints);
        json.put("distorted_points", distortedPoints);
        json.put("files", List.of(PlannerProfileFiles.PREFILL_JSON, PlannerProfileFiles.DECODE_JSON,
                PlannerProfileFiles.PREFILL_NPZ, PlannerProfileFiles.DECODE_NPZ));
        json.put("download", String.format(DOWNLOAD_PATH, jobId));
        return json;
    }
}
