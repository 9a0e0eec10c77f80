package io.perfsweep.datagen;

import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Samples from the pure empirical distribution of integer data (Dynamo {@code sampler.py:EmpiricalSampler}): sorted
 * distinct values with a CDF of their counts, {@code data[searchsorted(cdf, u)]} for uniform {@code u}; empty data
 * samples 0. Dynamo gives each sampler its own {@code default_rng(0)}; here the caller passes the stream.
 */
final class EmpiricalSampler {

    private final long[] values;
    private final double[] cdf;

    EmpiricalSampler(long[] data) {
        TreeMap<Long, Long> counts = new TreeMap<>();
        for (long value : data) {
            counts.merge(value, 1L, Long::sum);
        }
        values = counts.keySet().stream().mapToLong(Long::longValue).toArray();
        cdf = Cdf.of(counts.values().stream().mapToLong(Long::longValue).toArray());
    }

    /** One draw from {@code random}; 0 when the sampler learnt from no data. */
    long sample(SplittableRandom random) {
        return values.length == 0 ? 0 : values[Cdf.searchLeft(cdf, random.nextDouble())];
    }
}
