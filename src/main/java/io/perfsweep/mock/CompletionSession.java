package io.perfsweep.mock;

import java.util.concurrent.atomic.AtomicBoolean;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * One accepted completion request on its connection: turns the engine's token callbacks into SSE events (or one JSON
 * body) written on the connection's event loop, and records each write in the ground truth. Engine callbacks may come
 * from any thread; every write happens on {@code context}.
 */
final class CompletionSession implements TokenSink {

    /** Zero-delay mode: SSE events per socket write (about 4 KiB of chat chunks). */
    static final int EVENTS_PER_WRITE = 16;

    private final Context context;
    private final HttpServerResponse response;
    private final CompletionRequest request;
    private final ChunkFormat format;
    private final TruthRecorder truth;
    private final Vocabulary vocabulary;
    private final int wordOffset;
    private final MockCounters counters;
    private final VllmMetrics metrics;
    private final int promptTokens;
    private final StringBuilder fullText = new StringBuilder();
    private volatile int cachedTokens;
    private volatile boolean closed;
    /** Set once the request ends (last write or client gone), so {@link VllmMetrics#requestEnded()} runs once. */
    private final AtomicBoolean ended = new AtomicBoolean();
    private int nextToken;
    /** The previous write's ground-truth stamp, or {@link Long#MIN_VALUE} before the first token is written. */
    private long lastWrittenNanos = Long.MIN_VALUE;

    CompletionSession(Context context, HttpServerResponse response, CompletionRequest request, ChunkFormat format,
            TruthRecorder truth, Vocabulary vocabulary, int wordOffset, MockCounters counters, VllmMetrics metrics,
            int promptTokens) {
        this.context = context;
        this.response = response;
        this.request = request;
        this.format = format;
        this.truth = truth;
        this.vocabulary = vocabulary;
        this.wordOffset = wordOffset;
        this.counters = counters;
        this.metrics = metrics;
        this.promptTokens = promptTokens;
    }

    /** Sends the response head (for streams: at once, as vLLM does); {@code onClose} runs if the client goes away. */
    void begin(Runnable onClose) {
        metrics.requestStarted();
        response.closeHandler(v -> {
            closed = true;
            end();
            onClose.run();
        });
        if (request.stream()) {
            response.setChunked(true)
                    .putHeader("Content-Type", "text/event-stream")
                    .putHeader("Cache-Control", "no-cache")
                    .writeHead();
        }
    }

    boolean closed() {
        return closed;
    }

    @Override
    public void onAdmitted(int cachedTokens) {
        this.cachedTokens = cachedTokens;
        truth.cachedTokens(cachedTokens);
        counters.cachedTokens.add(cachedTokens);
    }

    @Override
    public void onPreempted() {
        truth.preempted();
    }

    @Override
    public void onTokens(int firstIndex, int count, boolean last) {
        if (Vertx.currentContext() == context) { // already on the connection's event loop: no hop, no delay
            write(firstIndex, count, last);
        } else {
            context.runOnContext(v -> write(firstIndex, count, last));
        }
    }

    /**
     * Zero-delay mode: writes every token now, one SSE event per {@code tokensPerEvent} tokens and up to
     * {@link #EVENTS_PER_WRITE} events per socket write, pausing on back-pressure. Batching keeps the mock from being
     * the bottleneck of a client benchmark; every token still gets its own event, and the ground truth stamps all
     * tokens of a batch with the time the batch was handed to the connection.
     */
    void pump(int tokensPerEvent, FaultInjector faults) {
        while (!closed && nextToken < request.maxTokens() && !response.writeQueueFull()) {
            long pausedUntil = faults.pausedUntilNanos(System.nanoTime());
            if (pausedUntil != Long.MIN_VALUE) {
                long delayMillis = Math.max(1, (pausedUntil - System.nanoTime() + 999_999) / 1_000_000);
                context.owner().setTimer(delayMillis, id -> pump(tokensPerEvent, faults));
                return;
            }
            if (!request.stream()) {
                int count = Math.min(tokensPerEvent, request.maxTokens() - nextToken);
                write(nextToken, count, nextToken + count >= request.maxTokens());
                continue;
            }
            Buffer batch = Buffer.buffer(EVENTS_PER_WRITE * 256);
            int first = nextToken;
            boolean last = false;
            for (int events = 0; events < EVENTS_PER_WRITE && !last; events++) {
                int count = Math.min(tokensPerEvent, request.maxTokens() - nextToken);
                last = nextToken + count >= request.maxTokens();
                format.appendTokenEvent(batch, vocabulary, wordOffset, nextToken, count, last);
                nextToken += count;
            }
            send(batch, nextToken - first, last);
        }
        if (!closed && nextToken < request.maxTokens()) {
            response.drainHandler(v -> pump(tokensPerEvent, faults));
        }
    }

    private void write(int firstIndex, int count, boolean last) {
        if (closed || response.ended()) {
            return;
        }
        nextToken = firstIndex + count;
        if (request.stream()) {
            Buffer event = Buffer.buffer(256);
            format.appendTokenEvent(event, vocabulary, wordOffset, firstIndex, count, last);
            send(event, count, last);
            return;
        }
        for (int i = firstIndex; i < firstIndex + count; i++) {
            fullText.append(vocabulary.word(wordOffset, i));
        }
        counters.completionTokens.add(count);
        if (last) {
            String body = format.fullResponse(fullText.toString(), promptTokens, request.maxTokens(), cachedTokens);
            stamp(request.maxTokens(), true);
            response.putHeader("Content-Type", "application/json").end(body);
        }
    }

    /** Hands {@code events} (carrying {@code tokens} tokens) to the connection; the last write also ends the stream. */
    private void send(Buffer events, int tokens, boolean last) {
        counters.completionTokens.add(tokens);
        if (last) {
            if (request.includeUsage()) {
                events.appendString(format.usageEvent(promptTokens, request.maxTokens(), cachedTokens));
            }
            events.appendString(ChunkFormat.DONE_EVENT);
        }
        stamp(tokens, last); // right before the hand-over, on the connection's event loop
        if (last) {
            response.end(events);
        } else {
            response.write(events);
        }
    }

    /** Stamps a write of {@code tokens} tokens in the ground truth and records the same instant in the metrics. */
    private void stamp(int tokens, boolean last) {
        long nanos = System.nanoTime();
        truth.tokensWritten(tokens, nanos);
        boolean first = lastWrittenNanos == Long.MIN_VALUE;
        metrics.tokensWritten(truth.receivedNanos(), first ? truth.receivedNanos() : lastWrittenNanos, nanos, tokens,
                first, last, promptTokens);
        lastWrittenNanos = nanos;
        if (last) {
            end();
        }
    }

    private void end() {
        if (ended.compareAndSet(false, true)) {
            metrics.requestEnded();
        }
    }
}
