package io.perfsweep.mock;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import io.vertx.core.buffer.Buffer;

/**
 * The mock's own OpenAI wire JSON for one request: streaming chunks, the usage chunk and non-streaming bodies, for chat
 * ({@code chat.completion[.chunk]}) and text completions ({@code text_completion}). Token events are appended as bytes
 * from parts encoded once per request, so the zero-delay mode stays cheap; every dynamic string is JSON-escaped.
 */
final class ChunkFormat {

    static final String DONE_EVENT = "data: [DONE]\n\n";

    private final boolean chat;
    private final String headBeforeObject;
    private final String headAfterObject;
    /** UTF-8 of a token event up to its text, for the first and for later events (the first carries the role). */
    private final byte[] firstEventStart;
    private final byte[] eventStart;
    /** UTF-8 of a token event after its text, for a middle and for the last event (finish_reason "length"). */
    private final byte[] eventEnd;
    private final byte[] lastEventEnd;

    ChunkFormat(boolean chat, String requestId, String modelName, long createdEpochSeconds) {
        this.chat = chat;
        String id = (chat ? "chatcmpl-" : "cmpl-") + requestId;
        this.headBeforeObject = "{\"id\":\"" + escape(id) + "\",\"object\":\"";
        this.headAfterObject = "\",\"created\":" + createdEpochSeconds + ",\"model\":\"" + escape(modelName) + "\",";
        this.firstEventStart = utf8(eventStart(true));
        this.eventStart = utf8(eventStart(false));
        this.eventEnd = utf8(eventEnd(false));
        this.lastEventEnd = utf8(eventEnd(true));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Appends one SSE event carrying tokens {@code firstIndex .. firstIndex + count - 1} of a request's word sequence,
     * the first chat event also carrying the assistant role. No strings are built: the fixed parts are encoded once per
     * request and the words once per vocabulary.
     */
    void appendTokenEvent(Buffer out, Vocabulary vocabulary, int wordOffset, int firstIndex, int count, boolean last) {
        out.appendBytes(firstIndex == 0 ? firstEventStart : eventStart);
        for (int i = firstIndex; i < firstIndex + count; i++) {
            out.appendBytes(vocabulary.escapedWord(wordOffset, i));
        }
        out.appendBytes(last ? lastEventEnd : eventEnd);
    }

    static String escape(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }

    private String head(String object) {
        return headBeforeObject + object + headAfterObject;
    }

    /** A token event up to its text. */
    private String eventStart(boolean first) {
        StringBuilder sb = new StringBuilder(160).append("data: ");
        if (chat) {
            sb.append(head("chat.completion.chunk")).append("\"choices\":[{\"index\":0,\"delta\":{");
            if (first) {
                sb.append("\"role\":\"assistant\",");
            }
            sb.append("\"content\":\"");
        } else {
            sb.append(head("text_completion")).append("\"choices\":[{\"index\":0,\"text\":\"");
        }
        return sb.toString();
    }

    /** A token event after its text. */
    private String eventEnd(boolean last) {
        return (chat ? "\"}" : "\"") + ",\"logprobs\":null,\"finish_reason\":" + (last ? "\"length\"" : "null")
                + "}]}\n\n";
    }

    /** The final usage-only SSE event ({@code stream_options.include_usage}). */
    String usageEvent(int promptTokens, int completionTokens, int cachedTokens) {
        String object = chat ? "chat.completion.chunk" : "text_completion";
        return "data: " + head(object) + "\"choices\":[],\"usage\":" + usage(promptTokens, completionTokens, cachedTokens)
                + "}\n\n";
    }

    /** The whole non-streaming response body. */
    String fullResponse(String text, int promptTokens, int completionTokens, int cachedTokens) {
        String choice = chat
                ? "{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + escape(text)
                        + "\"},\"logprobs\":null,\"finish_reason\":\"length\"}"
                : "{\"index\":0,\"text\":\"" + escape(text) + "\",\"logprobs\":null,\"finish_reason\":\"length\"}";
        return head(chat ? "chat.completion" : "text_completion") + "\"choices\":[" + choice + "],\"usage\":"
                + usage(promptTokens, completionTokens, cachedTokens) + "}";
    }

    static String usage(int promptTokens, int completionTokens, int cachedTokens) {
        return "{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":" + completionTokens
                + ",\"total_tokens\":" + (promptTokens + completionTokens)
                + ",\"prompt_tokens_details\":{\"cached_tokens\":" + cachedTokens + "}}";
    }

    /** An OpenAI-style error body. */
    static String error(String message, String type, String param, int code) {
        return "{\"error\":{\"message\":\"" + escape(message) + "\",\"type\":\"" + type + "\",\"param\":"
                + (param == null ? "null" : "\"" + escape(param) + "\"") + ",\"code\":" + code + "}}";
    }
}
