package io.perfsweep.mock;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * The mock's own OpenAI wire JSON for one request: streaming chunks, the usage chunk and non-streaming bodies, for chat
 * ({@code chat.completion[.chunk]}) and text completions ({@code text_completion}). Strings are built directly so the
 * zero-delay mode stays cheap; every dynamic string is JSON-escaped.
 */
final class ChunkFormat {

    static final String DONE_EVENT = "data: [DONE]\n\n";

    private final boolean chat;
    private final String headBeforeObject;
    private final String headAfterObject;

    ChunkFormat(boolean chat, String requestId, String modelName, long createdEpochSeconds) {
        this.chat = chat;
        String id = (chat ? "chatcmpl-" : "cmpl-") + requestId;
        this.headBeforeObject = "{\"id\":\"" + escape(id) + "\",\"object\":\"";
        this.headAfterObject = "\",\"created\":" + createdEpochSeconds + ",\"model\":\"" + escape(modelName) + "\",";
    }

    static String escape(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }

    private String head(String object) {
        return headBeforeObject + object + headAfterObject;
    }

    /** One SSE event carrying {@code text}; the first chat event also carries the assistant role. */
    String tokenEvent(String text, boolean first, boolean last) {
        String finish = last ? "\"length\"" : "null";
        StringBuilder sb = new StringBuilder(192).append("data: ");
        if (chat) {
            sb.append(head("chat.completion.chunk")).append("\"choices\":[{\"index\":0,\"delta\":{");
            if (first) {
                sb.append("\"role\":\"assistant\",");
            }
            sb.append("\"content\":\"").append(escape(text)).append("\"},\"logprobs\":null,\"finish_reason\":")
                    .append(finish).append("}]}");
        } else {
            sb.append(head("text_completion")).append("\"choices\":[{\"index\":0,\"text\":\"").append(escape(text))
                    .append("\",\"logprobs\":null,\"finish_reason\":").append(finish).append("}]}");
        }
        return sb.append("\n\n").toString();
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
