package io.perfsweep.metrics;

import java.util.OptionalLong;

/**
 * Request latency corrected for coordinated omission (perfsweep {@code request_latency_from_intended_start}; wrk2's
 * {@code latency_histogram}).
 * <p>
 * Formula: {@code responseNanos[last] − intendedStartNanos} = {@link RequestLatency} + {@link SendDelay}. Unit:
 * nanoseconds (shown in ms). No value when there is no response. In an open-loop run this is the latency a user
 * arriving on schedule would see, including the time the request waited to be sent.
 */
public final class RequestLatencyFromIntendedStart {

    private RequestLatencyFromIntendedStart() {
    }

    /** Latency from the intended start to the last content response, in nanoseconds. */
    public static OptionalLong nanos(RequestRecord record) {
        OptionalLong fromSend = RequestLatency.nanos(record);
        return fromSend.isEmpty() ? fromSend : OptionalLong.of(fromSend.getAsLong() + SendDelay.nanos(record));
    }
}
