package io.perfsweep.metrics;

import java.util.OptionalLong;

/**
 * Output sequence length (AIPerf {@code output_sequence_length}).
 * <p>
 * Formula: {@code (outputTokens or 0) + (reasoningTokens or 0)}. Unit: tokens. No value when both are missing.
 */
public final class OutputSequenceLength {

    private OutputSequenceLength() {
    }

    /** OSL including reasoning tokens, or empty when neither count is known. */
    public static OptionalLong tokens(RequestRecord record) {
        Integer output = record.outputTokens();
        Integer reasoning = record.reasoningTokens();
        if (output == null && reasoning == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((long) zeroIfNull(output) + zeroIfNull(reasoning));
    }

    private static int zeroIfNull(Integer value) {
        return value == null ? 0 : value;
    }
}
