package io.perfsweep.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The parser frames one transcript identically however the bytes are split (vert.x RecordParserTest style). */
class SseParserSplitTest {

    private static final String TRANSCRIPT = ""
            + ": welcome, a comment-only block\n\n"
            + "data: {\"a\":1}\n\n"
            + "event: message\r\ndata:{\"b\":2}\r\n\r\n"
            + "id: 7\ndata: line one\ndata:  line two\n\n"
            + ": keep-alive\r\n\r\n"
            + "data: x\r\n: interleaved comment\r\ndata: y\n\n"
            + "data: cr only\r\r"
            + "retry: 100\n\n"
            + "data\n\n"
            + "data: \u00e9t\u00e9 \u2713 \uD83D\uDE00\n\n"
            + "\n\n"
            + "data: [DONE]\n\n";

    private static final List<String> EXPECTED = List.of(
            "{\"a\":1}",
            "{\"b\":2}",
            "line one\n line two",
            "x\ny",
            "cr only",
            "",
            "\u00e9t\u00e9 \u2713 \uD83D\uDE00",
            "[DONE]");

    private static final byte[] BYTES = TRANSCRIPT.getBytes(StandardCharsets.UTF_8);

    @Test
    void wholeTranscriptInOneChunk() {
        assertThat(parse(new int[] { BYTES.length })).isEqualTo(EXPECTED);
    }

    @Test
    void everyFixedChunkSizeFromOneToTwiceTheLength() {
        for (int size = 1; size <= 2 * BYTES.length; size++) {
            int[] sizes = new int[BYTES.length / size + 1];
            Arrays.fill(sizes, size);
            assertThat(parse(sizes)).as("chunk size %d", size).isEqualTo(EXPECTED);
        }
    }

    @Test
    void seededRandomChunkSizes() {
        Random random = new Random(20250611L);
        for (int round = 0; round < 500; round++) {
            int[] sizes = new int[BYTES.length];
            for (int i = 0; i < sizes.length; i++) {
                sizes[i] = 1 + random.nextInt(round % 2 == 0 ? 8 : 64);
            }
            assertThat(parse(sizes)).as("round %d", round).isEqualTo(EXPECTED);
        }
    }

    @Test
    void endDispatchesAnUnterminatedLastEvent() {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        parser.feed(bytes("data: a\n\ndata: tail"), 1);
        parser.end();
        assertThat(events).extracting(SseEvent::data).containsExactly("a", "tail");
    }

    @Test
    void emptyChunksChangeNothing() {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        parser.feed(bytes("data: a\r"), 1);
        parser.feed(new byte[0], 2);
        parser.feed(bytes("\n\r\n"), 3);
        assertThat(events).containsExactly(new SseEvent("a", 1));
    }

    @Test
    void slicedBuffersAreReadFromTheirOwnRangeOnly() {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        io.vertx.core.buffer.Buffer whole = io.vertx.core.buffer.Buffer.buffer("junkdata: a\n\ndata: bjunk");
        parser.feed(whole.slice(4, whole.length() - 4), 1);
        parser.feed(io.vertx.core.buffer.Buffer.buffer("\n\n"), 2);
        assertThat(events).containsExactly(new SseEvent("a", 1), new SseEvent("b", 1));
    }

    /** Feeds {@link #BYTES} in chunks of the given sizes (the last chunk is cut at the end) and collects data. */
    private static List<String> parse(int[] sizes) {
        List<String> data = new ArrayList<>();
        SseParser parser = new SseParser(event -> data.add(event.data()));
        int offset = 0;
        for (int i = 0; offset < BYTES.length; i++) {
            int length = Math.min(sizes[i], BYTES.length - offset);
            parser.feed(BYTES, offset, length, i);
            offset += length;
        }
        parser.end();
        return data;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
