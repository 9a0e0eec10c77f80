package io.perfsweep.metrics;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * One metric statistic over a point's trials, as AIPerf's multi-run confidence reports it (server-side.md §4.1): the
 * run-level values x₁…xₙ (each trial's p99 TTFT, each trial's throughput, …) are the samples, not the pooled
 * requests.
 * <ul>
 * <li>{@code mean = Σx / n}; {@code std = √(Σ(x − mean)² / (n − 1))}; {@code min}, {@code max};</li>
 * <li>{@code cv = std / |mean|} (a ratio; infinite when the mean is 0); {@code se = std / √n};</li>
 * <li>{@code t_critical = t.ppf(1 − α / 2, n − 1)} with {@code α = 1 − level};
 * {@code ci_low, ci_high = mean ∓ t_critical · se}.</li>
 * </ul>
 * With one value AIPerf reports it with {@code std}, {@code cv} and {@code se} 0, the interval collapsed on the mean
 * and {@code t_critical} NaN (no interval); so does this.
 *
 * @param n how many trials had a value
 */
public record TrialConfidence(int n, double mean, double std, double min, double max, double cv, double se,
        double ciLow, double ciHigh, double tCritical) {

    /** AIPerf's default confidence level. */
    public static final double DEFAULT_LEVEL = 0.95;

    /**
     * The statistics of {@code values}, one per trial.
     *
     * @param level the interval's confidence, strictly between 0 and 1
     * @throws IllegalArgumentException when there is no value or the level is out of range
     */
    public static TrialConfidence of(double[] values, double level) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no trial value");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must lie between 0 and 1, was " + level);
        }
        DescriptiveStatistics stats = new DescriptiveStatistics(values);
        double mean = stats.getMean();
        if (values.length == 1) {
            return new TrialConfidence(1, mean, 0, mean, mean, 0, 0, mean, mean, Double.NaN);
        }
        double std = stats.getStandardDeviation(); // n − 1 in the denominator
        double se = std / Math.sqrt(values.length);
        double t = new TDistribution(values.length - 1).inverseCumulativeProbability(1 - (1 - level) / 2);
        double cv = mean == 0 ? Double.POSITIVE_INFINITY : std / Math.abs(mean);
        return new TrialConfidence(values.length, mean, std, stats.getMin(), stats.getMax(), cv, se, mean - t * se,
                mean + t * se, t);
    }

    /**
     * AIPerf's reading of the coefficient of variation: {@code excellent} below 5 %, {@code good} to 10 %,
     * {@code fair} to 20 %, else {@code high}.
     */
    public String cvBand() {
        return cv < 0.05 ? "excellent" : cv < 0.10 ? "good" : cv < 0.20 ? "fair" : "high";
    }
}
