package io.perfsweep.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.RequestOptions;

/**
 * A share of a {@link StreamingClient} on one event loop: a context and its own connection pool, so every connection
 * of the lane is read and written on that one loop and no exchange ever hops threads.
 */
final class ClientLane {

    private static final System.Logger LOG = System.getLogger(ClientLane.class.getName());

    private final Context context;
    private final HttpClient http;
    private final int capacity;
    /** Exchanges reserved on this lane, counted from any thread; never above {@link #capacity} when reserved. */
    private final AtomicInteger reserved = new AtomicInteger();
    /** Exchanges started and not finished; touched on {@link #context} only. */
    private final Set<StreamExchange> inFlight = new HashSet<>();
    /** Requests already holding an open connection, taken by the next exchanges; touched on {@link #context} only. */
    private final ArrayDeque<HttpClientRequest> preconnected = new ArrayDeque<>();
    /** Touched on {@link #context} only. */
    private boolean closed;

    ClientLane(Vertx vertx, Context context, HttpClientOptions options) {
        this.context = context;
        this.capacity = options.getMaxPoolSize();
        // A connection's transport error also fails the exchange on it, which records the reason; without a handler
        // Vert.x would log each one again at ERROR (one line per reset by a misbehaving target).
        this.http = vertx.httpClientBuilder().with(options).with(options.getPoolOptions())
                .withConnectHandler(connection -> connection.exceptionHandler(ClientLane::logTransportError)).build();
    }

    Context context() {
        return context;
    }

    private static void logTransportError(Throwable error) {
        LOG.log(System.Logger.Level.DEBUG, "connection error (its request records it): {0}", error.toString());
    }

    int load() {
        return reserved.get();
    }

    /** Takes a slot if the lane has a free connection, so a reserved exchange never waits in the pool's queue. */
    boolean tryReserve() {
        for (int n = reserved.get(); n < capacity; n = reserved.get()) {
            if (reserved.compareAndSet(n, n + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Takes a slot even above capacity (the caller exceeded its own concurrency); the pool queues the surplus. */
    void forceReserve() {
        reserved.incrementAndGet();
    }

    /** Starts a reserved exchange on this lane's loop; the slot is given back when it finishes. */
    void start(StreamExchange exchange, RequestOptions target) {
        onContext(() -> {
            if (closed) {
                exchange.cancel("client closed");
                return;
            }
            inFlight.add(exchange);
            exchange.start(http, target, preconnected.poll());
        });
    }

    /**
     * Opens {@code connections} connections of this lane's pool now, each held by a request that the next exchanges
     * take instead of asking the pool; completes with how many opened, once every attempt has ended (each bounded by
     * {@code target}'s connect timeout). A connection the server closes before it is used is dropped from the queue.
     */
    Future<Integer> preconnect(int connections, RequestOptions target) {
        Promise<Integer> done = Promise.promise();
        onContext(() -> {
            List<Future<HttpClientRequest>> attempts = new ArrayList<>(connections);
            for (int i = 0; i < connections && !closed; i++) {
                attempts.add(http.request(target).onSuccess(this::keep));
            }
            Future.join(attempts).onComplete(ar -> done.complete((int) attempts.stream()
                    .filter(Future::succeeded).count()));
        });
        return done.future();
    }

    private void keep(HttpClientRequest request) {
        if (closed) {
            request.reset();
            return;
        }
        preconnected.add(request);
        request.connection().closeHandler(v -> preconnected.remove(request));
        // Handled, so a reset of one never written (the client closed first) is not logged as an error.
        request.exceptionHandler(e -> preconnected.remove(request));
    }

    /** Called by the exchange on this lane's loop when it completes, whatever the outcome. */
    void finished(StreamExchange exchange) {
        inFlight.remove(exchange);
        reserved.decrementAndGet(); // an exchange finishes exactly once, so this gives back exactly its slot
    }

    void onContext(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    /** Cancels what is in flight (outcomes become {@code CANCELLED}) and closes the pool. */
    Future<Void> close() {
        Promise<Void> done = Promise.promise();
        onContext(() -> {
            closed = true;
            for (HttpClientRequest unused; (unused = preconnected.poll()) != null;) {
                unused.reset(); // never written: closes its connection
            }
            for (StreamExchange exchange : new ArrayList<>(inFlight)) {
                exchange.cancel("client closed");
            }
            http.close().onComplete(done);
        });
        return done.future();
    }
}
