package io.perfsweep.mock;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The mock's own reading of an OpenAI chat or text completion request (independent of the client's wire classes).
 * Chat prompt text is the concatenation of the message contents (string contents, or the {@code text} of text parts).
 *
 * @param chat true for {@code /v1/chat/completions}
 * @param promptText the text whose o200k_base tokens are the prompt
 * @param maxTokens {@code max_completion_tokens}, else {@code max_tokens}
 * @param stream whether to answer with SSE
 * @param includeUsage {@code stream_options.include_usage}
 */
record CompletionRequest(boolean chat, String promptText, int maxTokens, boolean stream, boolean includeUsage) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses a request body; throws {@link MockRequestException} for what an OpenAI server answers with 400. */
    static CompletionRequest parse(byte[] body, boolean chat) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new MockRequestException("request body is not valid JSON", null);
        }
        if (root == null || !root.isObject()) {
            throw new MockRequestException("request body must be a JSON object", null);
        }
        String prompt = chat ? chatPrompt(root) : textPrompt(root);
        JsonNode max = root.hasNonNull("max_completion_tokens") ? root.get("max_completion_tokens") : root.get("max_tokens");
        if (max == null || max.isNull()) {
            throw new MockRequestException("max_output_tokens must be specified for mocker", "max_tokens");
        }
        if (!max.canConvertToInt() || !max.isIntegralNumber() || max.intValue() < 1) {
            throw new MockRequestException("max_tokens must be a positive integer", "max_tokens");
        }
        boolean stream = root.path("stream").asBoolean(false);
        boolean includeUsage = root.path("stream_options").path("include_usage").asBoolean(false);
        return new CompletionRequest(chat, prompt, max.intValue(), stream, includeUsage);
    }

    private static String chatPrompt(JsonNode root) {
        JsonNode messages = root.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new MockRequestException("messages must be a non-empty array", "messages");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode message : messages) {
            JsonNode content = message.get("content");
            if (content == null || content.isNull()) {
                continue;
            }
            if (content.isTextual()) {
                text.append(content.asText());
            } else if (content.isArray()) {
                for (JsonNode part : content) {
                    text.append(part.path("text").asText(""));
                }
            } else {
                throw new MockRequestException("message content must be a string or an array of parts", "messages");
            }
        }
        return text.toString();
    }

    private static String textPrompt(JsonNode root) {
        JsonNode prompt = root.get("prompt");
        if (prompt != null && prompt.isTextual()) {
            return prompt.asText();
        }
        if (prompt != null && prompt.isArray() && prompt.size() == 1 && prompt.get(0).isTextual()) {
            return prompt.get(0).asText();
        }
        throw new MockRequestException("prompt must be a string", "prompt");
    }
}
