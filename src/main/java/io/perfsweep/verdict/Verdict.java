package io.perfsweep.verdict;

import java.util.Collection;
import java.util.Locale;

/** How a candidate moved against its baseline: for one metric, one point, or a whole comparison. */
public enum Verdict {
    /** Significantly worse, and by more than the threshold. */
    REGRESSED,
    /** Significantly better, and by more than the threshold. */
    IMPROVED,
    /** Neither, and the estimated change lies within ± the threshold. */
    UNCHANGED,
    /**
     * The data cannot tell: too few requests or trials to estimate the statistic, or an estimate beyond the threshold
     * that is not significant.
     */
    INCONCLUSIVE;

    /** The name written in {@code comparison.json} and the table: {@code regressed}, {@code improved}, … */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The verdict of several (a point's statistics, a comparison's points): regressed if any regressed; else improved
     * if any; else unchanged if any; else inconclusive (also when there are none). An inconclusive statistic (a p99
     * of too few requests, say) is listed with its own verdict but does not outweigh the statistics that were
     * decided: the whole is inconclusive only when nothing could be decided.
     */
    public static Verdict overall(Collection<Verdict> verdicts) {
        for (Verdict first : new Verdict[] { REGRESSED, IMPROVED, UNCHANGED }) {
            if (verdicts.contains(first)) {
                return first;
            }
        }
        return INCONCLUSIVE;
    }
}
