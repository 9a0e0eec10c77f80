package io.perfsweep.mock;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Seeded fault injection: the HTTP 500 error rate and the one-shot stall of all token progress. Thread-safe. */
final class FaultInjector {

    private final MockEngineConfig config;
    private final SplittableRandom random;
    private final AtomicLong received = new AtomicLong();
    private volatile long stallStartNanos = Long.MAX_VALUE;
    private volatile long stallEndNanos = Long.MIN_VALUE;

    FaultInjector(MockEngineConfig config) {
        this.config = config;
        this.random = new SplittableRandom(config.seed());
    }

    /** Counts a received request at {@code nowNanos}; the one that reaches {@code stallAfterRequests} starts the stall. */
    void onRequestReceived(long nowNanos) {
        long count = received.incrementAndGet();
        if (config.stallEnabled() && count == config.stallAfterRequests()) {
            stallEndNanos = nowNanos + Math.round(config.stallMillis() * 1_000_000.0);
            stallStartNanos = nowNanos;
        }
    }

    /** Whether this request gets an injected HTTP 500 (a seeded draw per request). */
    synchronized boolean injectError() {
        return config.errorRate() > 0 && random.nextDouble() < config.errorRate();
    }

    /** The end of the stall if {@code nowNanos} falls inside it, else {@code Long.MIN_VALUE}. */
    long pausedUntilNanos(long nowNanos) {
        long end = stallEndNanos;
        return nowNanos >= stallStartNanos && nowNanos < end ? end : Long.MIN_VALUE;
    }

    /** When the stall started, or {@code Long.MAX_VALUE} if it has not. */
    long stallStartNanos() {
        return stallStartNanos;
    }

    long stallEndNanos() {
        return stallEndNanos;
    }
}
