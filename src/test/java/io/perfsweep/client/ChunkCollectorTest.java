package io.perfsweep.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** AIPerf's chunk rules on hand-written OpenAI chunks: what counts, what is dropped, which usage wins. */
class ChunkCollectorTest {

    private static final String ROLE_ONLY = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":"
            + "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}";
    private static final String USAGE_ONLY = "{\"id\":\"c1\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,"
            + "\"completion_tokens\":3,\"total_tokens\":15,\"completion_tokens_details\":{\"reasoning_tokens\":1},"
            + "\"prompt_tokens_details\":{\"cached_tokens\":8}}}";

    private final ChunkCollector collector = new ChunkCollector();

    @Test
    void roleOnlyFirstChunkIsDroppedAndContentChunksKeepTheirArrival() {
        feed(10, ROLE_ONLY);
        feed(20, chat("Hel"));
        feed(30, chat("lo"));
        feed(40, "[DONE]");
        StreamOutcome outcome = outcome();
        assertThat(outcome.responseNanos()).containsExactly(20, 30);
        assertThat(outcome.firstContentIndex()).isZero();
        assertThat(outcome.joinedContent()).isEqualTo("Hello");
        assertThat(outcome.hasReasoningField()).isFalse();
        assertThat(outcome.ok()).isTrue();
    }

    @Test
    void usageOnlyChunkIsDroppedButItsUsageKept() {
        feed(10, chat("a"));
        feed(20, USAGE_ONLY);
        assertThat(outcome().responseNanos()).containsExactly(10);
        assertThat(collector.usage()).isEqualTo(new ServerUsage(12, 3, 15, 1, 8));
    }

    @Test
    void lastNonNullUsageWins() {
        feed(10, "{\"choices\":[{\"delta\":{\"content\":\"a\"}}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":1}}");
        feed(20, "{\"choices\":[{\"delta\":{\"content\":\"b\"}}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":2}}");
        feed(30, "{\"choices\":[{\"delta\":{\"content\":\"c\"}}],\"usage\":null}");
        assertThat(outcome().responseNanos()).containsExactly(10, 20, 30); // a chunk with usage still counts when it has content
        assertThat(collector.usage()).isEqualTo(new ServerUsage(12, 2, null, null, null));
    }

    @Test
    void reasoningIsKeptSeparateFromContent() {
        feed(10, "{\"choices\":[{\"delta\":{\"reasoning_content\":\"think \"}}]}");
        feed(20, "{\"choices\":[{\"delta\":{\"reasoning\":\"more\"}}]}");
        feed(30, "{\"choices\":[{\"delta\":{\"content\":\"answer\",\"reasoning_content\":null}}]}");
        feed(40, "{\"choices\":[{\"delta\":{\"content\":\"\",\"reasoning_content\":\"\"}}]}");
        StreamOutcome outcome = outcome();
        assertThat(outcome.responseNanos()).containsExactly(10, 20, 30);
        assertThat(outcome.firstContentIndex()).isEqualTo(2); // the first chunk with content, not reasoning
        assertThat(outcome.joinedReasoning()).isEqualTo("think more");
        assertThat(outcome.joinedContent()).isEqualTo("answer");
        assertThat(outcome.hasReasoningField()).isTrue();
    }

    @Test
    void completionsTextCountsAndEmptyTextIsDropped() {
        feed(10, "{\"object\":\"text_completion\",\"choices\":[{\"index\":0,\"text\":\"Once\"}]}");
        feed(20, "{\"object\":\"text_completion\",\"choices\":[{\"index\":0,\"text\":\"\"}]}");
        feed(30, "{\"object\":\"text_completion\",\"choices\":[{\"index\":0,\"text\":\" upon\",\"logprobs\":null}]}");
        StreamOutcome outcome = outcome();
        assertThat(outcome.responseNanos()).containsExactly(10, 30);
        assertThat(outcome.joinedContent()).isEqualTo("Once upon");
        assertThat(outcome.hasReasoningField()).isFalse();
    }

    @Test
    void finishReasonIsKeptFromAnEmptyChunk() {
        feed(10, chat("a"));
        feed(20, "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}");
        assertThat(outcome().responseNanos()).containsExactly(10);
        assertThat(collector.finishReason()).isEqualTo("length");
    }

    @Test
    void onlyTheFirstChoiceCountsAndUnknownFieldsAreSkipped() {
        feed(10, "{\"x\":{\"nested\":[1,{\"y\":2}]},\"choices\":[{\"delta\":{\"content\":\"first\",\"tool_calls\":[]}},"
                + "{\"delta\":{\"content\":\"second\"}}]}");
        assertThat(outcome().responseNanos()).containsExactly(10);
        assertThat(outcome().joinedContent()).isEqualTo("first");
    }

    @Test
    void doneEndsTheStreamAndLaterEventsAreIgnored() {
        feed(10, chat("a"));
        feed(20, "[DONE]");
        feed(30, chat("late"));
        assertThat(collector.doneSeen()).isTrue();
        assertThat(outcome().responseNanos()).containsExactly(10);
        assertThat(outcome().joinedContent()).isEqualTo("a");
    }

    @Test
    void nonJsonDataIsAStreamParseFailure() {
        feed(10, chat("a"));
        feed(20, "this is not json");
        assertThat(collector.failure()).isEqualTo(Failure.of(ErrorKind.STREAM_PARSE, "non-JSON data: this is not json"));
        feed(30, chat("b"));
        assertThat(outcome().responseNanos()).containsExactly(10);
        assertThat(outcome().joinedContent()).isEqualTo("a");
    }

    @Test
    void truncatedJsonAndNonObjectsAreStreamParseFailures() {
        for (String bad : List.of("{\"choices\":[", "[1,2]", "42", "{\"a\":1")) {
            ChunkCollector fresh = new ChunkCollector();
            fresh.accept(new SseEvent(bad, 1));
            assertThat(fresh.failure()).as(bad).extracting(Failure::kind).isEqualTo(ErrorKind.STREAM_PARSE);
        }
    }

    @Test
    void inStreamErrorObjectIsAFailure() {
        feed(10, "{\"error\":{\"message\":\"out of KV cache\",\"code\":500}}");
        assertThat(collector.failure()).isEqualTo(Failure.of(ErrorKind.STREAM_PARSE, "error in stream: out of KV cache"));
    }

    @Test
    void streamWithoutContentIsAnEmptyResponse() {
        feed(10, ROLE_ONLY);
        feed(20, USAGE_ONLY);
        feed(30, "[DONE]");
        assertThat(collector.failureAtEnd().kind()).isEqualTo(ErrorKind.EMPTY_RESPONSE);
    }

    @Test
    void paddedDoneIsStillDoneAndBlankDataIsDropped() {
        feed(10, chat("a"));
        feed(15, "  \t ");
        feed(20, " [DONE] ");
        assertThat(collector.doneSeen()).isTrue();
        assertThat(outcome().responseNanos()).containsExactly(10);
    }

    @Test
    void longNonJsonDataIsQuotedAsAnEightyCharExcerpt() {
        feed(10, "y".repeat(500));
        assertThat(collector.failure().message()).isEqualTo("non-JSON data: " + "y".repeat(80) + "...");
    }

    @Test
    void bytesFedInPlaceDecodeOnlyTheirRange() {
        byte[] framed = ("xx" + chat("mid") + "yy").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        collector.onEvent(framed, 2, framed.length - 4, 10);
        assertThat(collector.failure()).isNull();
        assertThat(outcome().joinedContent()).isEqualTo("mid");
    }

    @Test
    void failureMessagesAreCappedAt200Chars() {
        Failure failure = Failure.of(ErrorKind.STREAM_PARSE, "x".repeat(1000));
        assertThat(failure.message()).hasSize(Failure.MAX_MESSAGE_CHARS);
    }

    @Test
    void contentThatEndsWithNeitherDoneNorAFinishReasonIsIncomplete() {
        feed(10, chat("cut"));
        feed(20, chat(" sho"));
        assertThat(collector.failureAtEnd()).isEqualTo(Failure.of(ErrorKind.INCOMPLETE,
                "stream ended without [DONE] after 2 content events and no finish_reason"));
    }

    /** OpenAI-compatible servers send {@code [DONE]} after the finish reason: a stream that stops there is cut short. */
    @Test
    void aFinishReasonWithoutDoneIsIncompleteToo() {
        feed(10, chat("a"));
        feed(20, "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
        feed(30, USAGE_ONLY);
        assertThat(collector.failureAtEnd()).isEqualTo(Failure.of(ErrorKind.INCOMPLETE,
                "stream ended without [DONE] after 1 content events (finish_reason stop)"));
        assertThat(outcome().ok()).isFalse();
    }

    @Test
    void doneAfterTheFinishReasonIsAWholeAnswer() {
        feed(10, chat("a"));
        feed(20, "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
        feed(30, "[DONE]");
        assertThat(collector.failureAtEnd()).isNull();
        assertThat(outcome().ok()).isTrue();
    }

    private void feed(long arrivalNanos, String data) {
        collector.accept(new SseEvent(data, arrivalNanos));
    }

    private StreamOutcome outcome() {
        return collector.outcome("r", 0, 1, 50, collector.failureAtEnd());
    }

    private static String chat(String content) {
        return "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":null}]}";
    }
}
