package io.perfsweep.client;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.vertx.core.AsyncResult;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;

/**
 * One request's life on the client's event loop: connect, write, stream, time out or cancel, and complete its
 * promise exactly once with a {@link StreamOutcome}. Every method runs on the client's context.
 * <p>
 * A failure's message says how far the exchange got (before the headers; else body bytes, content events and whether
 * {@code [DONE]} came), so a user can tell a server that never answered from one that stalled mid-stream. What it
 * holds is bounded: an error body's first {@value #ERROR_BODY_BYTES} bytes, one SSE line or event of at most
 * {@link SseParser#DEFAULT_MAX_EVENT_BYTES} bytes, and the content itself.
 */
final class StreamExchange {

    private static final int ERROR_BODY_BYTES = 1024;
    private static final String EVENT_STREAM = "text/event-stream";

    private final Vertx vertx;
    private final ClientOptions options;
    private final String requestId;
    /** Computed before the send stamp, so the hash never runs on the timed path. */
    private final String traceParent;
    private final Buffer body;
    private final Promise<StreamOutcome> promise;
    private final ChunkCollector collector = new ChunkCollector();
    private final SseParser parser = new SseParser(collector);
    private final Consumer<StreamExchange> onFinish;

    private long sentNanos;
    /** When the pool handed over a connection; 0 until then. */
    private long connectedNanos;
    private long lastByteNanos;
    private long totalTimerId = -1;
    private long idleTimerId = -1;
    private HttpClientRequest request;
    /** The connection's read stamps; null on a connection without a channel (then each chunk is stamped on arrival). */
    private ReadClock readClock;
    private boolean responseStarted;
    private long bodyBytes;
    /** Status and Content-Type of a 2xx response that is not an event stream, else null; with the body's first bytes. */
    private String notEventStream;
    private Buffer otherBodyExcerpt;
    private boolean responseEnded;
    private boolean finished;

    StreamExchange(Vertx vertx, ClientOptions options, String requestId, Buffer body, Promise<StreamOutcome> promise,
            Consumer<StreamExchange> onFinish) {
        this.vertx = vertx;
        this.options = options;
        this.requestId = requestId;
        this.traceParent = TraceParent.of(requestId);
        this.body = body;
        this.promise = promise;
        this.onFinish = onFinish;
    }

    /**
     * Stamps the send before asking the pool for a connection, as AIPerf does: TTFT and latency then include a new
     * connection's set-up and any wait for a pooled one, which the user's clients pay too. A request that already
     * holds an open connection ({@code preconnected}, else null) gets its headers first and is stamped right before
     * its write: its connection was opened before the measured window, as a warm-up request would have left it, and
     * setting headers is the client's own work (measured at one stream: 80–150 µs on a path run once per request,
     * cold in the caches, which the target's truth would count as TTFT error).
     */
    void start(HttpClient http, RequestOptions target, HttpClientRequest preconnected) {
        sentNanos = System.nanoTime(); // the send's time should the headers fail
        if (preconnected != null) {
            sendGuarded(() -> {
                setHeaders(preconnected);
                sentNanos = System.nanoTime();
                write(preconnected, sentNanos); // no wait for a connection: none is counted
            });
        } else {
            sendGuarded(() -> http.request(target).onComplete(this::onConnection));
        }
        // Armed after the send has left, so the timer's set-up is not on the timed path.
        long requestTimeoutMillis = options.requestTimeout().toMillis();
        if (requestTimeoutMillis > 0 && !finished) {
            totalTimerId = vertx.setTimer(requestTimeoutMillis, id -> finish(Failure.of(ErrorKind.TIMEOUT,
                    "no complete response within " + requestTimeoutMillis + " ms (" + progress() + ")")));
        }
    }

    private void onConnection(AsyncResult<HttpClientRequest> ar) {
        if (finished) {
            if (ar.succeeded()) {
                ar.result().reset(); // timed out or cancelled while connecting: give the stream back
            }
        } else if (ar.failed()) {
            finish(Failure.of(ErrorKind.CONNECT, describe(ar.cause())));
        } else {
            long connected = System.nanoTime();
            sendGuarded(() -> {
                setHeaders(ar.result());
                write(ar.result(), connected);
            });
        }
    }

    /**
     * Runs a step that Vert.x may fail by throwing rather than by failing its future (a port out of range, a header
     * value with a line break): uncaught, the exception would end on the event loop and the request would wait for
     * its timeout, or forever without one.
     */
    private void sendGuarded(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            finish(Failure.of(ErrorKind.CONNECT, describe(e)));
        }
    }

    void cancel(String reason) {
        finish(Failure.of(ErrorKind.CANCELLED, reason));
    }

    private void setHeaders(HttpClientRequest req) {
        request = req;
        readClock = ReadClock.of(req.connection());
        req.putHeader("Content-Type", "application/json");
        req.putHeader("Accept", "text/event-stream");
        req.putHeader("X-Request-ID", requestId);
        req.putHeader("traceparent", traceParent);
        options.headers().forEach(req::putHeader);
    }

    private void write(HttpClientRequest req, long connectedNanos) {
        this.connectedNanos = connectedNanos;
        lastByteNanos = connectedNanos;
        req.send(body).onComplete(ar -> {
            if (ar.succeeded()) {
                onResponse(ar.result());
            } else {
                onTransportError(ar.cause());
            }
        });
        armIdleTimer(options.idleTimeout().toMillis()); // after the write: the timer's set-up is not on the timed path
    }

    private void onResponse(HttpClientResponse response) {
        if (finished) {
            return;
        }
        responseStarted = true;
        lastByteNanos = System.nanoTime();
        response.exceptionHandler(this::onTransportError);
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            Buffer excerpt = Buffer.buffer();
            response.handler(chunk -> keepExcerpt(excerpt, chunk));
            response.endHandler(v -> {
                responseEnded = true;
                finish(new Failure(ErrorKind.HTTP_STATUS, status,
                        "HTTP " + status + ": " + excerpt.toString(StandardCharsets.UTF_8).strip()));
            });
            return;
        }
        String contentType = response.getHeader("Content-Type");
        if (contentType == null || !contentType.regionMatches(true, 0, EVENT_STREAM, 0, EVENT_STREAM.length())) {
            // Still read as SSE (some servers mislabel it); only if nothing came does the label explain the failure.
            notEventStream = "HTTP " + status + " with Content-Type " + (contentType == null ? "none" : contentType);
            otherBodyExcerpt = Buffer.buffer();
        }
        response.handler(chunk -> {
            long arrivalNanos = readClock != null ? readClock.arrivalNanos(sentNanos) : System.nanoTime();
            lastByteNanos = arrivalNanos;
            bodyBytes += chunk.length();
            if (otherBodyExcerpt != null) {
                keepExcerpt(otherBodyExcerpt, chunk);
            }
            if (!finished) {
                consume(chunk, arrivalNanos);
            }
        });
        response.endHandler(v -> {
            responseEnded = true;
            if (!finished) {
                parser.end();
                finish(failureAtEnd());
            }
        });
    }

    /** The collector's verdict; a 2xx that is not an event stream and carried no content says what it was instead. */
    private Failure failureAtEnd() {
        Failure failure = collector.failureAtEnd();
        if (failure != null && failure.kind() == ErrorKind.EMPTY_RESPONSE && notEventStream != null) {
            return Failure.of(ErrorKind.STREAM_PARSE, "not an event stream: " + notEventStream + ": "
                    + otherBodyExcerpt.toString(StandardCharsets.UTF_8).strip());
        }
        return failure;
    }

    private void consume(Buffer chunk, long arrivalNanos) {
        try {
            parser.feed(chunk, arrivalNanos);
        } catch (RuntimeException e) { // a parser bug must fail this request, not the event loop
            finish(Failure.of(ErrorKind.STREAM_PARSE, describe(e)));
            return;
        }
        if (parser.tooLarge()) {
            finish(Failure.of(ErrorKind.STREAM_PARSE, "an SSE line or event over " + parser.maxEventBytes()
                    + " bytes; the stream was abandoned (" + progress() + ")"));
        } else if (collector.failure() != null) {
            finish(collector.failure());
        }
    }

    private void keepExcerpt(Buffer excerpt, Buffer chunk) {
        lastByteNanos = System.nanoTime();
        int room = ERROR_BODY_BYTES - excerpt.length();
        if (room > 0) {
            excerpt.appendBuffer(chunk, 0, Math.min(room, chunk.length()));
        }
    }

    private void onTransportError(Throwable cause) {
        if (finished) {
            return;
        }
        if (collector.doneSeen() && collector.failureAtEnd() == null) {
            finish(null); // the server closed abruptly after [DONE]: the stream itself is complete
        } else if (responseStarted) {
            finish(Failure.of(ErrorKind.CONNECT, "connection lost mid-stream: " + describe(cause) + " ("
                    + progress() + ")"));
        } else {
            finish(Failure.of(ErrorKind.CONNECT, describe(cause)));
        }
    }

    private void armIdleTimer(long delayMillis) {
        long idleTimeoutMillis = options.idleTimeout().toMillis();
        if (idleTimeoutMillis > 0 && !finished) {
            idleTimerId = vertx.setTimer(Math.max(1, delayMillis), id -> checkIdle(idleTimeoutMillis));
        }
    }

    /** One timer per request, re-armed for the remainder, instead of a timer reset on every chunk. */
    private void checkIdle(long idleTimeoutMillis) {
        long idleMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastByteNanos);
        if (idleMillis >= idleTimeoutMillis) {
            finish(Failure.of(ErrorKind.TIMEOUT, "no bytes for " + idleTimeoutMillis + " ms (" + progress() + ")"));
        } else {
            armIdleTimer(idleTimeoutMillis - idleMillis);
        }
    }

    private void finish(Failure failure) {
        if (finished) {
            return;
        }
        finished = true;
        long endNanos = System.nanoTime();
        vertx.cancelTimer(totalTimerId);
        vertx.cancelTimer(idleTimerId);
        if (failure != null && request != null && !responseEnded) {
            request.reset(); // abandons the response: HTTP/1.1 closes the connection, which cannot be reused
        }
        onFinish.accept(this);
        promise.complete(collector.outcome(requestId, sentNanos, connectedNanos, endNanos, failure));
    }

    /** How far the exchange got, for failure messages. */
    private String progress() {
        if (request == null) {
            return "waiting for a connection";
        }
        if (!responseStarted) {
            return "request sent, no response headers";
        }
        return "after the response headers: " + bodyBytes + " body bytes, " + collector.count() + " content events, "
                + (collector.doneSeen() ? "[DONE] seen" : "no [DONE]");
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
