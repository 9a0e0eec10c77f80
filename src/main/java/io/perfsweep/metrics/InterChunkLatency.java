package io.perfsweep.metrics;

/**
 * Inter-chunk latency (AIPerf {@code inter_chunk_latency}).
 * <p>
 * Formula: the list {@code responseNanos[i] − responseNanos[i−1]} for {@code i ≥ 1}. Unit: nanoseconds (shown in
 * ms). It is a distribution per request; point statistics pool every request's gaps. No value (an empty array) with
 * fewer than two non-empty responses.
 */
public final class InterChunkLatency {

    private InterChunkLatency() {
    }

    /** Gaps between consecutive content responses in nanoseconds; empty when there are fewer than two. */
    public static long[] nanos(RequestRecord record) {
        long[] responses = record.responseNanos();
        if (responses.length < 2) {
            return new long[0];
        }
        long[] gaps = new long[responses.length - 1];
        for (int i = 1; i < responses.length; i++) {
            gaps[i - 1] = responses[i] - responses[i - 1];
        }
        return gaps;
    }
}
