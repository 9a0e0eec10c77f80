package io.perfsweep.verdict;

import java.util.ArrayList;
import java.util.List;

/**
 * One metric statistic the regression gate judges, by its AIPerf tag and statistic: a latency percentile computed
 * from per-request values, or a throughput's point value ({@code avg}) compared over trials.
 *
 * @param tag AIPerf's metric tag, e.g. {@code time_to_first_token}
 * @param stat {@code p50}, {@code p90}, {@code p99}, or {@code avg} for a point value
 * @param direction which way the metric gets better
 */
public record GatedMetric(String tag, String stat, Direction direction) {

    /** Per-request latencies, each judged at these percentiles. */
    public static final List<String> LATENCY_TAGS = List.of("time_to_first_token", "inter_token_latency",
            "request_latency");
    /** Point values, one per trial; {@code goodput} only where both sides have it (an SLO was set). */
    public static final List<String> THROUGHPUT_TAGS = List.of("output_token_throughput", "goodput");
    /** The percentiles judged. */
    public static final List<String> PERCENTILES = List.of("p50", "p90", "p99");

    /** Every statistic the gate judges, in the order of the table. */
    public static final List<GatedMetric> ALL = all();

    /** Whether this statistic is a percentile of per-request values. */
    public boolean perRequest() {
        return stat.startsWith("p");
    }

    /** The percentile, e.g. 99 for {@code p99}. */
    public double percent() {
        return Double.parseDouble(stat.substring(1));
    }

    private static List<GatedMetric> all() {
        List<GatedMetric> all = new ArrayList<>();
        for (String tag : LATENCY_TAGS) {
            PERCENTILES.forEach(p -> all.add(new GatedMetric(tag, p, Direction.LOWER_IS_BETTER)));
        }
        THROUGHPUT_TAGS.forEach(tag -> all.add(new GatedMetric(tag, "avg", Direction.HIGHER_IS_BETTER)));
        return List.copyOf(all);
    }
}
