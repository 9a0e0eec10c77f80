package io.perfsweep.client;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads one chat or completions streaming chunk with Jackson's streaming parser, visiting only the fields it
 * needs: {@code choices[0]}, {@code usage} and {@code error}; everything else is skipped without building a tree.
 */
final class ChunkDecoder {

    private static final JsonFactory JSON = new JsonFactory();

    private ChunkDecoder() {
    }

    /**
     * Decodes one {@code data:} payload given as UTF-8 bytes (Jackson's byte parser, so the event is never turned into a
     * {@link String}); throws {@link IOException} when it is not a JSON object.
     */
    static DecodedChunk decode(byte[] json, int offset, int length) throws IOException {
        try (JsonParser parser = JSON.createParser(json, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(parser, "chunk is not a JSON object");
            }
            Fields fields = new Fields();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "choices" -> readChoices(parser, value, fields);
                    case "usage" -> fields.usage = value == JsonToken.START_OBJECT ? readUsage(parser) : null;
                    case "error" -> fields.error = readError(parser, value);
                    default -> parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                throw new JsonParseException(parser, "truncated chunk");
            }
            return fields.toChunk();
        }
    }

    private static void readChoices(JsonParser parser, JsonToken value, Fields fields) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        boolean first = true;
        for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
            if (first && element == JsonToken.START_OBJECT) {
                readChoice(parser, fields);
            } else {
                parser.skipChildren();
            }
            first = false;
        }
    }

    private static void readChoice(JsonParser parser, Fields fields) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "delta" -> readDelta(parser, value, fields);
                case "text" -> fields.text = textOrNull(parser, value);
                case "finish_reason" -> fields.finishReason = textOrNull(parser, value);
                default -> parser.skipChildren();
            }
        }
    }

    private static void readDelta(JsonParser parser, JsonToken value, Fields fields) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken fieldValue = parser.nextToken();
            switch (name) {
                case "content" -> fields.content = textOrNull(parser, fieldValue);
                case "reasoning_content" -> fields.reasoningContent = textOrNull(parser, fieldValue);
                case "reasoning" -> fields.reasoning = textOrNull(parser, fieldValue);
                default -> parser.skipChildren();
            }
        }
    }

    private static ServerUsage readUsage(JsonParser parser) throws IOException {
        Integer prompt = null, completion = null, total = null, reasoning = null, cached = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "prompt_tokens" -> prompt = intOrNull(parser, value);
                case "completion_tokens" -> completion = intOrNull(parser, value);
                case "total_tokens" -> total = intOrNull(parser, value);
                case "completion_tokens_details" -> reasoning = nestedInt(parser, value, "reasoning_tokens");
                case "prompt_tokens_details" -> cached = nestedInt(parser, value, "cached_tokens");
                default -> parser.skipChildren();
            }
        }
        return new ServerUsage(prompt, completion, total, reasoning, cached);
    }

    private static Integer nestedInt(JsonParser parser, JsonToken value, String field) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        Integer result = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken fieldValue = parser.nextToken();
            if (name.equals(field)) {
                result = intOrNull(parser, fieldValue);
            } else {
                parser.skipChildren();
            }
        }
        return result;
    }

    private static String readError(JsonParser parser, JsonToken value) throws IOException {
        return switch (value) {
            case VALUE_NULL -> null;
            case START_OBJECT -> {
                String message = "error object";
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    boolean isMessage = parser.currentName().equals("message");
                    JsonToken fieldValue = parser.nextToken();
                    if (isMessage && fieldValue == JsonToken.VALUE_STRING) {
                        message = parser.getText();
                    } else {
                        parser.skipChildren();
                    }
                }
                yield message;
            }
            case START_ARRAY -> {
                parser.skipChildren();
                yield "error array";
            }
            default -> parser.getText();
        };
    }

    private static String textOrNull(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            String text = parser.getText();
            return text.isEmpty() ? null : text;
        }
        parser.skipChildren(); // null, or a non-text shape such as a content-parts array
        return null;
    }

    private static Integer intOrNull(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            return parser.getIntValue();
        }
        parser.skipChildren();
        return null;
    }

    /** Mutable scratch for one decode. */
    private static final class Fields {
        String content;
        String text;
        String reasoningContent;
        String reasoning;
        String finishReason;
        ServerUsage usage;
        String error;

        DecodedChunk toChunk() {
            String body = content != null ? content : text;
            String thinking = reasoningContent != null ? reasoningContent : reasoning;
            return new DecodedChunk(body, thinking, usage, finishReason, error);
        }
    }
}
