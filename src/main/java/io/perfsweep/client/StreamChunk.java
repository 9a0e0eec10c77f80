package io.perfsweep.client;

/**
 * One content-bearing SSE event (AIPerf {@code content_responses} entry).
 *
 * @param arrivalNanos {@link System#nanoTime()} of the network read that held the event's first byte
 * @param content {@code delta.content} (chat) or {@code text} (completions); null when absent or empty
 * @param reasoning {@code delta.reasoning_content} or {@code delta.reasoning}; null when absent or empty
 */
public record StreamChunk(long arrivalNanos, String content, String reasoning) {
}
