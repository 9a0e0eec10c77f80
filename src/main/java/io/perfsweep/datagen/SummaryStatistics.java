package io.perfsweep.datagen;

import java.util.Arrays;
import java.util.List;

/**
 * One row of Dynamo's statistics table ({@code logging_utils.py:calculate_and_print_statistics}): {@code np.mean},
 * {@code np.std} (population), {@code np.min}, {@code np.percentile} 25, {@code np.median}, {@code np.percentile} 75,
 * {@code np.max}, computed exactly as numpy does (see {@link NumpyStatistics}).
 *
 * @param count number of values
 * @param mean arithmetic mean
 * @param stdDev population standard deviation (ddof 0)
 * @param min smallest value
 * @param p25 25th percentile, linear interpolation
 * @param median median
 * @param p75 75th percentile, linear interpolation
 * @param max largest value
 * @param integral whether the input was integer-valued (numpy int64: min and max then print without ".0")
 */
public record SummaryStatistics(int count, double mean, double stdDev, double min, double p25, double median,
        double p75, double max, boolean integral) {

    /** Statistics of integer values (lengths in tokens). Empty input is rejected: numpy has no min of nothing. */
    public static SummaryStatistics ofIntegers(List<? extends Number> values) {
        double[] array = new double[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i).longValue();
        }
        return of(array, true);
    }

    /** Statistics of float64 values (rates). Empty input is rejected. */
    public static SummaryStatistics ofDoubles(double[] values) {
        return of(values.clone(), false);
    }

    private static SummaryStatistics of(double[] values, boolean integral) {
        if (values.length == 0) {
            throw new IllegalArgumentException("statistics of an empty list are undefined");
        }
        double mean = NumpyStatistics.mean(values, integral);
        double stdDev = NumpyStatistics.populationStdDev(values, integral);
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new SummaryStatistics(values.length, mean, stdDev, sorted[0], NumpyStatistics.percentile(sorted, 25),
                NumpyStatistics.median(sorted), NumpyStatistics.percentile(sorted, 75), sorted[sorted.length - 1],
                integral);
    }
}
