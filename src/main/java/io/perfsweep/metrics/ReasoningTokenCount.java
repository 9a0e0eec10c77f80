package io.perfsweep.metrics;

import java.util.OptionalLong;

/**
 * Reasoning token count (AIPerf {@code reasoning_token_count}).
 * <p>
 * Formula: client-tokenizer count of the joined reasoning text ({@link RequestRecord#reasoningTokens()}). Unit:
 * tokens. No value when the server sent no separate reasoning field.
 */
public final class ReasoningTokenCount {

    private ReasoningTokenCount() {
    }

    /** Reasoning tokens, or empty when there was no reasoning field. */
    public static OptionalLong tokens(RequestRecord record) {
        return Tokens.of(record.reasoningTokens());
    }
}
