package io.perfsweep.verdict;

import java.util.Arrays;
import java.util.random.RandomGenerator;

import io.perfsweep.metrics.MetricStats;

/**
 * The relative change of a percentile between two sets of per-request values (a latency's p50, p90 or p99), with a
 * two-sample percentile-bootstrap confidence interval: each resample draws the baseline's n values and the
 * candidate's m values with replacement, takes the percentile of each as AIPerf does ({@code np.percentile},
 * linear), and records {@code (candidate / baseline − 1) × 100}; the interval is the middle {@code confidence} of
 * those changes.
 * <p>
 * A resample is never built. Its k-th smallest value is the sample's {@code ⌈n·U⌉}-th smallest, where {@code U} is
 * the k-th smallest of n uniforms, which is {@code Beta(k, n − k + 1)}; the next one above it follows from the
 * minimum of the {@code n − k} uniforms left. Drawing those two order statistics gives exactly the distribution of
 * the resample's percentile, in constant time whatever n is, so a bootstrap of 100 000 resamples (what the far bounds
 * of a simultaneous interval need) costs milliseconds even at 10 000 requests. The Beta variate is the ratio of two
 * Gamma variates, each drawn by Marsaglia and Tsang's method (ACM TOMS 26(3), 2000), about 0.1 µs a draw.
 */
public final class PercentileBootstrap {

    private PercentileBootstrap() {
    }

    /**
     * The change of the {@code percent} percentile from {@code baseline} to {@code candidate}, in percent.
     *
     * @param baseline per-request values of the baseline, at least one, any order
     * @param candidate per-request values of the candidate, at least one, any order
     * @param percent 0 to 100, e.g. 99 for p99
     * @param confidence the interval's coverage, e.g. 0.95
     * @param resamples how many resamples the interval is read from
     * @param rng the seeded source of the resamples
     * @return the change; without an interval (NaN) when the baseline's percentile is not above 0
     */
    public static Change change(double[] baseline, double[] candidate, double percent, double confidence,
            int resamples, RandomGenerator rng) {
        double[] base = sorted(baseline);
        double[] cand = sorted(candidate);
        double baseValue = MetricStats.percentile(base, percent);
        double candValue = MetricStats.percentile(cand, percent);
        if (!(baseValue > 0)) {
            return Change.withoutInterval(Double.NaN);
        }
        Resampler baseResampler = new Resampler(base, percent, rng);
        Resampler candResampler = new Resampler(cand, percent, rng);
        double[] changes = new double[resamples];
        for (int i = 0; i < resamples; i++) {
            double b = baseResampler.next();
            double c = candResampler.next();
            changes[i] = b > 0 ? (c / b - 1) * 100 : Double.POSITIVE_INFINITY;
        }
        Arrays.sort(changes);
        double tail = (1 - confidence) / 2 * 100;
        return new Change((candValue / baseValue - 1) * 100, MetricStats.percentile(changes, tail),
                MetricStats.percentile(changes, 100 - tail));
    }

    /** The value of the percentile in a value set. */
    public static double percentile(double[] values, double percent) {
        return MetricStats.percentile(sorted(values), percent);
    }

    private static double[] sorted(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    /** Draws the percentile of one resample of a sorted sample. */
    static final class Resampler {

        private final double[] sorted;
        private final int n;
        /** 1-based rank of the order statistic at or below the percentile's virtual index. */
        private final int k;
        private final double gamma;
        private final RandomGenerator rng;

        Resampler(double[] sorted, double percent, RandomGenerator rng) {
            this.sorted = sorted;
            this.n = sorted.length;
            double virtualIndex = (n - 1) * (percent / 100);
            int below = (int) Math.floor(virtualIndex);
            this.k = below + 1;
            this.gamma = virtualIndex - below;
            this.rng = rng;
        }

        /** The percentile of a fresh resample of n values drawn with replacement. */
        double next() {
            double below = gamma(k, rng);
            double u = below / (below + gamma(n - k + 1, rng));
            double atK = valueAt(u);
            if (gamma == 0 || k == n) {
                return atK;
            }
            // the smallest of the n − k uniforms above u: u + (1 − u)·(1 − V^(1/(n − k)))
            double uNext = u - (1 - u) * Math.expm1(Math.log(rng.nextDouble()) / (n - k));
            double atNext = valueAt(uNext);
            return atK + (atNext - atK) * gamma;
        }

        /** A {@code Gamma(shape, 1)} variate, shape at least 1, by Marsaglia and Tsang's squeeze and rejection. */
        static double gamma(double shape, RandomGenerator rng) {
            double d = shape - 1.0 / 3;
            double c = 1 / Math.sqrt(9 * d);
            while (true) {
                double x;
                double v;
                do {
                    x = rng.nextGaussian();
                    v = 1 + c * x;
                } while (v <= 0);
                v = v * v * v;
                double u = rng.nextDouble();
                double x2 = x * x;
                if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
                    return d * v;
                }
            }
        }

        /** {@code F⁻¹(u)} of the sample: its {@code ⌈n·u⌉}-th smallest value. */
        private double valueAt(double u) {
            int rank = (int) Math.ceil(n * u);
            return sorted[Math.min(Math.max(rank, 1), n) - 1];
        }
    }
}
