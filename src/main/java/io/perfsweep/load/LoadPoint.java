package io.perfsweep.load;

import java.math.BigDecimal;

/**
 * One point of a sweep: closed loop (a fixed number of requests kept in flight), open loop at a rate (requests sent on
 * an absolute schedule, see {@link OpenLoop}) or a trace replayed on its own timestamps (see {@link Replay}).
 *
 * @param concurrency closed loop: requests kept in flight at once; open loop: the most requests allowed in flight at
 *        once (the cap, and the connection-pool size), which is {@code requestCount} when the point has no cap
 * @param requestCount requests measured at this point
 * @param warmupRequestCount requests sent first and kept out of the results
 * @param openLoop the rate of an open-loop point, or null for a closed-loop or replay point
 * @param replay the speed-up of a replay point, or null
 */
public record LoadPoint(int concurrency, int requestCount, int warmupRequestCount, OpenLoop openLoop, Replay replay) {

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
        if (openLoop != null && replay != null) {
            throw new IllegalArgumentException("a point is a rate point or a replay point, not both");
        }
    }

    /** A closed-loop point ({@code openLoop} null) or a rate point. */
    public LoadPoint(int concurrency, int requestCount, int warmupRequestCount, OpenLoop openLoop) {
        this(concurrency, requestCount, warmupRequestCount, openLoop, null);
    }

    /** A closed-loop point: {@code concurrency} requests in flight while work remains. */
    public LoadPoint(int concurrency, int requestCount, int warmupRequestCount) {
        this(concurrency, requestCount, warmupRequestCount, null);
    }

    /**
     * An open-loop point: requests leave at {@code ratePerSecond} on an absolute schedule, whatever the server does.
     *
     * @param ratePerSecond mean request rate
     * @param requestCount requests measured
     * @param warmupRequestCount requests sent first, on their own schedule at the same rate, and kept out of results
     * @param arrival evenly spaced or Poisson arrivals
     * @param maxConcurrency the most requests in flight at once, or null for no cap; a request that finds the cap
     *        reached waits, and keeps its scheduled start, so the wait counts in its latency from intended start
     * @param seed seed of the Poisson arrivals (ignored for constant arrivals)
     */
    public static LoadPoint rate(double ratePerSecond, int requestCount, int warmupRequestCount,
            ArrivalSchedule.Arrival arrival, Integer maxConcurrency, long seed) {
        if (maxConcurrency != null && maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1, was " + maxConcurrency);
        }
        int cap = maxConcurrency != null ? maxConcurrency : Math.max(requestCount, warmupRequestCount);
        return new LoadPoint(cap, requestCount, warmupRequestCount,
                new OpenLoop(ratePerSecond, arrival, seed, maxConcurrency != null));
    }

    /**
     * A fixed-schedule replay of a trace's {@code requestCount} rows: each leaves at its timestamp divided by
     * {@code speedup}, on an absolute schedule from one start, with no cap and no warm-up.
     */
    public static LoadPoint replay(double speedup, int requestCount) {
        return new LoadPoint(requestCount, requestCount, 0, null, new Replay(speedup));
    }

    /** True for a replay point. */
    public boolean isReplay() {
        return replay != null;
    }

    /** True for a rate point, false for a closed-loop concurrency point or a replay point. */
    public boolean isOpenLoop() {
        return openLoop != null;
    }

    /**
     * The directory name of this point: {@code c<N>} as AIPerf's wrappers name concurrency points, {@code r<rate>} for
     * rate points ({@code r2.5}, {@code r50}), {@code replay-x<speedup>} for a replay ({@code replay-x1}).
     */
    public String label() {
        if (replay != null) {
            return "replay-x" + plain(replay.speedup());
        }
        return openLoop == null ? "c" + concurrency : "r" + plain(openLoop.ratePerSecond());
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * How a trace is replayed on its own timestamps.
     *
     * @param speedup divides the trace's gaps: 2 sends the trace in half its time; positive and finite
     */
    public record Replay(double speedup) {

        public Replay {
            if (!(speedup > 0) || Double.isInfinite(speedup)) {
                throw new IllegalArgumentException("speedup must be positive and finite, was " + speedup);
            }
        }
    }

    /**
     * The schedule of an open-loop point.
     *
     * @param ratePerSecond mean request rate, positive and finite
     * @param arrival evenly spaced or Poisson arrivals
     * @param seed seed of the Poisson gaps
     * @param capped whether {@link LoadPoint#concurrency()} is a cap the user asked for (false: no cap)
     */
    public record OpenLoop(double ratePerSecond, ArrivalSchedule.Arrival arrival, long seed, boolean capped) {

        public OpenLoop {
            if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
                throw new IllegalArgumentException("rate must be positive and finite, was " + ratePerSecond);
            }
            if (arrival == null) {
                throw new IllegalArgumentException("arrival must be set");
            }
        }
    }
}
