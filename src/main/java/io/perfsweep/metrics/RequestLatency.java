package io.perfsweep.metrics;

import java.util.OptionalLong;

/**
 * Request latency (AIPerf {@code request_latency}).
 * <p>
 * Formula: {@code responseNanos[last] − sentNanos}. Unit: nanoseconds (shown in ms). It ends at the <b>last
 * non-empty response</b>, not at {@code [DONE]} or at the end of the HTTP exchange ({@code endNanos}). No value when
 * there is no response.
 */
public final class RequestLatency {

    private RequestLatency() {
    }

    /** Latency from send to the last content response, in nanoseconds. */
    public static OptionalLong nanos(RequestRecord record) {
        long[] responses = record.responseNanos();
        if (responses.length == 0) {
            return OptionalLong.empty();
        }
        TimeToFirstToken.sinceSend(record, responses[0]);
        return OptionalLong.of(responses[responses.length - 1] - record.sentNanos());
    }
}
