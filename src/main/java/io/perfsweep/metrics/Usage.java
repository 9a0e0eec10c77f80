package io.perfsweep.metrics;

/** The server's own token accounting (OpenAI {@code usage}); any field may be null when the server omits it. */
public record Usage(Integer promptTokens, Integer completionTokens, Integer totalTokens, Integer reasoningTokens,
        Integer cachedTokens) {
}
