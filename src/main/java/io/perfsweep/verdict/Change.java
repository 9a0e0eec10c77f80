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
     * The verdict on this change, with threshold T:
     * <ul>
     * <li>regressed: significant (the interval excludes 0, on the bad side) and the estimate beyond T in the bad
     * direction; improved likewise in the good direction;</li>
     * <li>unchanged: not that, and the estimate within ±T (whether or not the interval is);</li>
     * <li>inconclusive: no estimate (NaN), or an estimate beyond T that is not significant: the data cannot tell
     * whether the change is real.</li>
     * </ul>
     * Without an interval nothing is significant: unchanged within ±T, else inconclusive. "Unchanged" is the
     * estimate's reading, not a proof of equivalence (which needs the whole interval within ±T and, on a shared
     * machine, far more requests than a benchmark runs): a rerun of the same server says unchanged, a real change
     * beyond T that the data can show says regressed or improved, and one they cannot show says inconclusive.
     */
    public Verdict verdict(Direction direction, double thresholdPct) {
        if (Double.isNaN(changePct)) {
            return Verdict.INCONCLUSIVE;
        }
        double worse = direction.worsening(changePct);
        if (hasInterval()) {
            double worseLow = Math.min(direction.worsening(lowPct), direction.worsening(highPct));
            double worseHigh = Math.max(direction.worsening(lowPct), direction.worsening(highPct));
            if (worseLow > 0 && worse > thresholdPct) {
                return Verdict.REGRESSED;
            }
            if (worseHigh < 0 && worse < -thresholdPct) {
                return Verdict.IMPROVED;
            }
        }
        return Math.abs(changePct) <= thresholdPct ? Verdict.UNCHANGED : Verdict.INCONCLUSIVE;
    }
}
