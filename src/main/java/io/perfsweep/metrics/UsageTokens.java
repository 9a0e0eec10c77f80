package io.perfsweep.metrics;

import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Server-reported token counts (AIPerf {@code usage_*_tokens}).
 * <p>
 * Formula: the field of the last non-null {@code usage} block of the stream ({@link RequestRecord#usage()}):
 * {@code prompt_tokens}, {@code completion_tokens}, {@code total_tokens},
 * {@code completion_tokens_details.reasoning_tokens}, {@code prompt_tokens_details.cached_tokens}. Unit: tokens. No
 * value when the server sent no usage or omitted the field.
 */
public final class UsageTokens {

    private UsageTokens() {
    }

    /** {@code usage_prompt_tokens}. */
    public static OptionalLong prompt(RequestRecord record) {
        return field(record, Usage::promptTokens);
    }

    /** {@code usage_completion_tokens} (reasoning included, as servers report it). */
    public static OptionalLong completion(RequestRecord record) {
        return field(record, Usage::completionTokens);
    }

    /** {@code usage_total_tokens}. */
    public static OptionalLong total(RequestRecord record) {
        return field(record, Usage::totalTokens);
    }

    /** {@code usage_reasoning_tokens}. */
    public static OptionalLong reasoning(RequestRecord record) {
        return field(record, Usage::reasoningTokens);
    }

    /** {@code usage_prompt_cached_tokens}. */
    public static OptionalLong cached(RequestRecord record) {
        return field(record, Usage::cachedTokens);
    }

    private static OptionalLong field(RequestRecord record, Function<Usage, Integer> getter) {
        return record.usage() == null ? OptionalLong.empty() : Tokens.of(getter.apply(record.usage()));
    }
}
