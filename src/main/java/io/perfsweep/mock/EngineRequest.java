package io.perfsweep.mock;

/**
 * One sequence inside the simulated engine: prompt progress, KV tokens held and tokens emitted. Engine thread only.
 */
final class EngineRequest {

    final long sequenceId;
    final int promptTokens;
    final long[] blockHashes;
    final int maxTokens;
    final TokenSink sink;

    /** Tokens that must be (re)computed before decoding: the prompt, plus emitted tokens after a preemption. */
    int prefillTargetTokens;
    /** Tokens whose KV the sequence holds (cached prefix included). */
    int kvTokens;
    int generatedTokens;
    int cachedTokens = -1;
    int preemptions;
    boolean admitted;
    volatile boolean cancelled;

    /** Tokens scheduled in the current iteration (prefill chunk or 1 for a decode step), and whether it emits. */
    int scheduledTokens;
    boolean emitsThisIteration;

    EngineRequest(long sequenceId, int promptTokens, long[] blockHashes, int maxTokens, TokenSink sink) {
        this.sequenceId = sequenceId;
        this.promptTokens = promptTokens;
        this.blockHashes = blockHashes;
        this.maxTokens = maxTokens;
        this.sink = sink;
        this.prefillTargetTokens = promptTokens;
    }

    boolean prefillDone() {
        return kvTokens >= prefillTargetTokens;
    }

    /** Asks the engine to drop this request at its next iteration (client went away). */
    void cancel() {
        cancelled = true;
    }
}
