package io.perfsweep.metrics;

import java.util.List;
import java.util.OptionalDouble;

/**
 * Achieved concurrency of a point (perfsweep {@code achieved_concurrency}; not an AIPerf metric).
 * <p>
 * Formula: the time-weighted mean number of requests in flight over the window from the first send to the last
 * end, {@code Σ (endNanos − sentNanos) / (max endNanos − min sentNanos)}, over all records, valid and failed, since a
 * failed request also held a slot. A request is in flight from its send to the end of its HTTP exchange
 * ({@code endNanos}), not to its last content response. Unit: requests. No value without records or when the window
 * is empty. It shows whether a configured concurrency was actually reached (ramp-up and tail drain lower it).
 */
public final class AchievedConcurrency {

    private AchievedConcurrency() {
    }

    /** Time-weighted mean number of requests in flight, or empty when undefined. */
    public static OptionalDouble timeWeightedMean(List<RequestRecord> records) {
        if (records.isEmpty()) {
            return OptionalDouble.empty();
        }
        long firstSentNanos = Long.MAX_VALUE;
        long lastEndNanos = Long.MIN_VALUE;
        double busyNanos = 0;
        for (RequestRecord record : records) {
            firstSentNanos = Math.min(firstSentNanos, record.sentNanos());
            lastEndNanos = Math.max(lastEndNanos, record.endNanos());
            busyNanos += record.endNanos() - record.sentNanos();
        }
        long windowNanos = lastEndNanos - firstSentNanos;
        return windowNanos <= 0 ? OptionalDouble.empty() : OptionalDouble.of(busyNanos / windowNanos);
    }

    /** Largest number of requests in flight at any instant; a request ending when another starts does not overlap. */
    public static int peak(List<RequestRecord> records) {
        long[] starts = records.stream().mapToLong(RequestRecord::sentNanos).sorted().toArray();
        long[] ends = records.stream().mapToLong(RequestRecord::endNanos).sorted().toArray();
        int started = 0;
        int ended = 0;
        int peak = 0;
        while (started < starts.length) {
            if (ended < ends.length && ends[ended] <= starts[started]) {
                ended++;
            } else {
                started++;
                peak = Math.max(peak, started - ended);
            }
        }
        return peak;
    }
}
