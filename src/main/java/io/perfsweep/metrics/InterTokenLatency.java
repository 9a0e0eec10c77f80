package io.perfsweep.metrics;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Inter-token latency (AIPerf {@code inter_token_latency}).
 * <p>
 * Formula: {@code (requestLatency − ttft) / (OSL − 1)}, with OSL from {@link OutputSequenceLength} (reasoning tokens
 * included). Unit: nanoseconds (shown in ms). It is the mean decode time per token after the first and does not
 * assume one token per chunk.
 * <p>
 * No value when OSL is unknown or {@code OSL < 2} (a single token has no gap), or when there is no response.
 */
public final class InterTokenLatency {

    private InterTokenLatency() {
    }

    /** ITL in nanoseconds, or empty when undefined. */
    public static OptionalDouble nanos(RequestRecord record) {
        OptionalLong osl = OutputSequenceLength.tokens(record);
        OptionalLong latency = RequestLatency.nanos(record);
        OptionalLong ttft = TimeToFirstToken.nanos(record);
        if (osl.isEmpty() || osl.getAsLong() < 2 || latency.isEmpty() || ttft.isEmpty()) {
            return OptionalDouble.empty();
        }
        double decodeNanos = latency.getAsLong() - ttft.getAsLong();
        return OptionalDouble.of(decodeNanos / (osl.getAsLong() - 1));
    }
}
