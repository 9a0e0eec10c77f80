package io.perfsweep.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.VertxInternal;

/**
 * Streams chat or completions requests to one server over keep-alive HTTP/1.1 pools and records each SSE event at
 * the arrival of its first byte.
 * <p>
 * The work is spread over the Vert.x event loops (at most {@code maxLanes}, never more than connections), because one
 * event loop caps a streaming client at one core. Each loop gets one or more {@link ClientLane}s, each with its own
 * pool of at most {@value #MAX_POOL_PER_LANE} connections, because Vert.x picks a free connection by scanning its
 * pool, which gets slow with hundreds of busy connections. A request goes to a lane of the calling event loop when one
 * has a free connection (a closed loop refills from the completion callback, so it stays on its thread), else to the
 * least loaded lane with a free connection, so up to {@code maxConnections} requests are in flight at once and none
 * waits in a pool queue.
 */
public final class StreamingClient implements AutoCloseable {

    /** Largest connection pool of one lane. */
    static final int MAX_POOL_PER_LANE = 64;

    private final Vertx vertx;
    private final ClientOptions options;
    private final RequestOptions target;
    private final ClientLane[] lanes;

    /**
     * As many event loops as cores (Vert.x has twice as many; more busy loops than cores only add context switches
     * and wake-up delay to every arrival stamp), at most {@code maxConnections}.
     */
    public StreamingClient(Vertx vertx, ClientOptions options) {
        this(vertx, options, Runtime.getRuntime().availableProcessors());
    }

    /** At most {@code maxLanes} event loops; 1 puts every request on one event loop. */
    public StreamingClient(Vertx vertx, ClientOptions options, int maxLanes) {
        if (maxLanes < 1) {
            throw new IllegalArgumentException("maxLanes must be >= 1: " + maxLanes);
        }
        this.vertx = vertx;
        this.options = options;
        BaseUrl base = options.target();
        this.target = new RequestOptions().setMethod(HttpMethod.POST).setHost(base.host()).setPort(base.port())
                .setSsl(base.ssl()).setURI(base.pathFor(options.endpoint()));
        List<Context> contexts = eventLoopContexts(vertx, Math.min(maxLanes, options.maxConnections()));
        int laneCount = Math.max(contexts.size(), ceilDiv(options.maxConnections(), MAX_POOL_PER_LANE));
        int perLane = ceilDiv(options.maxConnections(), laneCount);
        this.lanes = new ClientLane[laneCount];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new ClientLane(vertx, contexts.get(i % contexts.size()), httpOptions(options, base, perLane));
        }
    }

    /** How many connection pools this client spreads its requests over. */
    public int laneCount() {
        return lanes.length;
    }

    /** How many event loops this client spreads its requests over. */
    public int eventLoopCount() {
        return (int) Arrays.stream(lanes).map(ClientLane::context).distinct().count();
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
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
        ClientLane lane = reserveLane();
        StreamExchange exchange = new StreamExchange(vertx, options, requestId, body, promise, lane::finished);
        lane.start(exchange, target); // after close() the lane cancels it at once
        return new StreamHandle(requestId, promise.future(), () -> lane.onContext(() -> exchange.cancel("cancelled")));
    }

    /**
     * Opens up to {@code connections} connections (at most this client's) before a measured window, spread over the
     * lanes as the window's first requests will be, so a closed loop's first round does not time its own burst of
     * connects: against the target's truth, a burst of 100 loopback connects read +25…55 ms in that round (Vert.x sets
     * up each connection's pipeline on the loop while the others wait). Each attempt is bounded by
     * {@code connectTimeout}; a target that refuses or does not answer leaves the requests to open their own
     * connections, and fail, inside the window. Completes with how many opened.
     */
    public Future<Integer> preconnect(int connections, Duration connectTimeout) {
        int wanted = Math.min(connections, options.maxConnections());
        RequestOptions connect = new RequestOptions(target).setConnectTimeout(connectTimeout.toMillis());
        List<Future<Integer>> opened = new ArrayList<>(lanes.length);
        for (int i = 0; i < lanes.length; i++) {
            int share = wanted / lanes.length + (i < wanted % lanes.length ? 1 : 0);
            if (share > 0) {
                opened.add(lanes[i].preconnect(share, connect));
            }
        }
        return Future.all(opened).map(all -> opened.stream().mapToInt(Future::result).sum());
    }

    /** Cancels everything in flight (outcomes become {@code CANCELLED}) and closes the connection pools. */
    public Future<Void> closeAsync() {
        List<Future<Void>> closing = new ArrayList<>(lanes.length);
        for (ClientLane lane : lanes) {
            closing.add(lane.close());
        }
        return Future.all(closing).mapEmpty();
    }

    /** Starts {@link #closeAsync()} without waiting, so it is safe to call on the event loop. */
    @Override
    public void close() {
        closeAsync();
    }

    /** The calling loop's lane if it has room, else the least loaded lane with room, else the least loaded. */
    private ClientLane reserveLane() {
        Context current = Vertx.currentContext();
        ClientLane least = lanes[0];
        for (ClientLane lane : lanes) {
            if (lane.context() == current && lane.tryReserve()) {
                return lane;
            }
            if (lane.load() < least.load()) {
                least = lane;
            }
        }
        // another thread may take the last slot between load() and tryReserve(): retry, in load order, a few times
        for (int attempt = 0; attempt < lanes.length; attempt++) {
            if (least.tryReserve()) {
                return least;
            }
            least = leastLoaded();
        }
        for (ClientLane lane : lanes) {
            if (lane.tryReserve()) {
                return lane;
            }
        }
        least.forceReserve(); // more requests than connections: the pool queues the surplus
        return least;
    }

    private ClientLane leastLoaded() {
        ClientLane least = lanes[0];
        for (ClientLane lane : lanes) {
            if (lane.load() < least.load()) {
                least = lane;
            }
        }
        return least;
    }

    /**
     * Arrival stamps must be taken on an event loop: a worker context (e.g. a blocking Quarkus consumer) would delay
     * every chunk by a worker-pool hop. One lane reuses the caller's event-loop context (or a fresh one); several lanes
     * get a fresh context each on distinct event loops.
     */
    private static List<Context> eventLoopContexts(Vertx vertx, int wanted) {
        Context current = vertx.getOrCreateContext();
        if (!(vertx instanceof VertxInternal internal)) {
            return List.of(current);
        }
        if (wanted == 1) {
            return List.of(current.isEventLoopContext() ? current : internal.createEventLoopContext());
        }
        List<Context> contexts = new ArrayList<>();
        for (EventExecutor loop : internal.getEventLoopGroup()) {
            if (contexts.size() == wanted) {
                break;
            }
            contexts.add(internal.createEventLoopContext((io.netty.channel.EventLoop) loop, null,
                    Thread.currentThread().getContextClassLoader()));
        }
        return contexts;
    }

    private static HttpClientOptions httpOptions(ClientOptions options, BaseUrl target, int poolSize) {
        long requestTimeoutMillis = options.requestTimeout().toMillis();
        return new HttpClientOptions()
                .setMaxPoolSize(poolSize)
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
