package io.perfsweep.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns SSE events into what AIPerf keeps, compactly: the arrival time of every content-bearing event in a growable
 * {@code long[]}, the index of the first one with content (not reasoning), the content and reasoning text joined as it
 * arrives, the last non-null usage block and the finish reason. Empty, role-only, usage-only and {@code [DONE]} events
 * are dropped before any metric. Nothing per event outlives the event, so 1000 long streams stay small.
 */
final class ChunkCollector implements SseParser.EventSink {

    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);
    private static final int EXCERPT_BYTES = 80;

    private final FastChunkScanner scanner = new FastChunkScanner();
    private long[] arrivals = new long[64];
    private int count;
    private int firstContentIndex = -1;
    private final StringBuilder content = new StringBuilder();
    /** Null until an event carries reasoning text, so "no reasoning field" and "empty reasoning" stay distinct. */
    private StringBuilder reasoning;
    private ServerUsage usage;
    private String finishReason;
    private boolean doneSeen;
    private Failure failure;

    /** String entry point, for callers holding decoded events (tests, tools); the client feeds bytes. */
    void accept(SseEvent event) {
        byte[] data = event.data().getBytes(StandardCharsets.UTF_8);
        onEvent(data, 0, data.length, event.arrivalNanos());
    }

    @Override
    public void onEvent(byte[] data, int offset, int length, long arrivalNanos) {
        if (failure != null || doneSeen) {
            return;
        }
        int start = offset;
        int end = offset + length;
        while (start < end && isWhitespace(data[start])) {
            start++;
        }
        while (end > start && isWhitespace(data[end - 1])) {
            end--;
        }
        if (start == end) {
            return;
        }
        if (Arrays.equals(data, start, end, DONE, 0, DONE.length)) {
            doneSeen = true;
            return;
        }
        DecodedChunk chunk = scanner.tryDecode(data, offset, length);
        try {
            if (chunk == null) {
                chunk = ChunkDecoder.decode(data, offset, length);
            }
        } catch (IOException e) {
            failure = Failure.of(ErrorKind.STREAM_PARSE, "non-JSON data: " + excerpt(data, offset, length));
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
            record(arrivalNanos, chunk.content(), chunk.reasoning());
        }
    }

    private void record(long arrivalNanos, String text, String thinking) {
        if (count == arrivals.length) {
            arrivals = Arrays.copyOf(arrivals, count * 2);
        }
        if (text != null) {
            content.append(text);
            if (firstContentIndex < 0) {
                firstContentIndex = count;
            }
        }
        if (thinking != null) {
            if (reasoning == null) {
                reasoning = new StringBuilder();
            }
            reasoning.append(thinking);
        }
        arrivals[count++] = arrivalNanos;
    }

    /** Content-bearing events so far. */
    int count() {
        return count;
    }

    /** The outcome of this stream so far, with the given identity, times and failure. */
    StreamOutcome outcome(String requestId, long sentNanos, long connectedNanos, long endNanos,
            Failure outcomeFailure) {
        return new StreamOutcome(requestId, sentNanos, connectedNanos, endNanos, Arrays.copyOf(arrivals, count),
                firstContentIndex,
                content.toString(), reasoning == null ? null : reasoning.toString(), usage, finishReason,
                outcomeFailure);
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

    /**
     * The failure to report once the stream has ended: a parse failure, no content at all, no {@code [DONE]}, or null.
     * An OpenAI-compatible server ends every stream with {@code data: [DONE]} (after the finish reason and the usage
     * event); a stream that ends without it was cut short somewhere (a proxy, a server that dropped the request), so
     * its answer is not known to be whole, even when a finish reason came.
     */
    Failure failureAtEnd() {
        if (failure != null) {
            return failure;
        }
        if (count == 0) {
            return Failure.of(ErrorKind.EMPTY_RESPONSE, "stream ended without content");
        }
        return doneSeen ? null
                : Failure.of(ErrorKind.INCOMPLETE, "stream ended without [DONE] after " + count + " content events"
                        + (finishReason == null ? " and no finish_reason" : " (finish_reason " + finishReason + ")"));
    }

    /** What {@link String#isBlank()} and {@link String#strip()} treat as blank, for the ASCII range SSE data uses. */
    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == 0x0B || (b >= 0x1C && b <= 0x1F);
    }

    private static String excerpt(byte[] data, int offset, int length) {
        String text = new String(data, offset, Math.min(length, EXCERPT_BYTES * 4 + 4), StandardCharsets.UTF_8);
        return text.length() <= EXCERPT_BYTES ? text : text.substring(0, EXCERPT_BYTES) + "...";
    }
}
