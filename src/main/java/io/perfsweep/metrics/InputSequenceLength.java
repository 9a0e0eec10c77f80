package io.perfsweep.metrics;

import java.util.OptionalLong;

/**
 * Input sequence length (AIPerf {@code input_sequence_length}).
 * <p>
 * Formula: client-tokenizer count of the prompt ({@link RequestRecord#inputTokens()}). Unit: tokens. No value when
 * the client did not count it.
 */
public final class InputSequenceLength {

    private InputSequenceLength() {
    }

    /** Prompt tokens counted by the client, or empty. */
    public static OptionalLong tokens(RequestRecord record) {
        return Tokens.of(record.inputTokens());
    }
}
