package io.perfsweep.load;

import java.util.List;

/** The points of a closed-loop concurrency sweep, run in order, one after another. */
public record SweepPlan(List<LoadPoint> points) {

    /** Dynamo's default concurrency levels ({@code benchmarks/utils/aiperf.py}). */
    public static final List<Integer> DEFAULT_CONCURRENCIES = List.of(1, 2, 5, 10, 50, 100, 250);

    public SweepPlan {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one point");
        }
        points = List.copyOf(points);
    }

    /**
     * A concurrency sweep.
     *
     * @param concurrencies levels in the order they run
     * @param requestCount requests per level, or null for Dynamo's default {@code max(3·c, 10)}
     * @param warmupRequestCount warm-up requests per level, kept out of results
     */
    public static SweepPlan concurrencySweep(List<Integer> concurrencies, Integer requestCount, int warmupRequestCount) {
        return new SweepPlan(concurrencies.stream()
                .map(c -> new LoadPoint(c, requestCount != null ? requestCount : defaultRequestCount(c),
                        warmupRequestCount))
                .toList());
    }

    /** Dynamo's default request count for a concurrency level: three requests per slot, at least ten. */
    public static int defaultRequestCount(int concurrency) {
        return Math.max(3 * concurrency, 10);
    }
}
