package io.perfsweep.mock;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/**
 * The built-in OpenAI-compatible mock LLM server: a Vert.x core {@link HttpServer} in front of a Dynamo-mocker-style
 * engine (one engine thread for all requests) or a fixed-latency emitter, with a ground-truth record of every request.
 * Usable in-process and from a CLI: {@code MockLlmServer.start(vertx, config, "127.0.0.1", 0)}, then {@link #baseUrl()},
 * and {@link #close()} when done.
 */
public final class MockLlmServer implements AutoCloseable {

    private final MockEngineConfig config;
    private final HttpServer httpServer;
    private final ScheduledExecutorService engineThread;
    private final EngineLoop engineLoop;
    private final GroundTruthLedger ledger;
    private final MockCounters counters;
    private final String host;

    private MockLlmServer(MockEngineConfig config, HttpServer httpServer, ScheduledExecutorService engineThread,
            EngineLoop engineLoop, GroundTruthLedger ledger, MockCounters counters, String host) {
        this.config = config;
        this.httpServer = httpServer;
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

    static Future<MockLlmServer> start(Vertx vertx, MockEngineConfig config, String host, int port,
            Consumer<EngineLoop.IterationTiming> iterationListener) {
        return vertx.executeBlocking(Vocabulary::o200k, false).compose(vocabulary -> {
            ScheduledExecutorService engineThread = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "perfsweep-mock-engine");
                thread.setDaemon(true);
                return thread;
            });
            FaultInjector faults = new FaultInjector(config);
            EngineScheduler scheduler = new EngineScheduler(config);
            EngineLoop engineLoop = new EngineLoop(scheduler, engineThread, faults, iterationListener);
            FixedEmitter fixedEmitter = new FixedEmitter(config, engineThread, faults);
            GroundTruthLedger ledger = new GroundTruthLedger(config.maxTruthRecords());
            MockCounters counters = new MockCounters();
            MockHttpHandler handler = new MockHttpHandler(vertx, config, scheduler, engineLoop, fixedEmitter, faults,
                    ledger, counters, vocabulary, () -> counters.snapshot(engineLoop.gauges()));
            HttpServerOptions options = new HttpServerOptions().setTcpNoDelay(true).setIdleTimeout(0);
            return vertx.createHttpServer(options)
                    .requestHandler(handler::handle)
                    .listen(port, host)
                    .onFailure(e -> engineThread.shutdownNow())
                    .map(server -> new MockLlmServer(config, server, engineThread, engineLoop, ledger, counters,
                            host));
        });
    }

    /** The port actually bound. */
    public int port() {
        return httpServer.actualPort();
    }

    /** {@code http://host:port}, without a trailing slash; append {@code /v1/chat/completions} etc. */
    public String baseUrl() {
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shownHost + ":" + port();
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
        return httpServer.close();
    }
}
