package io.perfsweep.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.perfsweep.metrics.MetricStats;
import io.perfsweep.metrics.MetricTag;
import io.perfsweep.metrics.PointSummary;
import io.perfsweep.metrics.RecordMetricValues;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.store.StoredPoint;
import io.perfsweep.store.StoredTrial;
import io.perfsweep.verdict.Comparison;
import io.perfsweep.verdict.GateSettings;
import io.perfsweep.verdict.GatedMetric;
import io.perfsweep.verdict.PointSamples;
import io.perfsweep.verdict.RegressionGate;
import io.perfsweep.verdict.Verdict;

/**
 * A finished job judged against its baseline job from what both stored, through the same {@link RegressionGate}
 * {@code compare} uses: points paired by label, latency percentiles from the stored request records (or from each
 * trial's percentile when both points ran several trials), throughputs over trials. The block it returns is what the
 * {@code job.completed} event carries as {@code verdict}, the job stores and its report page shows.
 */
public final class StoredVerdict {

    private StoredVerdict() {
    }

    /** {@link #judge(Map, List, List, Function, GateSettings)} with {@code compare}'s defaults: 5 %, 95 %, seed 42. */
    public static Map<String, Object> judge(Map<String, Object> baseline, List<StoredPoint> baselinePoints,
            List<StoredPoint> candidatePoints, Function<StoredPoint, List<RequestRecord>> records) {
        return judge(baseline, baselinePoints, candidatePoints, records,
                GateSettings.of(GateSettings.DEFAULT_THRESHOLD_PCT, GateSettings.DEFAULT_CONFIDENCE));
    }

    /**
     * The verdict block of a comparison: the baseline job, the overall verdict and {@code compare}'s
     * {@code comparison.json} content (per point and metric); a comparison without a point in common is
     * {@code inconclusive} with that reason.
     *
     * @param records loads a point's stored records, in the order they were stored
     */
    public static Map<String, Object> judge(Map<String, Object> baseline, List<StoredPoint> baselinePoints,
            List<StoredPoint> candidatePoints, Function<StoredPoint, List<RequestRecord>> records,
            GateSettings settings) {
        Comparison comparison = RegressionGate.compare(samples(baselinePoints, records),
                samples(candidatePoints, records), settings);
        if (comparison.points().isEmpty()) {
            return inconclusive(baseline, "no point in common: the baseline has " + labels(baselinePoints)
                    + ", this job " + labels(candidatePoints));
        }
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("baseline", baseline);
        block.putAll(comparison.toJson());
        block.put("regressions", comparison.regressions());
        return block;
    }

    /** A verdict that could not be judged: {@code inconclusive}, with why. */
    public static Map<String, Object> inconclusive(Map<String, Object> baseline, String reason) {
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("baseline", baseline);
        block.put("verdict", Verdict.INCONCLUSIVE.json());
        block.put("reason", reason);
        return block;
    }

    /** Each stored point as the gate reads a point folder. */
    static List<PointSamples> samples(List<StoredPoint> points, Function<StoredPoint, List<RequestRecord>> records) {
        List<PointSamples> samples = new ArrayList<>();
        for (StoredPoint point : points) {
            samples.add(samples(point, records.apply(point)));
        }
        return samples;
    }

    private static PointSamples samples(StoredPoint point, List<RequestRecord> records) {
        Map<String, List<Double>> requests = new HashMap<>();
        for (RequestRecord record : records) {
            if (!record.valid()) {
                continue;
            }
            RecordMetricValues values = RecordMetricValues.of(record);
            for (String tag : GatedMetric.LATENCY_TAGS) {
                MetricTag metric = tag(tag);
                values.get(metric).ifPresent(v -> requests.computeIfAbsent(tag, t -> new ArrayList<>())
                        .add(metric.unit().fromBase(v)));
            }
        }
        Map<String, double[]> pooled = new HashMap<>();
        requests.forEach((tag, values) -> pooled.put(tag, values.stream().mapToDouble(Double::doubleValue).toArray()));
        List<PointSummary> trials = point.trials().size() > 1
                ? point.trials().stream().map(StoredTrial::summary).toList()
                : List.of(point.summary());
        Map<String, double[]> trialValues = new HashMap<>();
        for (String tag : GatedMetric.THROUGHPUT_TAGS) {
            double[] values = trials.stream().flatMapToDouble(t -> t.aggregate(tag(tag)).stream())
                    .toArray();
            if (values.length > 0) {
                trialValues.put(tag, values);
            }
        }
        Map<String, Double> summary = new HashMap<>();
        for (String tag : GatedMetric.LATENCY_TAGS) {
            for (String stat : GatedMetric.PERCENTILES) {
                double[] values = trials.stream().flatMap(t -> t.stats(tag(tag)).stream())
                        .mapToDouble(s -> percentile(s, stat)).toArray();
                if (values.length > 0) {
                    summary.put(PointSamples.key(tag, stat), mean(values));
                    if (trials.size() > 1) {
                        trialValues.put(PointSamples.key(tag, stat), values);
                    }
                }
            }
            if (trials.size() > 1) {
                trialValues.put(PointSamples.key(tag, PointSamples.COUNT), trials.stream()
                        .flatMap(t -> t.stats(tag(tag)).stream()).mapToDouble(s -> s.count()).toArray());
            }
        }
        point.summary().aggregate(MetricTag.OUTPUT_TOKEN_THROUGHPUT)
                .ifPresent(v -> summary.put(PointSamples.key("output_token_throughput", "avg"), v));
        point.summary().aggregate(MetricTag.GOODPUT).ifPresent(v -> summary.put(PointSamples.key("goodput", "avg"), v));
        return new PointSamples(point.label(), pooled, trialValues, summary);
    }

    private static MetricTag tag(String tag) {
        return MetricTag.fromTag(tag).orElseThrow(() -> new IllegalArgumentException("unknown metric tag " + tag));
    }

    private static double percentile(MetricStats stats, String stat) {
        return switch (stat) {
            case "p50" -> stats.p50();
            case "p90" -> stats.p90();
            case "p99" -> stats.p99();
            default -> throw new IllegalArgumentException("not a gated percentile: " + stat);
        };
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static String labels(List<StoredPoint> points) {
        return points.isEmpty() ? "none" : String.join(", ", points.stream().map(StoredPoint::label).toList());
    }
}
