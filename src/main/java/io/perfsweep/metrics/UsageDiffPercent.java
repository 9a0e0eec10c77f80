package io.perfsweep.metrics;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Disagreement between the server's {@code usage} and the client tokenizer (AIPerf {@code usage_*_tokens_diff_pct}
 * and {@code usage_discrepancy_count}).
 * <p>
 * Formula: {@code abs((usage − client) / client) × 100}, pairing usage prompt with ISL, usage completion with OSL
 * (both include reasoning) and usage reasoning with the reasoning token count. Unit: percent. No value when either
 * side is missing or the client count is zero.
 * <p>
 * A request is a discrepancy when any available diff exceeds {@link #DISCREPANCY_THRESHOLD_PERCENT} (AIPerf's
 * default {@code AIPERF_METRICS_USAGE_PCT_DIFF_THRESHOLD}).
 */
public final class UsageDiffPercent {

    /** A diff above this many percent counts as a discrepancy. */
    public static final double DISCREPANCY_THRESHOLD_PERCENT = 10.0;

    private UsageDiffPercent() {
    }

    /** {@code usage_prompt_tokens_diff_pct}: usage prompt tokens vs ISL. */
    public static OptionalDouble prompt(RequestRecord record) {
        return diff(UsageTokens.prompt(record), InputSequenceLength.tokens(record));
    }

    /** {@code usage_completion_tokens_diff_pct}: usage completion tokens vs OSL. */
    public static OptionalDouble completion(RequestRecord record) {
        return diff(UsageTokens.completion(record), OutputSequenceLength.tokens(record));
    }

    /** {@code usage_reasoning_tokens_diff_pct}: usage reasoning tokens vs the reasoning token count. */
    public static OptionalDouble reasoning(RequestRecord record) {
        return diff(UsageTokens.reasoning(record), ReasoningTokenCount.tokens(record));
    }

    /** Whether any of the three diffs exceeds {@link #DISCREPANCY_THRESHOLD_PERCENT}. */
    public static boolean isDiscrepancy(RequestRecord record) {
        return exceeds(prompt(record)) || exceeds(completion(record)) || exceeds(reasoning(record));
    }

    private static boolean exceeds(OptionalDouble diffPercent) {
        return diffPercent.isPresent() && diffPercent.getAsDouble() > DISCREPANCY_THRESHOLD_PERCENT;
    }

    private static OptionalDouble diff(OptionalLong usage, OptionalLong client) {
        if (usage.isEmpty() || client.isEmpty() || client.getAsLong() == 0) {
            return OptionalDouble.empty();
        }
        double clientTokens = client.getAsLong();
        return OptionalDouble.of(Math.abs((usage.getAsLong() - clientTokens) / clientTokens) * 100.0);
    }
}
