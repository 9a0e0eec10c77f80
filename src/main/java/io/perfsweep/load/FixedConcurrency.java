package io.perfsweep.load;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.perfsweep.client.StreamOutcome;
import io.perfsweep.client.StreamRequest;
import io.perfsweep.client.StreamingClient;

/**
 * Closed-loop load: exactly {@code concurrency} requests in flight while work remains, never more, never fewer.
 *
 * <p>
 * The next request is sent from the completion callback of the previous one, so a slot is refilled the moment it
 * frees up, from that request's event loop (the client keeps it on the same loop when it can). Requests are prepared
 * before the run starts, so nothing but the send happens on the measuring path.
 */
final class FixedConcurrency {

    private final StreamingClient client;
    private final int concurrency;
    private final BooleanSupplier cancelled;

    /**
     * @param cancelled polled before each send: once true, no further request leaves and the run ends as soon as the
     *        requests in flight have finished
     */
    FixedConcurrency(StreamingClient client, int concurrency, BooleanSupplier cancelled) {
        this.client = client;
        this.concurrency = concurrency;
        this.cancelled = cancelled;
    }

    /**
     * Sends every request, {@code concurrency} at a time.
     *
     * @param observer told of each send and each finished request, from several threads at once; must be cheap and
     *        thread-safe
     * @return the outcomes, in the order of {@code requests}, and the highest number in flight observed
     */
    CompletableFuture<Run> run(List<StreamRequest> requests, Observer observer) {
        var run = new RunState(requests, observer);
        int initial = Math.min(concurrency, requests.size());
        for (int i = 0; i < initial; i++) {
            run.sendNext();
        }
        if (requests.isEmpty()) {
            run.done.complete(new Run(List.of(), 0, false));
        }
        return run.done;
    }

    /** The outcomes of one closed-loop run; a cancelled run has no outcome (null) for the requests never sent. */
    record Run(List<StreamOutcome> outcomes, int maxInFlight, boolean cancelled) {
    }

    /** Hears the requests of a run; indexes are positions in the run's request list. */
    @FunctionalInterface
    interface Observer {

        /**
         * Open loop only: the absolute intended start of every request ({@link System#nanoTime()} clock), before the
         * first is sent. The array must not be modified.
         */
        default void scheduled(long[] intendedStartNanos) {
        }

        /** Request {@code index} is about to be sent. */
        default void sent(int index) {
        }

        /** Request {@code index} finished (on one of the client's event loops). */
        void completed(int index, StreamOutcome outcome);
    }

    private final class RunState {
        private final List<StreamRequest> requests;
        private final Observer observer;
        private final StreamOutcome[] outcomes;
        private final AtomicInteger nextIndex = new AtomicInteger();
        private final AtomicInteger sent = new AtomicInteger();
        private final AtomicBoolean finished = new AtomicBoolean();
        private final AtomicInteger completed = new AtomicInteger();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger maxInFlight = new AtomicInteger();
        private final CompletableFuture<Run> done = new CompletableFuture<>();

        RunState(List<StreamRequest> requests, Observer observer) {
            this.requests = requests;
            this.observer = observer;
            this.outcomes = new StreamOutcome[requests.size()];
        }

        void sendNext() {
            if (cancelled.getAsBoolean()) {
                finishIfDrained();
                return;
            }
            int index = nextIndex.getAndIncrement();
            if (index >= requests.size()) {
                return;
            }
            sent.incrementAndGet();
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            observer.sent(index);
            client.send(requests.get(index)).onComplete(result -> {
                inFlight.decrementAndGet();
                outcomes[index] = result.result();
                observer.completed(index, outcomes[index]);
                if (completed.incrementAndGet() == requests.size()) {
                    finished.set(true);
                    done.complete(new Run(Arrays.asList(outcomes), maxInFlight.get(), false));
                } else {
                    sendNext();
                }
            });
        }

        /** After a cancel: ends the run once every request that left has come back. */
        private void finishIfDrained() {
            if (completed.get() == sent.get() && finished.compareAndSet(false, true)) {
                done.complete(new Run(Arrays.asList(outcomes), maxInFlight.get(), true));
            }
        }
    }
}
