package io.perfsweep.verdict;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A candidate run judged against its baseline, point by point.
 *
 * @param settings the threshold, confidence and bootstrap used
 * @param intervalConfidence the two-sided confidence of each interval, {@code 1 − (1 − confidence) / intervals}
 * @param intervals how many intervals the comparison computed (the Bonferroni family)
 * @param resamples bootstrap resamples per latency interval
 * @param points the points both runs have, in the baseline's order
 * @param baselineOnly labels of points only the baseline has
 * @param candidateOnly labels of points only the candidate has
 */
public record Comparison(GateSettings settings, double intervalConfidence, int intervals, int resamples,
        List<PointComparison> points, List<String> baselineOnly, List<String> candidateOnly) {

    public Comparison {
        points = List.copyOf(points);
        baselineOnly = List.copyOf(baselineOnly);
        candidateOnly = List.copyOf(candidateOnly);
    }

    /** Regressed if any point regressed; else improved if any; else unchanged if any; else inconclusive. */
    public Verdict verdict() {
        return Verdict.overall(points.stream().map(PointComparison::verdict).toList());
    }

    /** The metrics that regressed, as {@code c10 time_to_first_token p99}. */
    public List<String> regressions() {
        return points.stream().flatMap(p -> p.metrics().stream().filter(m -> m.verdict() == Verdict.REGRESSED)
                .map(m -> p.point() + " " + m.metric() + " " + m.stat())).toList();
    }

    /** The content of {@code comparison.json}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("verdict", verdict().json());
        json.put("thresholdPct", settings.thresholdPct());
        json.put("confidence", settings.confidence());
        json.put("intervalConfidence", MetricComparison.number(intervalConfidence * 100) / 100);
        json.put("intervals", intervals);
        json.put("resamples", resamples);
        json.put("seed", settings.seed());
        json.put("points", points.stream().map(PointComparison::toJson).toList());
        json.put("baselineOnly", baselineOnly);
        json.put("candidateOnly", candidateOnly);
        return json;
    }
}
