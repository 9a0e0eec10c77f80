package io.perfsweep.metrics;

import java.util.Arrays;
import java.util.Optional;

/**
 * Statistics of one record metric over a point, computed exactly as AIPerf's {@code MetricArray.to_result}
 * (Oct 2025): the mean, {@code np.std} (population standard deviation, {@code ddof=0}), min, max and
 * {@code np.percentile} with its default linear interpolation, plus {@code count} and {@code sum} (schema 1.1+).
 *
 * @param count number of values
 * @param sum sum of the values
 * @param avg arithmetic mean
 * @param std population standard deviation {@code sqrt(mean((x − avg)²))}
 */
public record MetricStats(long count, double sum, double avg, double min, double max, double p1, double p5,
        double p10, double p25, double p50, double p75, double p90, double p95, double p99, double std) {

    /** Statistics of the values, or empty when there are none (AIPerf then omits the metric). */
    public static Optional<MetricStats> of(double[] values) {
        if (values.length == 0) {
            return Optional.empty();
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        double avg = sum / values.length;
        return Optional.of(new MetricStats(values.length, sum, avg, sorted[0], sorted[sorted.length - 1],
                percentile(sorted, 1), percentile(sorted, 5), percentile(sorted, 10), percentile(sorted, 25),
                percentile(sorted, 50), percentile(sorted, 75), percentile(sorted, 90), percentile(sorted, 95),
                percentile(sorted, 99), populationStd(values, avg)));
    }

    /**
     * {@code np.percentile(a, p)} with method {@code linear}: the virtual index {@code (n − 1) × p / 100} is
     * interpolated between its two closest ranks, using numpy's {@code _lerp} so results match to the last bit.
     */
    public static double percentile(double[] sorted, double percent) {
        double virtualIndex = (sorted.length - 1) * (percent / 100);
        int below = (int) Math.floor(virtualIndex);
        int above = Math.min(below + 1, sorted.length - 1);
        double gamma = virtualIndex - below;
        return lerp(sorted[below], sorted[above], gamma);
    }

    private static double lerp(double a, double b, double t) {
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }

    private static double populationStd(double[] values, double avg) {
        double squares = 0;
        for (double value : values) {
            double deviation = value - avg;
            squares += deviation * deviation;
        }
        return Math.sqrt(squares / values.length);
    }

    /** The same statistics with every value converted from the metric's base unit to {@code unit}. */
    public MetricStats inUnit(DisplayUnit unit) {
        return new MetricStats(count, unit.fromBase(sum), unit.fromBase(avg), unit.fromBase(min), unit.fromBase(max),
                unit.fromBase(p1), unit.fromBase(p5), unit.fromBase(p10), unit.fromBase(p25), unit.fromBase(p50),
                unit.fromBase(p75), unit.fromBase(p90), unit.fromBase(p95), unit.fromBase(p99), unit.fromBase(std));
    }
}
