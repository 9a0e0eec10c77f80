package io.perfsweep.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;

/**
 * A real Vert.x SSE server on an ephemeral loopback port. Each test scripts what it writes and when; the server
 * records the {@link System#nanoTime()} of every write and what it received. Closing Vert.x closes it.
 */
final class ScriptedSseServer {

    /** What one request carried. */
    record Received(String path, MultiMap headers, Buffer body) {
    }

    final List<Long> writeNanos = Collections.synchronizedList(new ArrayList<>());
    final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    final Set<HttpConnection> connections = ConcurrentHashMap.newKeySet();
    /** Connections accepted and connections closed, whether or not a request came on them. */
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();

    private final Vertx vertx;
    private final HttpServer server;

    private ScriptedSseServer(Vertx vertx, BiConsumer<ScriptedSseServer, HttpServerResponse> script) throws Exception {
        this.vertx = vertx;
        // No h2c detection: it waits for a connection's first bytes before it reports the connection.
        this.server = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                .connectionHandler(connection -> {
                    accepted.incrementAndGet();
                    connection.closeHandler(v -> closed.incrementAndGet());
                }).requestHandler(request -> {
                    connections.add(request.connection());
                    request.body().onSuccess(body -> {
                        received.add(new Received(request.path(), request.headers(), body));
                        script.accept(this, request.response());
                    });
                });
        await(server.listen(0, "127.0.0.1"));
    }

    static ScriptedSseServer start(Vertx vertx, BiConsumer<ScriptedSseServer, HttpServerResponse> script)
            throws Exception {
        return new ScriptedSseServer(vertx, script);
    }

    int port() {
        return server.actualPort();
    }

    String baseUrl() {
        return "127.0.0.1:" + port();
    }

    /** Starts a 200 event-stream response. */
    static void beginStream(HttpServerResponse response) {
        response.setChunked(true).putHeader("Content-Type", "text/event-stream").setStatusCode(200);
    }

    /** Writes one payload now and records when. */
    void write(HttpServerResponse response, String payload) {
        writeNanos.add(System.nanoTime());
        response.write(payload);
    }

    /** Writes the payloads {@code gapMillis} apart (the first right away), then ends the response. */
    void writePaced(HttpServerResponse response, List<String> payloads, long gapMillis) {
        writePaced(response, payloads, 0, gapMillis);
    }

    private void writePaced(HttpServerResponse response, List<String> payloads, int index, long gapMillis) {
        if (index == payloads.size()) {
            response.end();
            return;
        }
        write(response, payloads.get(index));
        vertx.setTimer(gapMillis, id -> writePaced(response, payloads, index + 1, gapMillis));
    }

    static String content(String text) {
        return event("{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text
                + "\"},\"finish_reason\":null}]}");
    }

    static String roleOnly() {
        return event("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}");
    }

    static String finishAndUsage(int promptTokens, int completionTokens) {
        return event("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}")
                + event("{\"choices\":[],\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":"
                        + completionTokens + ",\"total_tokens\":" + (promptTokens + completionTokens) + "}}")
                + event("[DONE]");
    }

    static String event(String data) {
        return "data: " + data + "\n\n";
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
