package io.perfsweep.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.buffer.impl.BufferImpl;

/**
 * Incremental {@code text/event-stream} framer that stamps every event with the arrival of its first byte.
 * <p>
 * Each byte is looked at once: complete lines are read straight from the fed chunk, only a line cut by a chunk
 * boundary is copied, and an {@link EventSink} gets each event's data as bytes, so no {@link String} is made on the
 * hot path (the {@link Consumer} constructor makes one per event, for callers that want {@link SseEvent}s). Lines end at
 * {@code \n},
 * {@code \r\n} or {@code \r}; {@code :} lines are comments; {@code data} lines of one event are joined with
 * {@code \n}; other fields ({@code event}, {@code id}, {@code retry}) are ignored. An event is stamped with the
 * time of the chunk that held the first byte of its first line (AIPerf: {@code read(1)}, stamp, then read the
 * rest), never with the time of the chunk that completed it. Not thread-safe; one parser per response.
 * <p>
 * Memory is bounded: a line or an event larger than {@code maxEventBytes} (a server that never sends a line break, or
 * one 2 MB event) makes the parser drop what it holds and ignore the rest of the stream; {@link #tooLarge()} then says
 * so, and the caller fails the request. Without the bound, every stream of a point could buffer without limit.
 */
public final class SseParser {

    /** The largest line or event kept: far above any OpenAI chunk, low enough for a thousand streams at once. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 1 << 20;

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    /** Receives one dispatched event's data bytes; the array is only valid during the call. */
    @FunctionalInterface
    public interface EventSink {
        void onEvent(byte[] data, int offset, int length, long arrivalNanos);
    }

    private final EventSink sink;
    private final int maxEventBytes;
    private boolean tooLarge;

    /** A line cut by a chunk boundary; only such lines are copied. */
    private byte[] pendingLine = new byte[128];
    private int pendingLineLength;
    private boolean lineOpen;
    private long lineStartNanos;
    /** The previous chunk ended in CR, so a leading LF of the next chunk belongs to that line break. */
    private boolean skipLeadingLf;

    private byte[] data = new byte[256];
    private int dataLength;
    private boolean hasData;
    private boolean eventOpen;
    private long eventStartNanos;

    public SseParser(EventSink sink) {
        this(sink, DEFAULT_MAX_EVENT_BYTES);
    }

    /** @param maxEventBytes the largest line or event (data joined) kept; see {@link #tooLarge()} */
    public SseParser(EventSink sink, int maxEventBytes) {
        if (maxEventBytes < 1) {
            throw new IllegalArgumentException("maxEventBytes must be >= 1: " + maxEventBytes);
        }
        this.sink = sink;
        this.maxEventBytes = maxEventBytes;
    }

    /** Delivers each event as an {@link SseEvent} (one {@link String} per event). */
    public SseParser(Consumer<SseEvent> sink) {
        this(sink, DEFAULT_MAX_EVENT_BYTES);
    }

    /** Delivers each event as an {@link SseEvent}, keeping lines and events of at most {@code maxEventBytes}. */
    public SseParser(Consumer<SseEvent> sink, int maxEventBytes) {
        this((bytes, offset, length, nanos) -> sink
                .accept(new SseEvent(new String(bytes, offset, length, StandardCharsets.UTF_8), nanos)), maxEventBytes);
    }

    /** Feeds one network chunk read at {@code arrivalNanos}; reads a heap buffer in place instead of copying it. */
    public void feed(Buffer chunk, long arrivalNanos) {
        // Vert.x hands the HTTP client each read as a fresh heap buffer; read its array where it is (no index changes)
        if (chunk instanceof BufferImpl impl && impl.byteBuf().hasArray()) {
            ByteBuf buf = impl.byteBuf();
            feed(buf.array(), buf.arrayOffset() + buf.readerIndex(), buf.readableBytes(), arrivalNanos);
        } else {
            feed(chunk.getBytes(), arrivalNanos);
        }
    }

    /** Feeds one network chunk read at {@code arrivalNanos}. */
    public void feed(byte[] chunk, long arrivalNanos) {
        feed(chunk, 0, chunk.length, arrivalNanos);
    }

    /** Feeds {@code length} bytes of {@code chunk} from {@code offset}, read at {@code arrivalNanos}. */
    public void feed(byte[] chunk, int offset, int length, long arrivalNanos) {
        if (tooLarge) {
            return;
        }
        int position = offset;
        int end = offset + length;
        if (skipLeadingLf && position < end) {
            skipLeadingLf = false;
            if (chunk[position] == LF) {
                position++;
            }
        }
        while (position < end && !tooLarge) {
            int lineEnd = indexOfLineBreak(chunk, position, end);
            if (lineEnd < 0) {
                keepPartialLine(chunk, position, end, arrivalNanos);
                return;
            }
            if (lineOpen) {
                appendPendingLine(chunk, position, lineEnd);
                if (tooLarge) {
                    return;
                }
                lineOpen = false;
                onLine(pendingLine, 0, pendingLineLength, lineStartNanos);
                pendingLineLength = 0;
            } else {
                onLine(chunk, position, lineEnd - position, arrivalNanos);
            }
            position = lineEnd + 1;
            if (chunk[lineEnd] == CR) {
                if (position == end) {
                    skipLeadingLf = true;
                } else if (chunk[position] == LF) {
                    position++;
                }
            }
        }
    }

    /**
     * Ends the stream: an unterminated last line counts as a line and a pending event is dispatched. The SSE
     * spec would drop it; servers that close without the final blank line are common enough to be lenient.
     */
    public void end() {
        if (tooLarge) {
            return;
        }
        if (lineOpen) {
            lineOpen = false;
            onLine(pendingLine, 0, pendingLineLength, lineStartNanos);
            pendingLineLength = 0;
        }
        dispatch();
    }

    private static int indexOfLineBreak(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == LF || b == CR) {
                return i;
            }
        }
        return -1;
    }

    private void keepPartialLine(byte[] chunk, int from, int to, long arrivalNanos) {
        if (!lineOpen) {
            lineOpen = true;
            lineStartNanos = arrivalNanos;
        }
        appendPendingLine(chunk, from, to);
    }

    private void appendPendingLine(byte[] chunk, int from, int to) {
        int length = to - from;
        if (pendingLineLength + length > maxEventBytes) {
            overflow();
            return;
        }
        pendingLine = ensureCapacity(pendingLine, pendingLineLength + length);
        System.arraycopy(chunk, from, pendingLine, pendingLineLength, length);
        pendingLineLength += length;
    }

    private void onLine(byte[] bytes, int offset, int length, long lineNanos) {
        if (length == 0) {
            dispatch();
            return;
        }
        if (!eventOpen) {
            eventOpen = true;
            eventStartNanos = lineNanos;
        }
        if (isDataField(bytes, offset, length)) {
            int valueStart = offset + 4;
            int end = offset + length;
            if (valueStart < end) {
                valueStart++; // the ':'
                if (valueStart < end && bytes[valueStart] == ' ') {
                    valueStart++;
                }
            }
            appendData(bytes, valueStart, end - valueStart);
        }
    }

    private static boolean isDataField(byte[] bytes, int offset, int length) {
        return length >= 4 && bytes[offset] == 'd' && bytes[offset + 1] == 'a' && bytes[offset + 2] == 't'
                && bytes[offset + 3] == 'a' && (length == 4 || bytes[offset + 4] == ':');
    }

    private void appendData(byte[] bytes, int offset, int length) {
        if (dataLength + length + 1 > maxEventBytes) {
            overflow();
            return;
        }
        data = ensureCapacity(data, dataLength + length + 1);
        if (hasData) {
            data[dataLength++] = LF;
        }
        System.arraycopy(bytes, offset, data, dataLength, length);
        dataLength += length;
        hasData = true;
    }

    /** Whether a line or event exceeded {@code maxEventBytes}: the parser then holds nothing and reads no further. */
    public boolean tooLarge() {
        return tooLarge;
    }

    /** The largest line or event this parser keeps. */
    public int maxEventBytes() {
        return maxEventBytes;
    }

    private void overflow() {
        tooLarge = true;
        lineOpen = false;
        pendingLine = new byte[0];
        pendingLineLength = 0;
        data = new byte[0];
        dataLength = 0;
        hasData = false;
        eventOpen = false;
    }

    private void dispatch() {
        if (hasData) {
            sink.onEvent(data, 0, dataLength, eventStartNanos);
        }
        eventOpen = false;
        hasData = false;
        dataLength = 0;
    }

    private static byte[] ensureCapacity(byte[] array, int needed) {
        if (needed <= array.length) {
            return array;
        }
        return Arrays.copyOf(array, Math.max(needed, array.length * 2));
    }
}
