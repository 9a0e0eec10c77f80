package io.perfsweep.datagen;

import java.util.Arrays;

/**
 * The numpy reductions Dynamo's {@code logging_utils.py} calls, reproduced to the last bit for float64 input.
 *
 * <p>
 * {@code np.sum}/{@code np.mean} use numpy's pairwise summation ({@code pairwise_sum} in
 * {@code numpy/_core/src/umath/loops_utils.h.src}: 8 accumulators up to 128 elements, halving above); integer columns
 * are summed exactly (their sums stay below 2^53). {@code np.std} is the population form
 * {@code sqrt(sum((x - mean)^2) / n)} ({@code numpy/_core/_methods.py:_var}). {@code np.percentile} uses the
 * default "linear" method with numpy's {@code _lerp}; {@code np.median} averages the two middle values.
 */
final class NumpyStatistics {

    private static final int PAIRWISE_BLOCK = 128;

    private NumpyStatistics() {
    }

    /** {@code np.sum} of a float64 array (pairwise). */
    static double pairwiseSum(double[] values) {
        return values.length == 0 ? 0.0 : 0.0 + pairwise(values, 0, values.length);
    }

    private static double pairwise(double[] a, int from, int n) {
        if (n < 8) {
            double sum = -0.0;
            for (int i = 0; i < n; i++) {
                sum += a[from + i];
            }
            return sum;
        }
        if (n <= PAIRWISE_BLOCK) {
            return unrolledSum(a, from, n);
        }
        int half = n / 2;
        half -= half % 8;
        return pairwise(a, from, half) + pairwise(a, from + half, n - half);
    }

    private static double unrolledSum(double[] a, int from, int n) {
        double[] r = Arrays.copyOfRange(a, from, from + 8);
        int i = 8;
        for (; i < n - (n % 8); i += 8) {
            for (int j = 0; j < 8; j++) {
                r[j] += a[from + i + j];
            }
        }
        double sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; i++) {
            sum += a[from + i];
        }
        return sum;
    }

    /** {@code np.mean}: the sum divided by the count; exact integer sums when {@code integral}. */
    static double mean(double[] values, boolean integral) {
        double sum = integral ? exactIntegerSum(values) : pairwiseSum(values);
        return sum / values.length;
    }

    private static double exactIntegerSum(double[] values) {
        long sum = 0;
        for (double value : values) {
            sum += (long) value;
        }
        return sum;
    }

    /** {@code np.std} with {@code ddof=0}. */
    static double populationStdDev(double[] values, boolean integral) {
        double mean = mean(values, integral);
        double[] squares = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double deviation = values[i] - mean;
            squares[i] = deviation * deviation;
        }
        return Math.sqrt(pairwiseSum(squares) / values.length);
    }

    /** {@code np.percentile(values, q)} with the default linear method; {@code sorted} must be ascending. */
    static double percentile(double[] sorted, double q) {
        double virtualIndex = (sorted.length - 1) * (q / 100.0);
        double previous = Math.floor(virtualIndex);
        double gamma = virtualIndex - previous;
        int below = (int) previous;
        int above = Math.min(below + 1, sorted.length - 1);
        return lerp(sorted[below], sorted[above], gamma);
    }

    private static double lerp(double a, double b, double t) {
        double difference = b - a;
        return t >= 0.5 ? b - difference * (1 - t) : a + difference * t;
    }

    /** {@code np.median}: the middle value, or the mean of the two middle values. */
    static double median(double[] sorted) {
        int half = sorted.length / 2;
        if (sorted.length % 2 == 1) {
            return sorted[half];
        }
        return (sorted[half - 1] + sorted[half]) / 2;
    }
}
