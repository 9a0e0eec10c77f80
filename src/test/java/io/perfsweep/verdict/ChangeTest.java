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
    void significantButWithinTheThresholdIsUnchanged() {
        // significant (interval above 0) but the estimate is below the threshold, and the interval reaches past it
        assertThat(new Change(4, 1, 7).verdict(Direction.LOWER_IS_BETTER, T)).isEqualTo(Verdict.UNCHANGED);
        assertThat(new Change(3, 1, 4.9).verdict(Direction.LOWER_IS_BETTER, T)).isEqualTo(Verdict.UNCHANGED);
    }

    @Test
    void aSmallEstimateWithAWideIntervalIsUnchanged() {
        // the rerun of the same mock measured in docs/compare.md: TTFT p50 −4.7 %, interval −15.3…+5.8 %
        assertThat(new Change(-4.7, -15.3, 5.8).verdict(Direction.LOWER_IS_BETTER, T)).isEqualTo(Verdict.UNCHANGED);
        assertThat(new Change(5, -15, 25).verdict(Direction.LOWER_IS_BETTER, T)).isEqualTo(Verdict.UNCHANGED);
    }

    @Test
    void beyondTheThresholdButNotSignificantIsInconclusive() {
        assertThat(new Change(12, -1, 25).verdict(Direction.LOWER_IS_BETTER, T)).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(new Change(-12, -25, 1).verdict(Direction.LOWER_IS_BETTER, T)).isEqualTo(Verdict.INCONCLUSIVE);
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
    void theOverallVerdictIsRegressedThenImprovedThenUnchangedAndInconclusiveOnlyWhenNothingWasDecided() {
        var r = Verdict.REGRESSED;
        var i = Verdict.INCONCLUSIVE;
        var b = Verdict.IMPROVED;
        var u = Verdict.UNCHANGED;
        assertThat(Verdict.overall(List.of(u, b, i, r))).isEqualTo(r);
        assertThat(Verdict.overall(List.of(u, b, i))).isEqualTo(b);
        assertThat(Verdict.overall(List.of(u, i))).isEqualTo(u);
        assertThat(Verdict.overall(List.of(i, u))).isEqualTo(u);
        assertThat(Verdict.overall(List.of(u))).isEqualTo(u);
        assertThat(Verdict.overall(List.of(i, i))).isEqualTo(i);
        assertThat(Verdict.overall(List.of())).isEqualTo(i);
    }
}
