package io.perfsweep.load;

import java.time.Instant;

/**
 * Maps monotonic {@link System#nanoTime()} stamps to wall-clock epoch nanos through one anchor taken at start, so
 * exported timestamps are readable while every latency still comes from the monotonic clock alone.
 */
final class WallClock {

    private final long anchorNanoTime;
    private final long anchorEpochNanos;

    private WallClock(long anchorNanoTime, long anchorEpochNanos) {
        this.anchorNanoTime = anchorNanoTime;
        this.anchorEpochNanos = anchorEpochNanos;
    }

    static WallClock anchoredNow() {
        Instant now = Instant.now();
        return new WallClock(System.nanoTime(), now.getEpochSecond() * 1_000_000_000L + now.getNano());
    }

    long epochNanosAt(long nanoTime) {
        return anchorEpochNanos + (nanoTime - anchorNanoTime);
    }
}
