package io.perfsweep.metrics;

import java.util.OptionalLong;

/**
 * Time to first token (AIPerf {@code time_to_first_token}).
 * <p>
 * Formula: {@code responseNanos[0] − sentNanos}. Unit: nanoseconds (shown in ms). Reasoning chunks count as tokens,
 * so for reasoning models this is the first reasoning chunk; see {@link TimeToFirstOutputToken}.
 * <p>
 * No value when the request got no non-empty response. A first response before the send is a broken clock and
 * raises {@link IllegalArgumentException}, as AIPerf raises {@code ValueError}.
 */
public final class TimeToFirstToken {

    private TimeToFirstToken() {
    }

    /** TTFT in nanoseconds, or empty when there is no response. */
    public static OptionalLong nanos(RequestRecord record) {
        long[] responses = record.responseNanos();
        if (responses.length == 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(sinceSend(record, responses[0]));
    }

    /** {@code timestampNanos − sentNanos}, refusing a timestamp before the send. */
    static long sinceSend(RequestRecord record, long timestampNanos) {
        if (timestampNanos < record.sentNanos()) {
            throw new IllegalArgumentException("response at " + timestampNanos + " ns precedes the send at "
                    + record.sentNanos() + " ns");
        }
        return timestampNanos - record.sentNanos();
    }
}
