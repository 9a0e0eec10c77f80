package io.perfsweep.load;

/**
 * One point of a sweep: a fixed number of requests kept in flight.
 *
 * @param concurrency requests kept in flight at once
 * @param requestCount requests measured at this point
 * @param warmupRequestCount requests sent first and kept out of the results
 */
public record LoadPoint(int concurrency, int requestCount, int warmupRequestCount) {

    public LoadPoint {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        if (requestCount < 1) {
            throw new IllegalArgumentException("requestCount must be at least 1, was " + requestCount);
        }
        if (warmupRequestCount < 0) {
            throw new IllegalArgumentException("warmupRequestCount must not be negative, was " + warmupRequestCount);
        }
    }

    /** The directory name AIPerf's wrappers give this point ({@code c<N>}). */
    public String label() {
        return "c" + concurrency;
    }
}
