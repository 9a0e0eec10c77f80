package io.perfsweep.mock;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.impl.VertxInternal;

/**
 * The built-in OpenAI-compatible mock LLM server: Vert.x core {@link HttpServer}s (one per event loop, sharing one
 * port, so connections are served on every loop) in front of a Dynamo-mocker-style
 * engine (one engine thread for all requests) or a fixed-latency emitter, with a ground-truth record of every request.
 * Usable in-process and from a CLI: {@code MockLlmServer.start(vertx, config, "127.0.0.1", 0)}, then {@link #baseUrl()},
 * and {@link #close()} when done. {@link #metricsUrl()} serves vLLM V1's Prometheus families from the engine's own
 * state ({@code VllmMetrics}): each server instance has its own.
 */
public final class MockLlmServer implements AutoCloseable {

    /**
     * Vert.x shares a listening socket between servers of one instance only for a fixed port or for the same negative
     * "random port" id; port 0 is never shared. So a request for any free port becomes a fresh negative id per server.
     */
    private static final AtomicInteger RANDOM_PORT_IDS = new AtomicInteger();

    private final MockEngineConfig config;
    /** One server per event loop, all sharing one port; the first one bound it. */
    private final List<HttpServer> httpServers;
    private final ScheduledExecutorService engineThread;
    private final EngineLoop engineLoop;
    private final GroundTruthLedger ledger;
    private final MockCounters counters;
    private final String host;
    /** The Vert.x this server created for itself and closes with it, or null when it runs on the caller's. */
    private Vertx ownVertx;

    private MockLlmServer(MockEngineConfig config, List<HttpServer> httpServers, ScheduledExecutorService engineThread,
            EngineLoop engineLoop, GroundTruthLedger ledger, MockCounters counters, String host) {
        this.config = config;
        this.httpServers = httpServers;
        this.engineThread = engineThread;
        this.engineLoop = engineLoop;
        this.ledger = ledger;
        this.counters = counters;
        this.host = host;
    }

    /** Starts a server on 127.0.0.1 at an ephemeral port. */
    public static Future<MockLlmServer> start(Vertx vertx, MockEngineConfig config) {
        return start(vertx, config, "127.0.0.1", 0);
    }

    /**
     * Loads the o200k_base tokenizer and verifies the vocabulary (on a worker thread), then listens on
     * {@code host:port} ({@code port} 0 picks a free port).
     */
    public static Future<MockLlmServer> start(Vertx vertx, MockEngineConfig config, String host, int port) {
        return start(vertx, config, host, port, null);
    }

    /**
     * Starts a server on 127.0.0.1 at an ephemeral port, on a Vert.x of its own (two event loops) that {@link #stop}
     * closes. The CLI's in-process mock runs so: a server on the benchmark's own event loops would stall them while it
     * tokenizes prompts and writes tokens, and the client would read the mock's work as its own lateness; on its own
     * loops it is a separate server in one process, as a real target is (they still share the machine's cores).
     */
    public static MockLlmServer startOnOwnVertx(MockEngineConfig config) {
        Vertx own = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        try {
            MockLlmServer server = start(own, config).toCompletionStage().toCompletableFuture().join();
            server.ownVertx = own;
            return server;
        } catch (RuntimeException e) {
            own.close();
            throw e;
        }
    }

    /**
     * Like {@link #start(Vertx, MockEngineConfig, String, int)}, but every {@code /v1/} request must carry
     * {@code Authorization: Bearer <apiKey>} (vLLM's {@code --api-key}); others get 401.
     */
    public static Future<MockLlmServer> startRequiringApiKey(Vertx vertx, MockEngineConfig config, String host, int port,
            String apiKey) {
        return start(vertx, config, host, port, null, apiKey);
    }

    static Future<MockLlmServer> start(Vertx vertx, MockEngineConfig config, String host, int port,
            Consumer<EngineLoop.IterationTiming> iterationListener) {
        return start(vertx, config, host, port, iterationListener, null);
    }

    private static Future<MockLlmServer> start(Vertx vertx, MockEngineConfig config, String host, int port,
            Consumer<EngineLoop.IterationTiming> iterationListener, String apiKey) {
        return vertx.executeBlocking(Vocabulary::o200k, false).compose(vocabulary -> {
            ScheduledExecutorService engineThread = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "perfsweep-mock-engine");
                thread.setDaemon(true);
                return thread;
            });
            FaultInjector faults = new FaultInjector(config);
            EngineScheduler scheduler = new EngineScheduler(config);
            EngineLoop engineLoop = new EngineLoop(scheduler, engineThread, faults, iterationListener);
            FixedEmitter fixedEmitter = new FixedEmitter(config, faults);
            GroundTruthLedger ledger = new GroundTruthLedger(config.maxTruthRecords());
            MockCounters counters = new MockCounters();
            MockHttpHandler routes = new MockHttpHandler(vertx, config, scheduler, engineLoop, fixedEmitter, faults,
                    ledger, counters, new VllmMetrics(), vocabulary);
            Handler<HttpServerRequest> handler = apiKey == null ? routes::handle : new ApiKeyGate(apiKey, routes::handle);
            // HTTP/1.1 only, as vLLM's and SGLang's OpenAI servers (uvicorn) are: a client's h2c upgrade is declined,
            // and FirstByteStamp stamps each request of a connection by its own reads (an HTTP/2 connection
            // interleaves its streams' frames).
            HttpServerOptions options = new HttpServerOptions().setTcpNoDelay(true).setIdleTimeout(0)
                    .setHttp2ClearTextEnabled(false);
            List<Context> loops = eventLoopContexts(vertx);
            int sharedPort = port != 0 ? port : -1 - Math.floorMod(RANDOM_PORT_IDS.getAndIncrement(), 65_535);
            // the first server binds; the others join its socket, and Vert.x hands accepted connections round-robin
            // to every server, i.e. to every loop
            return listen(vertx, loops.get(0), options, handler, host, sharedPort).compose(first -> {
                List<Future<HttpServer>> rest = new ArrayList<>();
                for (Context loop : loops.subList(1, loops.size())) {
                    rest.add(listen(vertx, loop, options, handler, host, sharedPort));
                }
                return Future.all(rest).map(all -> {
                    List<HttpServer> servers = new ArrayList<>(List.of(first));
                    rest.forEach(server -> servers.add(server.result()));
                    return new MockLlmServer(config, List.copyOf(servers), engineThread, engineLoop, ledger,
                            counters, host);
                }).onFailure(e -> first.close());
            }).onFailure(e -> engineThread.shutdownNow());
        });
    }

    /** Creates and binds a server from {@code loop}, so its connections are served on that event loop. */
    private static Future<HttpServer> listen(Vertx vertx, Context loop, HttpServerOptions options,
            Handler<HttpServerRequest> handler, String host, int port) {
        Promise<HttpServer> bound = Promise.promise();
        loop.runOnContext(
                v -> vertx.createHttpServer(options).connectionHandler(FirstByteStamp::install).requestHandler(handler)
                        .listen(port, host)
                        .onComplete(bound));
        return bound.future();
    }

    /**
     * Fresh event-loop contexts, one per core (Vert.x, like Quarkus, has 2 x cores loops; more busy loops than cores
     * only add context switches): Vert.x hands them out round-robin over its loops, so they land on distinct loops.
     */
    private static List<Context> eventLoopContexts(Vertx vertx) {
        if (!(vertx instanceof VertxInternal internal)) {
            return List.of(vertx.getOrCreateContext());
        }
        List<Context> contexts = new ArrayList<>();
        int loops = Math.min(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE, Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < loops; i++) {
            contexts.add(internal.createEventLoopContext());
        }
        return contexts;
    }

    /** The port actually bound. */
    public int port() {
        return httpServers.get(0).actualPort();
    }

    /** How many event loops serve connections. */
    public int eventLoops() {
        return httpServers.size();
    }

    /** {@code http://host:port}, without a trailing slash; append {@code /v1/chat/completions} etc. */
    public String baseUrl() {
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shownHost + ":" + port();
    }

    /** {@code baseUrl() + "/metrics"}: vLLM V1's Prometheus families from the mock's own state (see {@code VllmMetrics}). */
    public String metricsUrl() {
        return baseUrl() + "/metrics";
    }

    public MockEngineConfig config() {
        return config;
    }

    /** Snapshots of every request's ground truth, in arrival order (at most {@code maxTruthRecords}). */
    public List<MockRequestTruth> groundTruth() {
        return ledger.snapshots();
    }

    /** The ground truth of the latest request with this {@code X-Request-ID}. */
    public Optional<MockRequestTruth> truth(String requestId) {
        return ledger.snapshot(requestId);
    }

    public MockStats stats() {
        return counters.snapshot(engineLoop.gauges());
    }

    /** Stops listening and the engine thread; returns at once. */
    @Override
    public void close() {
        stop();
    }

    /** Stops listening and the engine thread; the future completes when the socket is closed. */
    public Future<Void> stop() {
        engineThread.shutdownNow();
        List<Future<Void>> closing = new ArrayList<>();
        for (HttpServer server : httpServers) {
            closing.add(server.close());
        }
        Future<Void> closed = Future.all(closing).mapEmpty();
        return ownVertx == null ? closed : closed.eventually(() -> ownVertx.close());
    }
}
