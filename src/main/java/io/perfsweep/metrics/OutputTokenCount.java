package io.perfsweep.metrics;

import java.util.OptionalLong;

/**
 * Output token count (AIPerf {@code output_token_count}).
 * <p>
 * Formula: client-tokenizer count of the joined non-reasoning text ({@link RequestRecord#outputTokens()}). Unit:
 * tokens. No value when the client did not count it.
 */
public final class OutputTokenCount {

    private OutputTokenCount() {
    }

    /** Non-reasoning output tokens, or empty when not counted. */
    public static OptionalLong tokens(RequestRecord record) {
        return Tokens.of(record.outputTokens());
    }
}
