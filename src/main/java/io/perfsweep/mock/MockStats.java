package io.perfsweep.mock;

/**
 * Totals since the server started, plus the engine's gauges at the last iteration (gauges are 0 in FIXED mode).
 *
 * @param requests completion requests received (every status)
 * @param rejectedRequests requests answered with HTTP 400
 * @param failedRequests requests answered with an injected HTTP 500
 * @param promptTokens o200k_base prompt tokens of accepted requests
 * @param cachedTokens prompt tokens served from the prefix cache (prefix-hit tokens)
 * @param completionTokens tokens written to clients
 * @param preemptions engine preemptions
 * @param runningRequests requests in the engine's running batch
 * @param waitingRequests requests waiting for admission
 * @param kvActiveBlocks KV blocks referenced by running requests
 * @param kvUsage active KV blocks ÷ total KV blocks
 * @param iterations engine iterations completed
 */
public record MockStats(
        long requests,
        long rejectedRequests,
        long failedRequests,
        long promptTokens,
        long cachedTokens,
        long completionTokens,
        long preemptions,
        int runningRequests,
        int waitingRequests,
        int kvActiveBlocks,
        double kvUsage,
        long iterations) {

    /** Prefix-cache hit rate over prompt tokens, or 0 before any prompt token. */
    public double prefixHitRate() {
        return promptTokens == 0 ? 0 : (double) cachedTokens / promptTokens;
    }
}
