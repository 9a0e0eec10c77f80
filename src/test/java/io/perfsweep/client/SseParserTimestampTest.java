package io.perfsweep.client;

import static io.perfsweep.client.SseParserSplitTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Every event carries the arrival of the network chunk that held its first byte. */
class SseParserTimestampTest {

    private final List<SseEvent> events = new ArrayList<>();
    private final SseParser parser = new SseParser(events::add);

    @Test
    void eventsInOneChunkEachGetThatChunksTime() {
        parser.feed(bytes("data: a\n\ndata: b\n\ndata: c\n\n"), 100);
        assertThat(events).containsExactly(new SseEvent("a", 100), new SseEvent("b", 100), new SseEvent("c", 100));
    }

    @Test
    void eventSplitAcrossChunksGetsTheTimeOfItsFirstByte() {
        parser.feed(bytes("data: a\n\nd"), 100);
        parser.feed(bytes("ata: b"), 200);
        parser.feed(bytes("\n\n"), 300);
        assertThat(events).containsExactly(new SseEvent("a", 100), new SseEvent("b", 100));
    }

    @Test
    void eventSpanningManyChunksKeepsItsFirstChunksTime() {
        parser.feed(bytes("data: {\"choices\":"), 100);
        parser.feed(bytes("[{\"delta\":"), 200);
        parser.feed(bytes("{}}]}\n"), 300);
        parser.feed(bytes("\n"), 400);
        assertThat(events).containsExactly(new SseEvent("{\"choices\":[{\"delta\":{}}]}", 100));
    }

    /**
     * The known bug: stamping an event when the previous network chunk completed (or with the previous event's
     * time). Here chunk 1 ends exactly after event a; b and c arrive together in chunk 2 and must carry 200.
     */
    @Test
    void regressionPreviousEventStamping() {
        parser.feed(bytes("data: a\n\n"), 100);
        parser.feed(bytes("data: b\n\ndata: c\n\n"), 200);
        parser.feed(bytes("data: d\n"), 300);
        parser.feed(bytes("\n"), 400);
        assertThat(events).containsExactly(new SseEvent("a", 100), new SseEvent("b", 200), new SseEvent("c", 200),
                new SseEvent("d", 300));
    }

    @Test
    void eventStartsAfterTheBlankLineEvenWhenTheBlankLineArrivesLate() {
        parser.feed(bytes("data: a\n"), 100);
        parser.feed(bytes("\n"), 200);
        parser.feed(bytes("\n\n"), 250); // extra blank lines start nothing
        parser.feed(bytes("data: b\n\n"), 300);
        assertThat(events).containsExactly(new SseEvent("a", 100), new SseEvent("b", 300));
    }

    @Test
    void leadingCommentStampsTheEventItBelongsTo() {
        parser.feed(bytes(": ping\n"), 100);
        parser.feed(bytes("data: a\n\n"), 200);
        assertThat(events).containsExactly(new SseEvent("a", 100));
    }

    @Test
    void crAtChunkEndAndLfAtNextStartIsOneLineBreak() {
        parser.feed(bytes("data: a\r"), 100);
        parser.feed(bytes("\ndata: b\r\n\r\n"), 200);
        assertThat(events).containsExactly(new SseEvent("a\nb", 100));
    }

    @Test
    void twoMegabyteSingleEventArrivingByteByByteIsLinear() {
        StringBuilder payload = new StringBuilder(2 << 20);
        while (payload.length() < 2 << 20) {
            payload.append("0123456789abcdef");
        }
        byte[] wire = bytes("data: " + payload + "\n\n");
        SseParser parser = new SseParser(events::add, 4 << 20); // above the default bound, to time the framing
        long started = System.nanoTime();
        for (int offset = 0; offset < wire.length; offset += 3) {
            parser.feed(wire, offset, Math.min(3, wire.length - offset), offset == 0 ? 7 : 8);
        }
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.data()).hasSize(payload.length());
            assertThat(event.arrivalNanos()).isEqualTo(7);
        });
        assertThat(elapsedMillis).as("quadratic re-scanning would take minutes").isLessThan(5_000);
    }

    /** One event over the bound (a server that never ends its line) is dropped, and so is the rest of the stream. */
    @Test
    void anEventOverTheBoundIsDroppedWithTheRestOfTheStream() {
        String big = "x".repeat(SseParser.DEFAULT_MAX_EVENT_BYTES);
        parser.feed(bytes("data: a\n\ndata: " + big.substring(0, 1000)), 1);
        assertThat(parser.tooLarge()).isFalse();
        parser.feed(bytes(big), 2);
        parser.feed(bytes("\n\ndata: b\n\n"), 3);
        parser.end();

        assertThat(parser.tooLarge()).isTrue();
        assertThat(events).containsExactly(new SseEvent("a", 1));
    }
}
