package io.perfsweep.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class MetricStatsTest {

    private static final Offset<Double> EXACT = within(1e-12);

    @Test
    void fourValuesMatchNumpy() {
        // np.percentile([1,2,3,4], [1,5,10,25,50,75,90,95,99]) and np.std([1,2,3,4])
        MetricStats stats = MetricStats.of(new double[] { 4, 1, 3, 2 }).orElseThrow();
        assertThat(stats.count()).isEqualTo(4);
        assertThat(stats.sum()).isEqualTo(10.0);
        assertThat(stats.avg()).isEqualTo(2.5);
        assertThat(stats.min()).isEqualTo(1.0);
        assertThat(stats.max()).isEqualTo(4.0);
        assertThat(stats.p1()).isCloseTo(1.03, EXACT);
        assertThat(stats.p5()).isCloseTo(1.15, EXACT);
        assertThat(stats.p10()).isCloseTo(1.3, EXACT);
        assertThat(stats.p25()).isEqualTo(1.75);
        assertThat(stats.p50()).isEqualTo(2.5);
        assertThat(stats.p75()).isEqualTo(3.25);
        assertThat(stats.p90()).isCloseTo(3.7, EXACT);
        assertThat(stats.p95()).isCloseTo(3.85, EXACT);
        assertThat(stats.p99()).isCloseTo(3.97, EXACT);
        assertThat(stats.std()).isCloseTo(1.118033988749895, EXACT);
    }

    @Test
    void stdIsPopulationNotSample() {
        // np.std([2,4,4,4,5,5,7,9]) = 2.0; the sample std would be 2.138
        MetricStats stats = MetricStats.of(new double[] { 2, 4, 4, 4, 5, 5, 7, 9 }).orElseThrow();
        assertThat(stats.std()).isEqualTo(2.0);
        assertThat(stats.avg()).isEqualTo(5.0);
        // virtual index 0.25 × 7 = 1.75 → 4 + 0.75 × 0 = 4; 0.9 × 7 = 6.3 → 7 + 0.3 × 2 = 7.6
        assertThat(stats.p25()).isEqualTo(4.0);
        assertThat(stats.p90()).isCloseTo(7.6, EXACT);
    }

    @Test
    void oneValueIsEveryStatistic() {
        MetricStats stats = MetricStats.of(new double[] { 7 }).orElseThrow();
        assertThat(stats.p1()).isEqualTo(7.0);
        assertThat(stats.p99()).isEqualTo(7.0);
        assertThat(stats.std()).isZero();
    }

    @Test
    void noValuesIsNoStatistics() {
        assertThat(MetricStats.of(new double[0])).isEmpty();
    }

    @Test
    void percentileInterpolatesBetweenClosestRanks() {
        double[] sorted = { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110 };
        // (11 − 1) × 0.99 = 9.9 → 100 + 0.9 × 10
        assertThat(MetricStats.percentile(sorted, 99)).isCloseTo(109.0, EXACT);
        assertThat(MetricStats.percentile(sorted, 5)).isCloseTo(15.0, EXACT);
        assertThat(MetricStats.percentile(sorted, 100)).isEqualTo(110.0);
        assertThat(MetricStats.percentile(sorted, 0)).isEqualTo(10.0);
    }

    @Test
    void convertsNanosToMilliseconds() {
        MetricStats ms = MetricStats.of(new double[] { 1_000_000, 3_000_000 }).orElseThrow()
                .inUnit(DisplayUnit.MILLISECONDS);
        assertThat(ms.avg()).isEqualTo(2.0);
        assertThat(ms.sum()).isEqualTo(4.0);
        assertThat(ms.std()).isEqualTo(1.0);
        assertThat(ms.count()).isEqualTo(2);
    }
}
