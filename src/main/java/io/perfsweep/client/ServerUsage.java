package io.perfsweep.client;

/** The server's own token accounting (OpenAI {@code usage}); any field is null when the server omits it. */
public record ServerUsage(Integer promptTokens, Integer completionTokens, Integer totalTokens, Integer reasoningTokens,
        Integer cachedTokens) {
}
