package io.perfsweep.client;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.VertxInternal;

/**
 * Streams chat or completions requests to one server over a keep-alive HTTP/1.1 pool and records each SSE event
 * at the arrival of its first byte. All I/O runs on one event-loop context owned by this client.
 */
public final class StreamingClient implements AutoCloseable {

    private final Vertx vertx;
    private final ClientOptions options;
    private final Context context;
    private final HttpClient http;
    private final BaseUrl target;
    /** Requests not yet finished; touched on {@link #context} only. */
    private final Set<StreamExchange> inFlight = new HashSet<>();
    private volatile boolean closed;

    public StreamingClient(Vertx vertx, ClientOptions options) {
        this.vertx = vertx;
        this.options = options;
        this.target = options.target();
        this.context = eventLoopContext(vertx);
        this.http = vertx.createHttpClient(httpOptions(options, target));
    }

    /** Sends now; sentNanos is stamped right before the request is written. The future always succeeds. */
    public Future<StreamOutcome> send(StreamRequest request) {
        return submit(request).outcome();
    }

    /** Like {@link #send} but also returns a cancel handle. Callable from any thread. */
    public StreamHandle submit(StreamRequest request) {
        String requestId = request.requestId() != null ? request.requestId() : UUID.randomUUID().toString();
        Promise<StreamOutcome> promise = Promise.promise();
        Buffer body = RequestBodyWriter.write(request, options.endpoint()); // off the event loop when possible
        StreamExchange exchange = new StreamExchange(vertx, options, requestId, body, promise, inFlight::remove);
        onContext(() -> start(exchange));
        return new StreamHandle(requestId, promise.future(), () -> onContext(() -> exchange.cancel("cancelled")));
    }

    /** Cancels everything in flight (outcomes become {@code CANCELLED}) and closes the connection pool. */
    public Future<Void> closeAsync() {
        closed = true;
        Promise<Void> done = Promise.promise();
        onContext(() -> {
            for (StreamExchange exchange : new ArrayList<>(inFlight)) {
                exchange.cancel("client closed");
            }
            http.close().onComplete(done);
        });
        return done.future();
    }

    /** Starts {@link #closeAsync()} without waiting, so it is safe to call on the event loop. */
    @Override
    public void close() {
        closeAsync();
    }

    private void start(StreamExchange exchange) {
        if (closed) {
            exchange.cancel("client closed");
            return;
        }
        inFlight.add(exchange);
        exchange.start(http, new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.ssl())
                .setURI(target.pathFor(options.endpoint())));
    }

    private void onContext(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    /**
     * Arrival stamps must be taken on an event loop: a worker context (e.g. a blocking Quarkus consumer) would
     * delay every chunk by a worker-pool hop, so such callers get a fresh event-loop context instead.
     */
    private static Context eventLoopContext(Vertx vertx) {
        Context current = vertx.getOrCreateContext();
        if (current.isEventLoopContext() || !(vertx instanceof VertxInternal internal)) {
            return current;
        }
        return internal.createEventLoopContext();
    }

    private static HttpClientOptions httpOptions(ClientOptions options, BaseUrl target) {
        long requestTimeoutMillis = options.requestTimeout().toMillis();
        return new HttpClientOptions()
                .setMaxPoolSize(options.maxConnections())
                .setMaxWaitQueueSize(-1) // the caller bounds concurrency; never reject a request here
                .setPipelining(false)
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setSsl(target.ssl())
                .setConnectTimeout(requestTimeoutMillis > 0 && requestTimeoutMillis < Integer.MAX_VALUE
                        ? (int) requestTimeoutMillis
                        : HttpClientOptions.DEFAULT_CONNECT_TIMEOUT);
    }
}
