package io.perfsweep.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {

    @Test
    void constantRateIsEvenlySpacedFromZero() {
        assertThat(ArrivalSchedule.constant(5, 5).offsetsNanos())
                .containsExactly(0L, 200_000_000L, 400_000_000L, 600_000_000L, 800_000_000L);
    }

    @Test
    void constantRateIsAbsoluteSoRoundingNeverAccumulates() {
        var schedule = ArrivalSchedule.constant(3, 3001);
        assertThat(schedule.offsetNanos(3000)).isEqualTo(1_000_000_000_000L);
        assertThat(schedule.offsetNanos(1)).isEqualTo(333_333_333L);
    }

    @Test
    void poissonGapsAverageOneOverTheRate() {
        var schedule = ArrivalSchedule.poisson(50, 20_001, 42);
        double meanGapSeconds = schedule.offsetNanos(20_000) / 1e9 / 20_000;
        assertThat(meanGapSeconds).isCloseTo(0.02, within(0.02 * 0.03));
        assertThat(schedule.offsetNanos(0)).isZero();
        for (int i = 1; i < schedule.size(); i++) {
            assertThat(schedule.offsetNanos(i)).isGreaterThanOrEqualTo(schedule.offsetNanos(i - 1));
        }
    }

    @Test
    void poissonGapsAreExponential() {
        // For an exponential distribution the standard deviation equals the mean.
        var schedule = ArrivalSchedule.poisson(10, 20_001, 7);
        double sum = 0;
        double squares = 0;
        for (int i = 1; i < schedule.size(); i++) {
            double gap = (schedule.offsetNanos(i) - schedule.offsetNanos(i - 1)) / 1e9;
            sum += gap;
            squares += gap * gap;
        }
        int n = schedule.size() - 1;
        double mean = sum / n;
        double std = Math.sqrt(squares / n - mean * mean);
        assertThat(std / mean).isCloseTo(1.0, within(0.05));
    }

    @Test
    void poissonIsReproducibleForASeedAndDiffersAcrossSeeds() {
        assertThat(ArrivalSchedule.poisson(2.5, 100, 9).offsetsNanos())
                .containsExactly(ArrivalSchedule.poisson(2.5, 100, 9).offsetsNanos());
        assertThat(ArrivalSchedule.poisson(2.5, 100, 9).offsetsNanos())
                .isNotEqualTo(ArrivalSchedule.poisson(2.5, 100, 10).offsetsNanos());
    }

    @Test
    void rejectsANonPositiveRate() {
        assertThatThrownBy(() -> ArrivalSchedule.constant(0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArrivalSchedule.poisson(Double.NaN, 3, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
