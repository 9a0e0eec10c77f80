package io.perfsweep.client;

import java.util.Arrays;
import java.util.Objects;

/**
 * Everything the client observed for one streamed request, on the {@link System#nanoTime()} clock, kept compact: one
 * {@code long} per content-bearing event (AIPerf {@code content_responses}) plus the joined texts, not an object per
 * event.
 *
 * @param requestId the id sent as {@code X-Request-ID}
 * @param sentNanos when the request started, before the pool was asked for a connection (AIPerf's
 *        {@code start_perf_ns}: TTFT and latency include connection set-up and any wait for a pooled connection)
 * @param connectedNanos when the pool handed over a connection and the request was written to it; 0 when it never
 *        was (connect failure, cancelled before)
 * @param endNanos when the response ended or the failure was decided
 * @param responseNanos arrival of each content-bearing event in order (partial when failed): the network read that held
 *        its first byte
 * @param firstContentIndex index of the first event with content (not only reasoning) text, or -1
 * @param content all content text joined in order (what AIPerf tokenizes for output tokens), never null
 * @param reasoning all reasoning text joined in order, or null when no event carried reasoning text
 * @param usage the last non-null {@code usage} block, or null
 * @param finishReason the last non-null {@code finish_reason}, or null
 * @param failure why the request failed, or null when it succeeded
 */
public record StreamOutcome(String requestId, long sentNanos, long connectedNanos, long endNanos, long[] responseNanos,
        int firstContentIndex, String content, String reasoning, ServerUsage usage, String finishReason,
        Failure failure) {

    public StreamOutcome {
        responseNanos = responseNanos == null ? new long[0] : responseNanos;
        content = content == null ? "" : content;
    }

    /** A copy of the arrival times; see {@link #responseNanos(int)} and {@link #responseCount()} to avoid it. */
    @Override
    public long[] responseNanos() {
        return responseNanos.clone();
    }

    /** Arrival of content-bearing event {@code index}. */
    public long responseNanos(int index) {
        Objects.checkIndex(index, responseNanos.length);
        return responseNanos[index];
    }

    /** How many content-bearing events arrived. */
    public int responseCount() {
        return responseNanos.length;
    }

    /** Time spent obtaining a connection (pool wait, connect, TLS), or 0 when none was obtained. */
    public long connectionOverheadNanos() {
        return connectedNanos == 0 ? 0 : connectedNanos - sentNanos;
    }

    public boolean ok() {
        return failure == null;
    }

    /** All content text joined in order (what AIPerf tokenizes for output tokens). */
    public String joinedContent() {
        return content;
    }

    /** All reasoning text joined in order; empty when there was none. */
    public String joinedReasoning() {
        return reasoning == null ? "" : reasoning;
    }

    /** Whether any event carried reasoning text, i.e. whether a reasoning token count applies. */
    public boolean hasReasoningField() {
        return reasoning != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamOutcome other && sentNanos == other.sentNanos
                && connectedNanos == other.connectedNanos && endNanos == other.endNanos
                && firstContentIndex == other.firstContentIndex && Objects.equals(requestId, other.requestId)
                && Arrays.equals(responseNanos, other.responseNanos) && content.equals(other.content)
                && Objects.equals(reasoning, other.reasoning) && Objects.equals(usage, other.usage)
                && Objects.equals(finishReason, other.finishReason) && Objects.equals(failure, other.failure);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestId, sentNanos, connectedNanos, endNanos, Arrays.hashCode(responseNanos), firstContentIndex,
                content,
                reasoning, usage, finishReason, failure);
    }

    @Override
    public String toString() {
        return "StreamOutcome[requestId=" + requestId + ", sentNanos=" + sentNanos + ", connectedNanos=" + connectedNanos
                + ", endNanos=" + endNanos
                + ", responses=" + responseNanos.length + ", firstContentIndex=" + firstContentIndex + ", contentChars="
                + content.length() + ", reasoningChars=" + (reasoning == null ? "none" : reasoning.length())
                + ", usage=" + usage + ", finishReason=" + finishReason + ", failure=" + failure + "]";
    }
}
