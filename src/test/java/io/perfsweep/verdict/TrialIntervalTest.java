package io.perfsweep.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TrialIntervalTest {

    @Test
    void threeTrialsASideWithTheSameSpreadUseFourDegreesOfFreedom() {
        // equal n and equal relative variance: Welch's df is 2(n − 1) = 4, t(0.975, 4) = 2.776 (AIPerf's n = 5 value)
        // se of the change = 1.1 · √(2 · (4/3) / 100²) = 1.7963 %
        Change change = TrialInterval.change(new double[] { 98, 100, 102 }, new double[] { 107.8, 110, 112.2 },
                0.95);

        assertThat(change.changePct()).isCloseTo(10, within(1e-9));
        assertThat(change.highPct() - change.changePct()).isCloseTo(2.7764 * 1.79629, within(1e-3));
        assertThat(change.changePct() - change.lowPct()).isCloseTo(change.highPct() - change.changePct(),
                within(1e-9));
    }

    @Test
    void trialsThatAgreeExactlyGiveAnIntervalOfWidthZero() {
        Change change = TrialInterval.change(new double[] { 200, 200 }, new double[] { 180, 180 }, 0.95);

        assertThat(change.changePct()).isCloseTo(-10, within(1e-9));
        assertThat(change.lowPct()).isEqualTo(change.changePct()).isEqualTo(change.highPct());
        assertThat(change.verdict(Direction.HIGHER_IS_BETTER, 5)).isEqualTo(Verdict.REGRESSED);
    }

    @Test
    void oneTrialGivesNoInterval() {
        assertThatThrownBy(() -> TrialInterval.change(new double[] { 1 }, new double[] { 1, 2 }, 0.95))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
