package io.perfsweep.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns SSE events into what AIPerf keeps: content-bearing chunks in order, the last non-null usage block and
 * the finish reason. Empty, role-only, usage-only and {@code [DONE]} events are dropped before any metric.
 */
final class ChunkCollector implements Consumer<SseEvent> {

    private static final String DONE = "[DONE]";
    private static final int EXCERPT_CHARS = 80;

    private final List<StreamChunk> chunks = new ArrayList<>();
    private ServerUsage usage;
    private String finishReason;
    private boolean doneSeen;
    private Failure failure;

    @Override
    public void accept(SseEvent event) {
        if (failure != null || doneSeen) {
            return;
        }
        String data = event.data();
        if (data.isBlank()) {
            return;
        }
        if (data.equals(DONE) || data.strip().equals(DONE)) {
            doneSeen = true;
            return;
        }
        DecodedChunk chunk;
        try {
            chunk = ChunkDecoder.decode(data);
        } catch (IOException e) {
            failure = Failure.of(ErrorKind.STREAM_PARSE, "non-JSON data: " + excerpt(data));
            return;
        }
        if (chunk.error() != null) {
            failure = Failure.of(ErrorKind.STREAM_PARSE, "error in stream: " + chunk.error());
            return;
        }
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        if (chunk.finishReason() != null) {
            finishReason = chunk.finishReason();
        }
        if (chunk.carriesText()) {
            chunks.add(new StreamChunk(event.arrivalNanos(), chunk.content(), chunk.reasoning()));
        }
    }

    List<StreamChunk> chunks() {
        return chunks;
    }

    ServerUsage usage() {
        return usage;
    }

    String finishReason() {
        return finishReason;
    }

    /** Whether {@code data: [DONE]} arrived, i.e. the server finished the stream on purpose. */
    boolean doneSeen() {
        return doneSeen;
    }

    /** The first stream-level failure, or null. */
    Failure failure() {
        return failure;
    }

    /** The failure to report once the stream has ended: a parse failure, no content at all, or null. */
    Failure failureAtEnd() {
        if (failure != null) {
            return failure;
        }
        return chunks.isEmpty() ? Failure.of(ErrorKind.EMPTY_RESPONSE, "stream ended without content") : null;
    }

    private static String excerpt(String data) {
        return data.length() <= EXCERPT_CHARS ? data : data.substring(0, EXCERPT_CHARS) + "...";
    }
}
