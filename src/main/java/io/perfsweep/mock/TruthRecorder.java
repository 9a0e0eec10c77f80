package io.perfsweep.mock;

import java.util.Arrays;

/** The mutable ground truth of one request while it runs; written from the engine and connection threads. */
final class TruthRecorder {

    private final String requestId;
    private final String traceId;
    private final long receivedNanos;
    private long[] writtenNanos;
    private int written;
    private int promptTokens;
    private int cachedTokens;
    private int preemptions;
    private int httpStatus = 200;

    TruthRecorder(String requestId, String traceId, long receivedNanos, int expectedTokens) {
        this.requestId = requestId;
        this.traceId = traceId;
        this.receivedNanos = receivedNanos;
        this.writtenNanos = new long[Math.max(1, expectedTokens)];
    }

    String requestId() {
        return requestId;
    }

    long receivedNanos() {
        return receivedNanos;
    }

    synchronized void promptTokens(int tokens) {
        promptTokens = tokens;
    }

    synchronized void cachedTokens(int tokens) {
        cachedTokens = tokens;
    }

    synchronized void preempted() {
        preemptions++;
    }

    synchronized void httpStatus(int status) {
        httpStatus = status;
    }

    /** Stamps {@code count} tokens as written at {@code nanos}. */
    synchronized void tokensWritten(int count, long nanos) {
        if (written + count > writtenNanos.length) {
            writtenNanos = Arrays.copyOf(writtenNanos, Math.max(written + count, writtenNanos.length * 2));
        }
        Arrays.fill(writtenNanos, written, written + count, nanos);
        written += count;
    }

    synchronized MockRequestTruth snapshot() {
        return new MockRequestTruth(requestId, receivedNanos, Arrays.copyOf(writtenNanos, written), promptTokens,
                cachedTokens, written, preemptions, httpStatus, traceId);
    }
}
