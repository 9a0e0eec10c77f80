package io.perfsweep.verdict;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one metric statistic of one point moved.
 *
 * @param metric AIPerf's tag, e.g. {@code time_to_first_token}
 * @param stat {@code p50}, {@code p90}, {@code p99} or {@code avg}
 * @param baseline the baseline's value, in the metric's display unit; NaN when it has none
 * @param candidate the candidate's value; NaN when it has none
 * @param change the relative change and its interval
 * @param verdict what the change means, given the threshold
 * @param baselineCount requests (percentiles) or trials (point values) behind the baseline's value
 * @param candidateCount the same for the candidate
 * @param note why the verdict could not use an interval, or null
 */
public record MetricComparison(String metric, String stat, double baseline, double candidate, Change change,
        Verdict verdict, int baselineCount, int candidateCount, String note) {

    /** The object of {@code comparison.json}'s {@code metrics} array; NaN is written as null. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("metric", metric);
        json.put("stat", stat);
        json.put("baseline", number(baseline));
        json.put("candidate", number(candidate));
        json.put("changePct", number(change.changePct()));
        json.put("ciLowPct", number(change.lowPct()));
        json.put("ciHighPct", number(change.highPct()));
        json.put("verdict", verdict.json());
        json.put("baselineCount", baselineCount);
        json.put("candidateCount", candidateCount);
        if (note != null) {
            json.put("note", note);
        }
        return json;
    }

    /** A finite value rounded to 4 decimals, or null. */
    static Double number(double value) {
        return Double.isFinite(value) ? Math.round(value * 1e4) / 1e4 : null;
    }
}
