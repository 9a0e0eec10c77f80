package io.perfsweep.mock;

import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;

/**
 * One accepted completion request on its connection: turns the engine's token callbacks into SSE events (or one JSON
 * body) written on the connection's event loop, and records each write in the ground truth. Engine callbacks may come
 * from any thread; every write happens on {@code context}.
 */
final class CompletionSession implements TokenSink {

    private final Context context;
    private final HttpServerResponse response;
    private final CompletionRequest request;
    private final ChunkFormat format;
    private final TruthRecorder truth;
    private final Vocabulary vocabulary;
    private final int wordOffset;
    private final MockCounters counters;
    private final int promptTokens;
    private final StringBuilder fullText = new StringBuilder();
    private volatile int cachedTokens;
    private volatile boolean closed;
    private int nextToken;

    CompletionSession(Context context, HttpServerResponse response, CompletionRequest request, ChunkFormat format,
            TruthRecorder truth, Vocabulary vocabulary, int wordOffset, MockCounters counters, int promptTokens) {
        this.context = context;
        this.response = response;
        this.request = request;
        this.format = format;
        this.truth = truth;
        this.vocabulary = vocabulary;
        this.wordOffset = wordOffset;
        this.counters = counters;
        this.promptTokens = promptTokens;
    }

    /** Sends the response head (for streams: at once, as vLLM does); {@code onClose} runs if the client goes away. */
    void begin(Runnable onClose) {
        response.closeHandler(v -> {
            closed = true;
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
        context.runOnContext(v -> write(firstIndex, count, last));
    }

    /** Zero-delay mode: writes every token now, one event per {@code tokensPerEvent}, pausing on back-pressure. */
    void pump(int tokensPerEvent, FaultInjector faults) {
        while (!closed && nextToken < request.maxTokens() && !response.writeQueueFull()) {
            long pausedUntil = faults.pausedUntilNanos(System.nanoTime());
            if (pausedUntil != Long.MIN_VALUE) {
                long delayMillis = Math.max(1, (pausedUntil - System.nanoTime() + 999_999) / 1_000_000);
                context.owner().setTimer(delayMillis, id -> pump(tokensPerEvent, faults));
                return;
            }
            int count = Math.min(tokensPerEvent, request.maxTokens() - nextToken);
            write(nextToken, count, nextToken + count >= request.maxTokens());
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
        StringBuilder text = new StringBuilder(count * 6);
        for (int i = firstIndex; i < firstIndex + count; i++) {
            text.append(vocabulary.word(wordOffset, i));
        }
        counters.completionTokens.add(count);
        if (request.stream()) {
            String event = format.tokenEvent(text.toString(), firstIndex == 0, last);
            truth.tokensWritten(count, System.nanoTime());
            response.write(event);
            if (last) {
                if (request.includeUsage()) {
                    response.write(format.usageEvent(promptTokens, request.maxTokens(), cachedTokens));
                }
                response.end(ChunkFormat.DONE_EVENT);
            }
        } else {
            fullText.append(text);
            if (last) {
                String body = format.fullResponse(fullText.toString(), promptTokens, request.maxTokens(), cachedTokens);
                truth.tokensWritten(request.maxTokens(), System.nanoTime());
                response.putHeader("Content-Type", "application/json").end(body);
            }
        }
    }
}
