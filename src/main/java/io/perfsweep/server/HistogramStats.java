package io.perfsweep.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AIPerf's histogram statistics over a window, from the deltas of {@code _count}, {@code _sum} and the buckets
 * between the reference scrape and the last one in the window. An empty window has {@code count} 0 and nothing
 * else.
 *
 * @param avg {@code sum / count}, exact
 * @param countRate observations per second, {@code null} when the window has no duration
 * @param sumRate sum per second ({@code ≈} mean concurrency for a latency histogram), {@code null} likewise
 * @param estimates {@code pN_estimate} per N of {@link #PERCENTILES}, empty when buckets are unusable (a reset)
 */
public record HistogramStats(long count, double sum, double avg, Double countRate, Double sumRate,
        Map<Integer, Double> estimates) implements SeriesStats {

    /** The percentiles estimated, as AIPerf names them {@code p1_estimate} … {@code p99_estimate}. */
    public static final List<Integer> PERCENTILES = List.of(1, 5, 10, 25, 50, 75, 90, 95, 99);

    public HistogramStats {
        estimates = Map.copyOf(estimates);
    }

    /** A window in which nothing was observed: {@code {"count": 0}}. */
    public static HistogramStats empty() {
        return new HistogramStats(0, 0, Double.NaN, null, null, Map.of());
    }

    public boolean isEmpty() {
        return count == 0;
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("count", count);
        if (isEmpty()) {
            return json;
        }
        json.put("sum", sum);
        json.put("avg", avg);
        json.put("count_rate", countRate);
        json.put("sum_rate", sumRate);
        for (int percentile : PERCENTILES) {
            Double estimate = estimates.get(percentile);
            if (estimate != null) {
                json.put("p" + percentile + "_estimate", estimate);
            }
        }
        return json;
    }
}
