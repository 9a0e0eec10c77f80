package io.perfsweep.mock;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.impl.ContextInternal;

/**
 * Routes the mock's HTTP API on Vert.x core: the OpenAI completion endpoints, {@code /v1/models}, {@code /health},
 * {@code /metrics} and {@code /mock/requests}. A completion request is validated, counted with o200k_base, recorded in
 * the ground truth (received = the first network read of the request's bytes, {@link FirstByteStamp}: a client's TTFT
 * then compares with the mock's like with like, without the time the mock spends decoding the head or reading a long
 * body behind other requests), then handed to the engine loop (SIMULATED), the fixed emitter (FIXED) or written at
 * once (zero delay).
 */
final class MockHttpHandler {

    static final String REQUEST_ID_HEADER = "X-Request-ID";
    static final String TRACEPARENT_HEADER = "traceparent";
    /** W3C Trace Context version 00: {@code 00-<trace id>-<parent span id>-<flags>}. */
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final int INLINE_TOKENIZE_MAX_CHARS = 8192;

    private final Vertx vertx;
    private final MockEngineConfig config;
    private final EngineLoop engineLoop;
    private final EngineScheduler scheduler;
    private final FixedEmitter fixedEmitter;
    private final FaultInjector faults;
    private final GroundTruthLedger ledger;
    private final MockCounters counters;
    private final VllmMetrics metrics;
    private final Vocabulary vocabulary;
    private final AtomicLong ordinal = new AtomicLong();

    MockHttpHandler(Vertx vertx, MockEngineConfig config, EngineScheduler scheduler, EngineLoop engineLoop,
            FixedEmitter fixedEmitter, FaultInjector faults, GroundTruthLedger ledger, MockCounters counters,
            VllmMetrics metrics, Vocabulary vocabulary) {
        this.vertx = vertx;
        this.config = config;
        this.scheduler = scheduler;
        this.engineLoop = engineLoop;
        this.fixedEmitter = fixedEmitter;
        this.faults = faults;
        this.ledger = ledger;
        this.counters = counters;
        this.metrics = metrics;
        this.vocabulary = vocabulary;
    }

    void handle(HttpServerRequest request) {
        long receivedNanos = FirstByteStamp.take(request);
        String path = request.path();
        boolean post = request.method() == HttpMethod.POST;
        boolean get = request.method() == HttpMethod.GET;
        switch (path) {
            case "/v1/chat/completions", "/v1/completions" -> {
                if (post) {
                    completion(request, path.equals("/v1/chat/completions"), receivedNanos);
                } else {
                    error(request.response(), 405, "use POST", "invalid_request_error", null);
                }
            }
            case "/v1/models" -> json(request.response(), 200, models(), get);
            case "/health" -> json(request.response(), 200, "{\"status\":\"healthy\"}", get);
            case "/metrics" -> text(request.response(), metrics(), get);
            case "/mock/requests" -> json(request.response(), 200, TruthJson.write(truths(request)), get);
            default -> error(request.response(), 404, "no route " + path, "not_found_error", null);
        }
    }

    /** vLLM's families, then the mock's own {@code perfsweep_mock_*} totals; rendered here, off the engine thread. */
    private String metrics() {
        EngineLoop.Gauges gauges = engineLoop.gauges();
        MockStats snapshot = counters.snapshot(gauges);
        return metrics.render(config, gauges, snapshot.completionTokens())
                + MockCounters.prometheus(snapshot, config.modelName());
    }

    /** The trace id of a valid {@code traceparent}, as a tracing server would record it; else null. */
    static String traceId(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        Matcher matcher = TRACEPARENT.matcher(traceparent.strip());
        return matcher.matches() && !matcher.group(1).equals("0".repeat(32)) ? matcher.group(1) : null;
    }

    private List<MockRequestTruth> truths(HttpServerRequest request) {
        String id = request.getParam("id");
        return id == null ? ledger.snapshots() : ledger.snapshot(id).map(List::of).orElse(List.of());
    }

    private String models() {
        return "{\"object\":\"list\",\"data\":[{\"id\":\"" + ChunkFormat.escape(config.modelName())
                + "\",\"object\":\"model\",\"created\":0,\"owned_by\":\"perfsweep-mock\"}]}";
    }

    private void completion(HttpServerRequest request, boolean chat, long receivedNanos) {
        String header = request.getHeader(REQUEST_ID_HEADER);
        String requestId = header == null || header.isBlank() ? UUID.randomUUID().toString() : header;
        String traceId = traceId(request.getHeader(TRACEPARENT_HEADER));
        HttpServerResponse response = request.response().putHeader(REQUEST_ID_HEADER, requestId);
        ContextInternal context = (ContextInternal) vertx.getOrCreateContext(); // the connection's event loop
        // The work of accepting (parse, tokenize, schedule) waits for a task of the loop: the heads of every request
        // that arrived in the same read batch are stamped first, so none of their receipts waits behind another's work.
        request.body()
                .onSuccess(body -> context.runOnContext(
                        v -> accept(context, response, body, requestId, traceId, chat, receivedNanos)))
                .onFailure(e -> error(response, 400, "could not read the request body", "invalid_request_error", null));
    }

    private void accept(ContextInternal context, HttpServerResponse response, Buffer body, String requestId,
            String traceId, boolean chat, long receivedNanos) {
        counters.requests.increment();
        faults.onRequestReceived(receivedNanos);
        CompletionRequest parsed;
        try {
            parsed = CompletionRequest.parse(body.getBytes(), chat);
        } catch (MockRequestException e) {
            reject(response, new TruthRecorder(requestId, traceId, receivedNanos, 0), e.getMessage(), e.param());
            return;
        }
        TruthRecorder truth = new TruthRecorder(requestId, traceId, receivedNanos, parsed.maxTokens());
        if (parsed.promptText().length() <= INLINE_TOKENIZE_MAX_CHARS) {
            run(context, response, parsed, truth, PromptTokenizer.tokenIds(parsed.promptText()));
        } else {
            Future<int[]> ids = vertx.executeBlocking(() -> PromptTokenizer.tokenIds(parsed.promptText()), false);
            ids.onComplete(ar -> context.runOnContext(v -> {
                if (ar.succeeded()) {
                    run(context, response, parsed, truth, ar.result());
                } else {
                    error(response, 500, "tokenizer failed", "server_error", null);
                }
            }));
        }
    }

    private void run(ContextInternal context, HttpServerResponse response, CompletionRequest parsed, TruthRecorder truth,
            int[] promptIds) {
        truth.promptTokens(promptIds.length);
        int engineTokens = Math.max(1, promptIds.length);
        if (config.mode() == MockEngineConfig.Mode.SIMULATED && !scheduler.fits(engineTokens, parsed.maxTokens())) {
            reject(response, truth, "prompt plus max_tokens exceeds the KV cache of the mock", "max_tokens");
            return;
        }
        ledger.add(truth);
        if (faults.injectError()) {
            counters.failedRequests.increment();
            truth.httpStatus(500);
            error(response, 500, "injected failure", "server_error", null);
            return;
        }
        counters.promptTokens.add(promptIds.length);
        long n = ordinal.incrementAndGet();
        int wordOffset = (int) Math.floorMod(mix(config.seed() + n), (long) vocabulary.words().size());
        ChunkFormat format = new ChunkFormat(parsed.chat(), truth.requestId(), config.modelName(),
                Instant.now().getEpochSecond());
        CompletionSession session = new CompletionSession(context, response, parsed, format, truth, vocabulary,
                wordOffset, counters, metrics, promptIds.length);
        if (config.mode() == MockEngineConfig.Mode.SIMULATED) {
            EngineRequest engineRequest = new EngineRequest(n, engineTokens,
                    KvBlockManager.blockHashes(promptIds, config.blockSize()), parsed.maxTokens(), session);
            session.begin(engineRequest::cancel);
            engineLoop.submit(engineRequest);
        } else if (config.fixedTtftMillis() == 0 && config.fixedItlMillis() == 0) {
            session.begin(() -> {
            });
            session.onAdmitted(0);
            session.pump(config.tokensPerEvent(), faults);
        } else {
            session.begin(() -> {
            });
            // timers on the connection's own event loop: they scale with the server's loops and need no thread hop
            // Vert.x timers count whole milliseconds; a token due every 0.25 ms needs the loop's own scheduler,
            // which only the internal ContextInternal hands out (the write then needs no thread hop either)
            fixedEmitter.start(context.nettyEventLoop(), truth.receivedNanos(), parsed.maxTokens(), session,
                    session::closed);
        }
    }

    private void reject(HttpServerResponse response, TruthRecorder truth, String message, String param) {
        counters.rejectedRequests.increment();
        truth.httpStatus(400);
        ledger.add(truth);
        error(response, 400, message, "invalid_request_error", param);
    }

    private static long mix(long x) {
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        return x ^ (x >>> 31);
    }

    private static void error(HttpServerResponse response, int status, String message, String type, String param) {
        json(response, status, ChunkFormat.error(message, type, param, status), true);
    }

    private static void json(HttpServerResponse response, int status, String body, boolean methodAllowed) {
        if (!methodAllowed) {
            error(response, 405, "method not allowed", "invalid_request_error", null);
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }

    private static void text(HttpServerResponse response, String body, boolean methodAllowed) {
        if (!methodAllowed) {
            error(response, 405, "method not allowed", "invalid_request_error", null);
            return;
        }
        response.putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(body);
    }
}
