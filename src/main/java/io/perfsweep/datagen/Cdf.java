package io.perfsweep.datagen;

/** Discrete CDFs as Dynamo builds and searches them ({@code sampler.py:get_cdf}, {@code sample_from_cdf}). */
final class Cdf {

    private Cdf() {
    }

    /** {@code cumsum(weights) / cumsum[-1]}; empty for no weights. Rejects an all-zero weight list. */
    static double[] of(long[] weights) {
        double[] cdf = new double[weights.length];
        long total = 0;
        for (int i = 0; i < weights.length; i++) {
            total += weights[i];
        }
        if (weights.length > 0 && total <= 0) {
            throw new IllegalArgumentException("a CDF needs a positive total weight");
        }
        long cumulative = 0;
        for (int i = 0; i < weights.length; i++) {
            cumulative += weights[i];
            cdf[i] = (double) cumulative / total;
        }
        return cdf;
    }

    /** {@code np.searchsorted(cdf, u)} (side "left"): the first index whose CDF value is ≥ {@code u}. */
    static int searchLeft(double[] cdf, double u) {
        int low = 0;
        int high = cdf.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cdf[middle] < u) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return Math.min(low, cdf.length - 1);
    }
}
