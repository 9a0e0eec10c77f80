package io.perfsweep.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The verdict rules on one change, at a 5 % threshold. */
class ChangeTest {

    private static final double T = 5;

    @Test
    void aLatencyRiseBeyondTheThresholdWithAnIntervalAbove0Regressed() {
        assertThat(new Change(8, 2, 14).verdict(Direction.LOWER_IS_BETTER, T)).isEqualTo(Verdict.REGRESSED);
        assertThat(new Change(-8, -14, -2).verdict(Direction.LOWER_IS_BETTER, T)).isEqualTo(Verdict.IMPROVED);
    }

    @Test
    void aThroughputFallIsTheRegression() {
        assertThat(new Change(-8, -14, -2).verdict(Direction.HIGHER_IS_BETTER, T)).isEqualTo(Verdict.REGRESSED);
        assertThat(new Change(8, 2, 14).verdict(Direction.HIGHER_IS_BETTER, T)).isEqualTo(Verdict.IMPROVED);
    }

    @Test
    void significantButWithinTheThresholdIsNotARegression() {
        // significant (interval above 0) but the estimate is below the threshold, and the interval reaches past it
        assertThat(new Change(4, 1, 7).verdict(Direction.LOWER_IS_BETTER, T)).isEqualTo(Verdict.INCONCLUSIVE);
        // the whole interval within ±5 %: unchanged, although significant
        assertThat(new Change(3, 1, 4.9).verdict(Direction.LOWER_IS_BETTER, T)).isEqualTo(Verdict.UNCHANGED);
    }

    @Test
    void beyondTheThresholdButNotSignificantIsInconclusive() {
        assertThat(new Change(12, -1, 25).verdict(Direction.LOWER_IS_BETTER, T)).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void withoutAnIntervalAChangeIsUnchangedWithinTheThresholdElseInconclusive() {
        assertThat(Change.withoutInterval(-4).verdict(Direction.HIGHER_IS_BETTER, T)).isEqualTo(Verdict.UNCHANGED);
        assertThat(Change.withoutInterval(-40).verdict(Direction.HIGHER_IS_BETTER, T))
                .isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(Change.withoutInterval(Double.NaN).verdict(Direction.HIGHER_IS_BETTER, T))
                .isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void theOverallVerdictIsTheWorstInThisOrder() {
        var r = Verdict.REGRESSED;
        var i = Verdict.INCONCLUSIVE;
        var b = Verdict.IMPROVED;
        var u = Verdict.UNCHANGED;
        assertThat(Verdict.overall(List.of(u, b, i, r))).isEqualTo(r);
        assertThat(Verdict.overall(List.of(u, b, i))).isEqualTo(i);
        assertThat(Verdict.overall(List.of(u, b))).isEqualTo(b);
        assertThat(Verdict.overall(List.of(u))).isEqualTo(u);
        assertThat(Verdict.overall(List.of())).isEqualTo(u);
    }
}
