package io.perfsweep.workload;

/**
 * One request of a Mooncake-style trace as the load generator needs it: when it arrives, how long its prompt and
 * answer are, which hash-id blocks its prompt is made of (see {@link HashIdBlocks}) and, for AIPerf multi-turn traces,
 * which conversation it is a turn of.
 *
 * @param timestampMillis arrival offset in ms, or null when the row has none (then it can only run at a concurrency,
 *        or be a later turn of a session)
 * @param inputTokens prompt length in tokens; {@code hashIds.length == ceil(inputTokens / blockSize)}
 * @param outputTokens tokens asked for ({@code max_tokens})
 * @param hashIds one id per block of the prompt; shared leading ids are a shared prefix
 * @param sessionId AIPerf {@code session_id}: rows sharing it are the turns of one conversation, in file order; null
 *        for a row of its own
 * @param delayMillis AIPerf {@code delay}: how long a later turn waits after the previous turn of its session completed,
 *        in ms (0 when the row has none); not used for a session's first turn
 */
public record TraceRequest(Long timestampMillis, int inputTokens, int outputTokens, long[] hashIds, String sessionId,
        long delayMillis) {

    public TraceRequest {
        hashIds = hashIds.clone();
        if (delayMillis < 0) {
            throw new IllegalArgumentException("delay must not be negative, was " + delayMillis);
        }
    }

    /** A row without session: it is sent on its own. */
    public TraceRequest(Long timestampMillis, int inputTokens, int outputTokens, long[] hashIds) {
        this(timestampMillis, inputTokens, outputTokens, hashIds, null, 0);
    }

    @Override
    public long[] hashIds() {
        return hashIds.clone();
    }
}
