package io.perfsweep.client;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.vertx.core.buffer.Buffer;

/** Writes the streaming request JSON straight into a Vert.x {@link Buffer}, so a huge prompt is copied once. */
final class RequestBodyWriter {

    private static final JsonFactory JSON = new JsonFactory();

    private RequestBodyWriter() {
    }

    static Buffer write(StreamRequest request, EndpointKind endpoint) {
        Buffer body = Buffer.buffer(request.prompt().length() + 256);
        try (JsonGenerator json = JSON.createGenerator(new BufferOutput(body))) {
            json.writeStartObject();
            json.writeStringField("model", request.model());
            if (endpoint == EndpointKind.CHAT) {
                json.writeArrayFieldStart("messages");
                json.writeStartObject();
                json.writeStringField("role", "user");
                json.writeStringField("content", request.prompt());
                json.writeEndObject();
                json.writeEndArray();
            } else {
                json.writeStringField("prompt", request.prompt());
            }
            json.writeBooleanField("stream", true);
            json.writeObjectFieldStart("stream_options");
            json.writeBooleanField("include_usage", true);
            json.writeEndObject();
            writeLengthControls(json, request);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: the sink is memory
        }
        return body;
    }

    private static void writeLengthControls(JsonGenerator json, StreamRequest request) throws IOException {
        if (request.maxTokens() != null) {
            json.writeNumberField("max_tokens", request.maxTokens());
            if (request.sendMinTokens()) {
                json.writeNumberField("min_tokens", request.maxTokens());
            }
        }
        if (request.ignoreEos()) {
            json.writeBooleanField("ignore_eos", true);
        }
        if (request.nvextIgnoreEos()) {
            json.writeObjectFieldStart("nvext");
            json.writeBooleanField("ignore_eos", true);
            json.writeEndObject();
        }
    }

    /** Adapts a growing {@link Buffer} to the {@link OutputStream} Jackson writes to. */
    private static final class BufferOutput extends OutputStream {
        private final Buffer buffer;

        BufferOutput(Buffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public void write(int b) {
            buffer.appendByte((byte) b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            buffer.appendBytes(bytes, offset, length);
        }
    }
}
