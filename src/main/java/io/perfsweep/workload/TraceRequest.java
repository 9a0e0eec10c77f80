package io.perfsweep.workload;

/**
 * One request of a Mooncake-style trace as the load generator needs it: when it arrives, how long its prompt and
 * answer are, and which hash-id blocks its prompt is made of (see {@link HashIdBlocks}).
 *
 * @param timestampMillis arrival offset in ms, or null when the row has none (then it can only run at a concurrency)
 * @param inputTokens prompt length in tokens; {@code hashIds.length == ceil(inputTokens / blockSize)}
 * @param outputTokens tokens asked for ({@code max_tokens})
 * @param hashIds one id per block of the prompt; shared leading ids are a shared prefix
 */
public record TraceRequest(Long timestampMillis, int inputTokens, int outputTokens, long[] hashIds) {

    public TraceRequest {
        hashIds = hashIds.clone();
    }

    @Override
    public long[] hashIds() {
        return hashIds.clone();
    }
}
