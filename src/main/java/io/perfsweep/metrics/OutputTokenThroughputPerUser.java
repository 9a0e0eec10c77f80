package io.perfsweep.metrics;

import java.util.OptionalDouble;

/**
 * Output token throughput per user (AIPerf {@code output_token_throughput_per_user}).
 * <p>
 * Formula: {@code 1 / ITL_seconds}, with ITL from {@link InterTokenLatency}. Unit: tokens/sec/user. It excludes
 * TTFT. No value when ITL has none (OSL &lt; 2) or is zero.
 */
public final class OutputTokenThroughputPerUser {

    private static final double NANOS_PER_SECOND = 1_000_000_000.0;

    private OutputTokenThroughputPerUser() {
    }

    /** Decode speed seen by one user in tokens per second, or empty when undefined. */
    public static OptionalDouble tokensPerSecond(RequestRecord record) {
        OptionalDouble itl = InterTokenLatency.nanos(record);
        if (itl.isEmpty() || itl.getAsDouble() <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(NANOS_PER_SECOND / itl.getAsDouble());
    }
}
