package io.perfsweep.verdict;

/**
 * A relative change of a candidate's value over its baseline's, {@code (candidate / baseline − 1) × 100}, with a
 * confidence interval around it when one could be computed.
 *
 * @param changePct the point estimate, in percent
 * @param lowPct the interval's lower bound, in percent; NaN when there is no interval
 * @param highPct the interval's upper bound, in percent; NaN when there is no interval
 */
public record Change(double changePct, double lowPct, double highPct) {

    /** A change without an interval (one trial, no per-request records). */
    public static Change withoutInterval(double changePct) {
        return new Change(changePct, Double.NaN, Double.NaN);
    }

    /** Whether the change has a confidence interval. */
    public boolean hasInterval() {
        return !Double.isNaN(lowPct) && !Double.isNaN(highPct);
    }

    /**
     * The verdict on this change. With an interval: regressed when the interval excludes 0 and the estimate lies
     * beyond the threshold in the bad direction; improved likewise in the good direction; unchanged when the whole
     * interval lies within ± the threshold; else inconclusive. Without an interval nothing can be significant: unchanged
     * when the estimate lies within ± the threshold, else inconclusive.
     */
    public Verdict verdict(Direction direction, double thresholdPct) {
        if (Double.isNaN(changePct)) {
            return Verdict.INCONCLUSIVE;
        }
        if (!hasInterval()) {
            return Math.abs(changePct) <= thresholdPct ? Verdict.UNCHANGED : Verdict.INCONCLUSIVE;
        }
        double worse = direction.worsening(changePct);
        double worseLow = Math.min(direction.worsening(lowPct), direction.worsening(highPct));
        double worseHigh = Math.max(direction.worsening(lowPct), direction.worsening(highPct));
        if (worseLow > 0 && worse > thresholdPct) {
            return Verdict.REGRESSED;
        }
        if (worseHigh < 0 && worse < -thresholdPct) {
            return Verdict.IMPROVED;
        }
        if (lowPct >= -thresholdPct && highPct <= thresholdPct) {
            return Verdict.UNCHANGED;
        }
        return Verdict.INCONCLUSIVE;
    }
}
