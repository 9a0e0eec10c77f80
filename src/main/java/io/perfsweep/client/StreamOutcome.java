package io.perfsweep.client;

import java.util.Collections;
import java.util.List;

/**
 * Everything the client observed for one streamed request, on the {@link System#nanoTime()} clock.
 *
 * @param requestId the id sent as {@code X-Request-ID}
 * @param sentNanos stamped right before the request was written; when it never was (connect failure,
 *        cancelled before), the time the attempt started
 * @param endNanos when the response ended or the failure was decided
 * @param chunks content-bearing chunks in arrival order (partial when failed)
 * @param usage the last non-null {@code usage} block, or null
 * @param finishReason the last non-null {@code finish_reason}, or null
 * @param failure why the request failed, or null when it succeeded
 */
public record StreamOutcome(String requestId, long sentNanos, long endNanos, List<StreamChunk> chunks,
        ServerUsage usage, String finishReason, Failure failure) {

    public StreamOutcome {
        chunks = chunks == null ? List.of() : Collections.unmodifiableList(chunks);
    }

    public boolean ok() {
        return failure == null;
    }

    /** All content text joined in order (what AIPerf tokenizes for output tokens). */
    public String joinedContent() {
        StringBuilder text = new StringBuilder();
        for (StreamChunk chunk : chunks) {
            if (chunk.content() != null) {
                text.append(chunk.content());
            }
        }
        return text.toString();
    }

    /** All reasoning text joined in order. */
    public String joinedReasoning() {
        StringBuilder text = new StringBuilder();
        for (StreamChunk chunk : chunks) {
            if (chunk.reasoning() != null) {
                text.append(chunk.reasoning());
            }
        }
        return text.toString();
    }

    /** Whether any chunk carried reasoning text, i.e. whether a reasoning token count applies. */
    public boolean hasReasoningField() {
        for (StreamChunk chunk : chunks) {
            if (chunk.reasoning() != null) {
                return true;
            }
        }
        return false;
    }
}
