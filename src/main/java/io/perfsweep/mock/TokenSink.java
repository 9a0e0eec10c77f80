package io.perfsweep.mock;

/** Receives what the engine does to one request; called on the engine thread only. */
interface TokenSink {

    /** The request was admitted for the first time with {@code cachedTokens} prompt tokens found in the prefix cache. */
    void onAdmitted(int cachedTokens);

    /** The request was preempted and will be recomputed. */
    void onPreempted();

    /** Tokens {@code firstIndex} .. {@code firstIndex + count - 1} (0-based) are out; {@code last} marks the end. */
    void onTokens(int firstIndex, int count, boolean last);
}
