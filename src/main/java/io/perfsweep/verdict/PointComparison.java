package io.perfsweep.verdict;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one point (one load, e.g. {@code c10}) moved: each judged statistic and the point's verdict over them.
 *
 * @param point the load label both runs share
 * @param metrics the statistics judged, in {@link GatedMetric#ALL}'s order
 */
public record PointComparison(String point, List<MetricComparison> metrics) {

    public PointComparison {
        metrics = List.copyOf(metrics);
    }

    /** Regressed if any statistic regressed; else improved if any; else unchanged if any; else inconclusive. */
    public Verdict verdict() {
        return Verdict.overall(metrics.stream().map(MetricComparison::verdict).toList());
    }

    /** The object of {@code comparison.json}'s {@code points} array. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("point", point);
        json.put("verdict", verdict().json());
        json.put("metrics", metrics.stream().map(MetricComparison::toJson).toList());
        return json;
    }
}
