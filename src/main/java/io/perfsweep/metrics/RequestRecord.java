package io.perfsweep.metrics;

/**
 * Everything measured about one request, on one monotonic clock ({@link System#nanoTime()}).
 *
 * @param intendedStartNanos when the schedule meant to send it (equals {@code sentNanos} in closed-loop runs)
 * @param sentNanos when the request started, before a connection was obtained (AIPerf {@code start_perf_ns})
 * @param endNanos when the HTTP response was complete
 * @param wallStartEpochNanos wall-clock send time (AIPerf {@code timestamp_ns}); never subtracted for latency
 * @param responseNanos arrival (first byte) of each non-empty SSE response, in order; empty, role-only and
 *        usage-only chunks are not here (AIPerf {@code content_responses})
 * @param firstOutputIndex index into {@code responseNanos} of the first non-reasoning response, or -1
 * @param inputTokens prompt tokens counted by the client tokenizer, or null
 * @param outputTokens tokens of the joined non-reasoning text, counted by the client tokenizer, or null
 * @param reasoningTokens tokens of the joined reasoning text, or null when the server sent no reasoning field
 * @param requestedOutputTokens {@code max_tokens} sent with the request, or 0 when none was sent
 * @param usage the last non-null {@code usage} block of the stream, or null
 * @param error why the request failed, or null for a valid request
 * @param connectionOverheadNanos time from {@code sentNanos} until a connection was handed over (pool wait, connect,
 *        TLS); part of TTFT and latency, near zero on a reused keep-alive connection, 0 when none was obtained
 */
public record RequestRecord(
        long intendedStartNanos,
        long sentNanos,
        long endNanos,
        long wallStartEpochNanos,
        long[] responseNanos,
        int firstOutputIndex,
        Integer inputTokens,
        Integer outputTokens,
        Integer reasoningTokens,
        int requestedOutputTokens,
        Usage usage,
        RequestError error,
        long connectionOverheadNanos) {

    /** A record whose connection overhead is unknown or zero (tests, records stored before it was kept). */
    public RequestRecord(long intendedStartNanos, long sentNanos, long endNanos, long wallStartEpochNanos,
            long[] responseNanos, int firstOutputIndex, Integer inputTokens, Integer outputTokens,
            Integer reasoningTokens, int requestedOutputTokens, Usage usage, RequestError error) {
        this(intendedStartNanos, sentNanos, endNanos, wallStartEpochNanos, responseNanos, firstOutputIndex,
                inputTokens, outputTokens, reasoningTokens, requestedOutputTokens, usage, error, 0);
    }

    public boolean valid() {
        return error == null;
    }
}
