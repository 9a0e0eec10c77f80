package io.perfsweep.metrics;

import java.util.OptionalLong;

/**
 * Time to second token (AIPerf {@code time_to_second_token}).
 * <p>
 * Formula: {@code responseNanos[1] − responseNanos[0]}. Unit: nanoseconds (shown in ms). No value with fewer than
 * two non-empty responses.
 */
public final class TimeToSecondToken {

    private TimeToSecondToken() {
    }

    /** TTST in nanoseconds, or empty with fewer than two responses. */
    public static OptionalLong nanos(RequestRecord record) {
        long[] responses = record.responseNanos();
        if (responses.length < 2) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(responses[1] - responses[0]);
    }
}
