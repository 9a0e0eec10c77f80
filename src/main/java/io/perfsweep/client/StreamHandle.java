package io.perfsweep.client;

import io.vertx.core.Future;

/** A request in flight: its outcome, and a way to cancel it (the outcome then fails with {@code CANCELLED}). */
public final class StreamHandle {

    private final String requestId;
    private final Future<StreamOutcome> outcome;
    private final Runnable canceller;

    StreamHandle(String requestId, Future<StreamOutcome> outcome, Runnable canceller) {
        this.requestId = requestId;
        this.outcome = outcome;
        this.canceller = canceller;
    }

    public String requestId() {
        return requestId;
    }

    /** Always succeeds; a failed request carries a {@link Failure}. */
    public Future<StreamOutcome> outcome() {
        return outcome;
    }

    /** Cancels the request unless it already finished; safe from any thread, idempotent. */
    public void cancel() {
        canceller.run();
    }
}
