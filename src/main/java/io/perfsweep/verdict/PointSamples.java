package io.perfsweep.verdict;

import java.util.Map;

/**
 * What the regression gate reads of one point of a run.
 *
 * @param label the point's load, as its folder is named: {@code c10}, {@code r2.5}, {@code replay-x1}
 * @param requests per metric tag, the values of the point's valid requests (every trial's, pooled), in one unit per
 *        tag
 * @param trials per metric tag, the point value ({@code avg}) of each trial, e.g. {@code output_token_throughput};
 *        and per latency percentile, keyed as {@link #summary} ({@code "time_to_first_token.p99"}), each trial's
 *        percentile (AIPerf's run-level values), and each trial's count of values ({@value #COUNT}), present when the
 *        point ran several trials
 * @param summary per metric tag and statistic ({@code "time_to_first_token.p99"}), the point's summary value
 *        (averaged over trials): what the gate falls back on when a point has no per-request records
 */
public record PointSamples(String label, Map<String, double[]> requests, Map<String, double[]> trials,
        Map<String, Double> summary) {

    public PointSamples {
        requests = Map.copyOf(requests);
        trials = Map.copyOf(trials);
        summary = Map.copyOf(summary);
    }

    /** The statistic of {@link #trials} that holds each trial's count of values of a latency tag. */
    public static final String COUNT = "count";

    /**
     * The fewest values of {@code tag} any trial had, or {@link Integer#MAX_VALUE} when the trials do not say (older
     * exports): a percentile judged over trials is one value per trial, so each trial must be able to estimate it.
     */
    public int fewestPerTrial(String tag) {
        double[] counts = trials.get(key(tag, COUNT));
        if (counts == null || counts.length == 0) {
            return Integer.MAX_VALUE;
        }
        double fewest = Double.MAX_VALUE;
        for (double count : counts) {
            fewest = Math.min(fewest, count);
        }
        return (int) fewest;
    }

    /** The key of {@link #summary} for a tag and a statistic. */
    public static String key(String tag, String stat) {
        return tag + "." + stat;
    }

    /** How many trials the point ran: the most values any trial metric has, at least 1. */
    public int trialCount() {
        return trials.values().stream().mapToInt(v -> v.length).max().orElse(1);
    }
}
