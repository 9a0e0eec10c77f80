package io.perfsweep.mock;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What the mock actually did for one request, on the {@link System#nanoTime()} clock of this JVM.
 *
 * @param requestId the request's {@code X-Request-ID} header, or the id the mock generated (echoed in the response)
 * @param receivedNanos the first network read of the request's bytes ({@link FirstByteStamp}), before the body
 * @param tokenWrittenNanos for each emitted token in order, when its SSE event was handed to the connection (stamped on
 *        the connection's event loop right before the write, so no client sees it earlier; it is an upper bound on the
 *        server's side of the latency, not the moment the bytes left the socket, which under load can be later);
 *        tokens sharing an event share a stamp, and so do tokens of events batched into one write (zero-delay mode
 *        writes up to 16 events at a time); for a non-streaming answer every token carries the time the response was
 *        written
 * @param promptTokens o200k_base tokens of the prompt (0 for a rejected request)
 * @param cachedTokens prompt tokens found in the prefix cache at first admission (always 0 in FIXED mode)
 * @param completionTokens tokens emitted so far (equals {@code max_tokens} for a completed request)
 * @param preemptions times the engine preempted the request
 * @param httpStatus the HTTP status answered (200, 400 or 500)
 * @param traceId the trace id of the request's W3C {@code traceparent} header, as a tracing server records it, or null
 *        without a valid one: what a client joins its records to the server's traces on
 */
public record MockRequestTruth(
        String requestId,
        long receivedNanos,
        long[] tokenWrittenNanos,
        int promptTokens,
        int cachedTokens,
        int completionTokens,
        int preemptions,
        int httpStatus,
        String traceId) {

    public MockRequestTruth {
        Objects.requireNonNull(requestId, "requestId");
        tokenWrittenNanos = tokenWrittenNanos.clone();
    }

    @Override
    public long[] tokenWrittenNanos() {
        return tokenWrittenNanos.clone();
    }

    /** First token write minus receipt; empty when no token was written. */
    public OptionalLong ttftNanos() {
        return tokenWrittenNanos.length == 0 ? OptionalLong.empty()
                : OptionalLong.of(tokenWrittenNanos[0] - receivedNanos);
    }

    /** (last token write − first token write) ÷ (tokens − 1), AIPerf's ITL; empty with fewer than 2 tokens. */
    public OptionalDouble meanItlNanos() {
        int n = tokenWrittenNanos.length;
        return n < 2 ? OptionalDouble.empty()
                : OptionalDouble.of((double) (tokenWrittenNanos[n - 1] - tokenWrittenNanos[0]) / (n - 1));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MockRequestTruth t && requestId.equals(t.requestId) && receivedNanos == t.receivedNanos
                && Arrays.equals(tokenWrittenNanos, t.tokenWrittenNanos) && promptTokens == t.promptTokens
                && cachedTokens == t.cachedTokens && completionTokens == t.completionTokens
                && preemptions == t.preemptions && httpStatus == t.httpStatus;
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestId, receivedNanos, Arrays.hashCode(tokenWrittenNanos), promptTokens, cachedTokens,
                completionTokens, preemptions, httpStatus);
    }

    @Override
    public String toString() {
        return "MockRequestTruth[requestId=" + requestId + ", receivedNanos=" + receivedNanos + ", tokens="
                + tokenWrittenNanos.length + ", promptTokens=" + promptTokens + ", cachedTokens=" + cachedTokens
                + ", completionTokens=" + completionTokens + ", preemptions=" + preemptions + ", httpStatus="
                + httpStatus + "]";
    }
}
