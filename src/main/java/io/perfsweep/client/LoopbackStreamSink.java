package io.perfsweep.client;

import java.nio.charset.StandardCharsets;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;

/**
 * An in-process stand-in for an OpenAI-compatible server on a loopback port, for warming the client's measuring path
 * without sending anything to the target: every POST streams {@value #EVENTS} content events shaped like vLLM's and
 * Dynamo's chat and completions chunks, a usage event and {@code [DONE]}, as fast as the socket takes them. It writes
 * {@value #EVENTS_PER_WRITE} events at a time and yields to its event loop between writes, so connections interleave
 * and each read holds one write or a few, as reads do against a busy real server.
 * <p>
 * Why not one event a write: the sink runs in the client's own process, so every write (a system call, and on loopback
 * the client's receive path in the kernel too) is CPU the user's run pays for. Writing one event at a time, the sink's
 * loop took ~0.5 CPU-s of a 6 CPU-s {@code run} (100 streams, 1,600 requests); four at a time, the whole run used
 * 0.95× the CPU in 10 of 11 pairs and the warm-up ended sooner, while the first point read as exactly at 4 and 100
 * streams and within 0.1 ms at one (docs/benchmarks.md, 2026-12-07 16:40).
 */
public final class LoopbackStreamSink implements AutoCloseable {

    /** Content events per response. */
    public static final int EVENTS = 32;
    /** Content events per write: a divisor of {@link #EVENTS}. */
    static final int EVENTS_PER_WRITE = 4;

    private static final Buffer CHAT_EVENT = event("{\"id\":\"chatcmpl-warmup\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1700000000,\"model\":\"warmup\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" token\"},"
            + "\"logprobs\":null,\"finish_reason\":null}]}");
    private static final Buffer COMPLETION_EVENT = event("{\"id\":\"cmpl-warmup\",\"object\":\"text_completion\","
            + "\"created\":1700000000,\"model\":\"warmup\",\"choices\":[{\"index\":0,\"text\":\" token\","
            + "\"logprobs\":null,\"finish_reason\":null}]}");
    private static final Buffer USAGE_EVENT = event("{\"id\":\"chatcmpl-warmup\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1700000000,\"model\":\"warmup\",\"choices\":[{\"index\":0,\"delta\":{},"
            + "\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":16,\"completion_tokens\":" + EVENTS
            + ",\"total_tokens\":" + (16 + EVENTS) + "}}");
    private static final Buffer DONE = event("[DONE]");
    private static final Buffer CHAT_EVENTS = repeat(CHAT_EVENT, EVENTS_PER_WRITE);
    private static final Buffer COMPLETION_EVENTS = repeat(COMPLETION_EVENT, EVENTS_PER_WRITE);

    private final Vertx vertx;
    private final HttpServer server;

    private LoopbackStreamSink(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** Listens on a free port of 127.0.0.1. */
    public static Future<LoopbackStreamSink> start(Vertx vertx) {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setTcpNoDelay(true));
        LoopbackStreamSink sink = new LoopbackStreamSink(vertx, server);
        server.requestHandler(request -> request.body().onSuccess(body -> sink.stream(request.response(),
                request.path().endsWith("/chat/completions"))));
        return server.listen().map(sink);
    }

    /** The base URL to point a {@link StreamingClient} at. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    private void stream(HttpServerResponse response, boolean chat) {
        response.setChunked(true).putHeader("Content-Type", "text/event-stream");
        writeEvents(response, chat ? CHAT_EVENTS : COMPLETION_EVENTS, 0);
    }

    private void writeEvents(HttpServerResponse response, Buffer events, int written) {
        if (response.closed()) {
            return;
        }
        if (written >= EVENTS) { // a count per write that did not divide EVENTS would overshoot, never stream forever
            response.write(USAGE_EVENT);
            response.end(DONE);
            return;
        }
        response.write(events);
        vertx.runOnContext(v -> writeEvents(response, events, written + EVENTS_PER_WRITE));
    }

    private static Buffer repeat(Buffer event, int times) {
        Buffer events = Buffer.buffer();
        for (int i = 0; i < times; i++) {
            events.appendBuffer(event);
        }
        return events;
    }

    private static Buffer event(String data) {
        return Buffer.buffer("data: " + data + "\n\n", StandardCharsets.UTF_8.name());
    }

    /** Stops listening; waits for nothing. */
    @Override
    public void close() {
        server.close();
    }
}
