package io.perfsweep.metrics;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Prefill throughput per user (AIPerf {@code prefill_throughput_per_user}).
 * <p>
 * Formula: {@code ISL / TTFT_seconds}. Unit: tokens/sec/user. No value when ISL or TTFT is missing or zero (AIPerf
 * treats a zero dependency as missing).
 */
public final class PrefillThroughputPerUser {

    private static final double NANOS_PER_SECOND = 1_000_000_000.0;

    private PrefillThroughputPerUser() {
    }

    /** Prompt tokens processed per second until the first token, or empty when undefined. */
    public static OptionalDouble tokensPerSecond(RequestRecord record) {
        OptionalLong isl = InputSequenceLength.tokens(record);
        OptionalLong ttft = TimeToFirstToken.nanos(record);
        if (isl.isEmpty() || ttft.isEmpty() || isl.getAsLong() == 0 || ttft.getAsLong() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(isl.getAsLong() * NANOS_PER_SECOND / ttft.getAsLong());
    }
}
