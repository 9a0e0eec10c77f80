package io.perfsweep.load;

import java.util.List;

/** The points of a sweep (closed-loop concurrency or open-loop rate points), run in order, one after another. */
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

    /**
     * An open-loop request-rate sweep: each point sends {@code requestCount} requests at one rate on an absolute
     * schedule. Every point uses the same seed, so Poisson points share one arrival pattern scaled to their rate.
     *
     * @param ratesPerSecond mean request rates in the order they run
     * @param requestCount requests measured per point
     * @param warmupRequestCount warm-up requests per point, sent at the same rate and kept out of results
     * @param arrival evenly spaced or Poisson arrivals
     * @param maxConcurrency the most requests in flight at once, or null for no cap
     * @param seed seed of the Poisson arrivals
     */
    public static SweepPlan rateSweep(List<Double> ratesPerSecond, int requestCount, int warmupRequestCount,
            ArrivalSchedule.Arrival arrival, Integer maxConcurrency, long seed) {
        return new SweepPlan(ratesPerSecond.stream()
                .map(rate -> LoadPoint.rate(rate, requestCount, warmupRequestCount, arrival, maxConcurrency, seed))
                .toList());
    }

    /**
     * {@link #rateSweep(List, int, int, ArrivalSchedule.Arrival, Integer, long)} without warm-up.
     */
    public static SweepPlan rateSweep(List<Double> ratesPerSecond, int requestCount, ArrivalSchedule.Arrival arrival,
            Integer maxConcurrency, long seed) {
        return rateSweep(ratesPerSecond, requestCount, 0, arrival, maxConcurrency, seed);
    }

    /** Dynamo's default request count for a concurrency level: three requests per slot, at least ten. */
    public static int defaultRequestCount(int concurrency) {
        return Math.max(3 * concurrency, 10);
    }
}
