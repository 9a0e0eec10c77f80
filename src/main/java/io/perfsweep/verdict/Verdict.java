package io.perfsweep.verdict;

import java.util.Collection;
import java.util.Locale;

/** How a candidate moved against its baseline: for one metric, one point, or a whole comparison. */
public enum Verdict {
    /** Significantly worse, and by more than the threshold. */
    REGRESSED,
    /** Significantly better, and by more than the threshold. */
    IMPROVED,
    /** The whole confidence interval lies within ± the threshold. */
    UNCHANGED,
    /** None of the above: too few requests, or an interval too wide to tell. */
    INCONCLUSIVE;

    /** The name written in {@code comparison.json} and the table: {@code regressed}, {@code improved}, … */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The verdict of several: regressed if any regressed; else inconclusive if any; else improved if any; else
     * unchanged (also when there are none).
     */
    public static Verdict overall(Collection<Verdict> verdicts) {
        for (Verdict worst : new Verdict[] { REGRESSED, INCONCLUSIVE, IMPROVED }) {
            if (verdicts.contains(worst)) {
                return worst;
            }
        }
        return UNCHANGED;
    }
}
