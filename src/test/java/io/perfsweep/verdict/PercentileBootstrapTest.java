package io.perfsweep.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.perfsweep.metrics.MetricStats;

class PercentileBootstrapTest {

    /**
     * The shortcut (two order statistics drawn from their Beta laws) has the distribution of the percentile of a
     * resample built by drawing n values with replacement: compared by their quantiles over 40 000 draws each.
     */
    @Test
    void drawnPercentilesAreDistributedLikeThoseOfBuiltResamples() {
        SplittableRandom values = new SplittableRandom(1);
        double[] sorted = Samples.logNormal(values, 45, 100, 0.4, 1);
        Arrays.sort(sorted);
        for (double percent : new double[] { 50, 90, 99 }) {
            int draws = 40_000;
            var resampler = new PercentileBootstrap.Resampler(sorted, percent, new SplittableRandom(2));
            double[] drawn = new double[draws];
            double[] built = new double[draws];
            SplittableRandom pick = new SplittableRandom(3);
            double[] resample = new double[sorted.length];
            for (int i = 0; i < draws; i++) {
                drawn[i] = resampler.next();
                for (int j = 0; j < resample.length; j++) {
                    resample[j] = sorted[pick.nextInt(sorted.length)];
                }
                Arrays.sort(resample);
                built[i] = MetricStats.percentile(resample, percent);
            }
            Arrays.sort(drawn);
            Arrays.sort(built);
            double spread = built[(int) (draws * 0.975)] - built[(int) (draws * 0.025)];
            for (double q : new double[] { 2.5, 10, 25, 50, 75, 90, 97.5 }) {
                assertThat(MetricStats.percentile(drawn, q)).as("p%s of resampled p%s", q, percent)
                        .isCloseTo(MetricStats.percentile(built, q), within(spread * 0.05));
            }
        }
    }

    @Test
    void theChangeIsThatOfThePercentilesAndItsIntervalSurroundsIt() {
        SplittableRandom rng = new SplittableRandom(4);
        double[] baseline = Samples.logNormal(rng, 500, 100, 0.2, 1);
        double[] candidate = Samples.logNormal(rng, 500, 100, 0.2, 1.2);

        Change change = PercentileBootstrap.change(baseline, candidate, 90, 0.95, 2000, new SplittableRandom(5));

        double expected = (PercentileBootstrap.percentile(candidate, 90) / PercentileBootstrap.percentile(baseline,
                90) - 1) * 100;
        assertThat(change.changePct()).isCloseTo(expected, within(1e-9));
        assertThat(change.lowPct()).isLessThan(change.changePct()).isGreaterThan(0);
        assertThat(change.highPct()).isGreaterThan(change.changePct());
        // p90's standard error of a log-normal, σ = 0.2, 500 a side: ≈ 2.8 %, so the 95 % interval is ≈ ±11 %
        assertThat(change.highPct() - change.lowPct()).isBetween(6.0, 18.0);
    }

    @Test
    void theSameSeedGivesTheSameInterval() {
        SplittableRandom rng = new SplittableRandom(6);
        double[] baseline = Samples.logNormal(rng, 300, 100, 0.3, 1);
        double[] candidate = Samples.logNormal(rng, 300, 100, 0.3, 1);

        assertThat(PercentileBootstrap.change(baseline, candidate, 99, 0.95, 2000, new SplittableRandom(7)))
                .isEqualTo(PercentileBootstrap.change(baseline, candidate, 99, 0.95, 2000, new SplittableRandom(7)));
    }

    @Test
    void aBaselineOfZerosGivesNoChange() {
        Change change = PercentileBootstrap.change(new double[] { 0, 0, 0 }, new double[] { 1, 1, 1 }, 50, 0.95,
                200, new SplittableRandom(8));

        assertThat(change.hasInterval()).isFalse();
        assertThat(change.verdict(Direction.LOWER_IS_BETTER, 5)).isEqualTo(Verdict.INCONCLUSIVE);
    }
}
