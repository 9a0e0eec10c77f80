package io.perfsweep.metrics;

import java.util.OptionalLong;

/**
 * TTFT corrected for coordinated omission (perfsweep {@code time_to_first_token_from_intended_start}).
 * <p>
 * Formula: {@code responseNanos[0] − intendedStartNanos} = {@link TimeToFirstToken} + {@link SendDelay}. Unit:
 * nanoseconds (shown in ms). No value when there is no response.
 */
public final class TimeToFirstTokenFromIntendedStart {

    private TimeToFirstTokenFromIntendedStart() {
    }

    /** TTFT from the intended start, in nanoseconds. */
    public static OptionalLong nanos(RequestRecord record) {
        OptionalLong fromSend = TimeToFirstToken.nanos(record);
        return fromSend.isEmpty() ? fromSend : OptionalLong.of(fromSend.getAsLong() + SendDelay.nanos(record));
    }
}
