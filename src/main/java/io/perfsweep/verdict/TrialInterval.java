package io.perfsweep.verdict;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The relative change of a mean over trials (a throughput's per-trial values) with a Welch t interval: the change
 * is {@code (mean_c / mean_b − 1) × 100}; its standard error follows from the delta method,
 * {@code (mean_c / mean_b) · √(se_b² / mean_b² + se_c² / mean_c²)} with {@code se = s / √n} (sample standard
 * deviation), and its degrees of freedom from Welch–Satterthwaite on those two relative variances. It takes the trial
 * values as AIPerf's multi-run confidence does (server-side.md §4.1): each trial's point value is one sample.
 */
public final class TrialInterval {

    private TrialInterval() {
    }

    /**
     * The change of the mean from {@code baseline} to {@code candidate}, in percent.
     *
     * @param baseline one value per trial, at least two
     * @param candidate one value per trial, at least two
     * @param confidence the interval's coverage, e.g. 0.95
     * @return the change; without an interval (NaN) when the baseline's mean is not above 0
     */
    public static Change change(double[] baseline, double[] candidate, double confidence) {
        if (baseline.length < 2 || candidate.length < 2) {
            throw new IllegalArgumentException("an interval needs two trials or more on each side");
        }
        double meanB = mean(baseline);
        double meanC = mean(candidate);
        if (!(meanB > 0)) {
            return Change.withoutInterval(Double.NaN);
        }
        double ratio = meanC / meanB;
        double relB = variance(baseline, meanB) / baseline.length / (meanB * meanB);
        double relC = meanC == 0 ? 0 : variance(candidate, meanC) / candidate.length / (meanC * meanC);
        double changePct = (ratio - 1) * 100;
        double sePct = ratio * Math.sqrt(relB + relC) * 100;
        if (sePct == 0) {
            return new Change(changePct, changePct, changePct);
        }
        double df = (relB + relC) * (relB + relC)
                / (relB * relB / (baseline.length - 1) + relC * relC / (candidate.length - 1));
        double t = new TDistribution(df).inverseCumulativeProbability(1 - (1 - confidence) / 2);
        return new Change(changePct, changePct - t * sePct, changePct + t * sePct);
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** Sample variance, {@code n − 1} in the denominator. */
    private static double variance(double[] values, double mean) {
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return squares / (values.length - 1);
    }
}
