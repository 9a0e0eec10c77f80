package io.perfsweep.metrics;

import java.util.OptionalLong;

/**
 * Time to first output token (AIPerf {@code time_to_first_output_token}).
 * <p>
 * Formula: {@code responseNanos[firstOutputIndex] − sentNanos}, i.e. the first non-reasoning content response.
 * Unit: nanoseconds (shown in ms). Equals {@link TimeToFirstToken} for non-reasoning models. No value when no
 * response carried non-reasoning content ({@code firstOutputIndex < 0}).
 */
public final class TimeToFirstOutputToken {

    private TimeToFirstOutputToken() {
    }

    /** TTFO in nanoseconds, or empty when only reasoning (or nothing) arrived. */
    public static OptionalLong nanos(RequestRecord record) {
        int index = record.firstOutputIndex();
        if (index < 0 || index >= record.responseNanos().length) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(TimeToFirstToken.sinceSend(record, record.responseNanos()[index]));
    }
}
