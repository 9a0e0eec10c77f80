package io.perfsweep.load;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Intended send times of an open-loop point, as offsets in nanoseconds from one start time, computed up front.
 *
 * <p>
 * The schedule is absolute: request {@code i} is meant to leave at {@code start + offset(i)} whatever happened to the
 * requests before it. A late request never pushes the later ones back, unlike a loop that sleeps a relative interval
 * after each send (AIPerf's request-rate loop, which hides server stalls: coordinated omission).
 */
public final class ArrivalSchedule {

    /** How requests arrive at a given mean rate. */
    public enum Arrival {
        /** Evenly spaced: {@code offset(i) = i / rate}. */
        CONSTANT,
        /** A Poisson process: exponential gaps of mean {@code 1 / rate}, seeded, summed from the start. */
        POISSON
    }

    private static final double NANOS_PER_SECOND = 1_000_000_000.0;

    private final long[] offsetsNanos;

    private ArrivalSchedule(long[] offsetsNanos) {
        this.offsetsNanos = offsetsNanos;
    }

    /**
     * {@code count} requests evenly spaced at {@code ratePerSecond}, the first at offset 0.
     *
     * @throws IllegalArgumentException if the rate is not positive and finite or the count is negative
     */
    public static ArrivalSchedule constant(double ratePerSecond, int count) {
        check(ratePerSecond, count);
        long[] offsets = new long[count];
        for (int i = 0; i < count; i++) {
            offsets[i] = Math.round(i * NANOS_PER_SECOND / ratePerSecond);
        }
        return new ArrivalSchedule(offsets);
    }

    /**
     * {@code count} requests of a Poisson process at {@code ratePerSecond}: the first at offset 0, then the running sum
     * of exponential gaps of mean {@code 1 / rate}. The same seed gives the same schedule.
     *
     * @throws IllegalArgumentException if the rate is not positive and finite or the count is negative
     */
    public static ArrivalSchedule poisson(double ratePerSecond, int count, long seed) {
        check(ratePerSecond, count);
        var random = new SplittableRandom(seed);
        long[] offsets = new long[count];
        double seconds = 0;
        for (int i = 0; i < count; i++) {
            offsets[i] = Math.round(seconds * NANOS_PER_SECOND);
            // Inverse transform sampling; 1 − u lies in (0, 1], so the logarithm is finite.
            seconds += -Math.log(1.0 - random.nextDouble()) / ratePerSecond;
        }
        return new ArrivalSchedule(offsets);
    }

    /** The schedule of {@code arrival} at {@code ratePerSecond}; the seed matters only for {@link Arrival#POISSON}. */
    public static ArrivalSchedule of(Arrival arrival, double ratePerSecond, int count, long seed) {
        return switch (arrival) {
            case CONSTANT -> constant(ratePerSecond, count);
            case POISSON -> poisson(ratePerSecond, count, seed);
        };
    }

    /**
     * A trace's own schedule (fixed-schedule replay): request {@code i} at {@code (timestamp(i) − timestamp(0)) /
     * speedup} milliseconds, so the first row leaves at once and the gaps of the trace shrink by the speed-up.
     *
     * @param timestampsMillis the rows' timestamps in send order, never decreasing
     * @param speedup divides every gap; positive and finite
     * @throws IllegalArgumentException if the timestamps decrease or the speed-up is not positive and finite
     */
    public static ArrivalSchedule replay(long[] timestampsMillis, double speedup) {
        if (!(speedup > 0) || Double.isInfinite(speedup)) {
            throw new IllegalArgumentException("speedup must be positive and finite, was " + speedup);
        }
        long[] offsets = new long[timestampsMillis.length];
        for (int i = 0; i < offsets.length; i++) {
            if (i > 0 && timestampsMillis[i] < timestampsMillis[i - 1]) {
                throw new IllegalArgumentException("timestamps must not decrease: " + timestampsMillis[i - 1]
                        + " then " + timestampsMillis[i]);
            }
            offsets[i] = Math.round((timestampsMillis[i] - timestampsMillis[0]) * 1_000_000.0 / speedup);
        }
        return new ArrivalSchedule(offsets);
    }

    /** How many requests the schedule holds. */
    public int size() {
        return offsetsNanos.length;
    }

    /** When request {@code index} is meant to leave, in nanoseconds after the start; never decreasing. */
    public long offsetNanos(int index) {
        return offsetsNanos[index];
    }

    /** A copy of every offset, in nanoseconds. */
    public long[] offsetsNanos() {
        return Arrays.copyOf(offsetsNanos, offsetsNanos.length);
    }

    private static void check(double ratePerSecond, int count) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be positive and finite, was " + ratePerSecond);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
    }
}
