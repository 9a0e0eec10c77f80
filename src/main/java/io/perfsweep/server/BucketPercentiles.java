package io.perfsweep.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Percentile estimates from cumulative bucket counts, by Prometheus' {@code histogram_quantile}: find the bucket
 * holding rank {@code q × count} and interpolate linearly within it (the first bucket starts at 0 when its bound is
 * positive; a rank in {@code +Inf} yields the highest finite bound).
 *
 * <p>
 * AIPerf refines this with a "polynomial histogram" (per-bucket means learned from scrapes where all new
 * observations fell into one bucket, synthetic observations nudged to match the exact sum) and claims about 5× lower
 * error. perfsweep does not reproduce that, so its {@code pN_estimate} values are the plain interpolation and will
 * differ from AIPerf's for the same buckets.
 */
final class BucketPercentiles {

    private BucketPercentiles() {
    }

    /**
     * The estimate of {@code percent} (0–100), or {@code NaN} when the buckets do not end in {@code +Inf}, have no
     * finite bound, or hold no observation.
     */
    static double estimate(NavigableMap<Double, Long> cumulative, double percent) {
        List<Map.Entry<Double, Long>> buckets = new ArrayList<>(cumulative.entrySet());
        int n = buckets.size();
        if (n < 2 || buckets.get(n - 1).getKey() != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        long observations = buckets.get(n - 1).getValue();
        if (observations <= 0) {
            return Double.NaN;
        }
        double rank = percent / 100 * observations;
        int b = 0;
        while (b < n - 1 && buckets.get(b).getValue() < rank) {
            b++;
        }
        if (b == n - 1) {
            return buckets.get(n - 2).getKey();
        }
        double upper = buckets.get(b).getKey();
        if (b == 0 && upper <= 0) {
            return upper;
        }
        double lower = b == 0 ? 0 : buckets.get(b - 1).getKey();
        long below = b == 0 ? 0 : buckets.get(b - 1).getValue();
        long inBucket = buckets.get(b).getValue() - below;
        return lower + (upper - lower) * ((rank - below) / inBucket);
    }
}
