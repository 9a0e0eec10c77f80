package io.perfsweep.load;

import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 *
 * <p>
 * Multi-turn sessions ({@link SessionTurns}): a later turn is ready once its previous turn completed and its delay has
 * elapsed; a free slot takes the lowest-index ready request, so while a turn waits, other rows use the slot. A later
 * turn's intended start is its previous turn's end plus the delay, so a turn that finds every slot busy counts that
 * wait in its latency from intended start; every other request's intended start is its send.
 */
final class FixedConcurrency {

    /** In {@link Run#intendedStartNanos()}: the request's intended start is its send. */
    static final long AT_SEND = Long.MIN_VALUE;

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
     *        thread-safe; an exception it throws is logged and the request still counts ({@link GuardedObserver})
     * @return the outcomes, in the order of {@code requests}, and the highest number in flight observed
     */
    CompletableFuture<Run> run(List<StreamRequest> requests, Observer observer) {
        return run(requests, observer, SessionTurns.NONE);
    }

    /** As {@link #run(List, Observer)}, each later turn of a session waiting for its previous turn and delay. */
    CompletableFuture<Run> run(List<StreamRequest> requests, Observer observer, SessionTurns turns) {
        var run = new RunState(requests, GuardedObserver.of(observer), turns);
        if (run.intended != null) {
            observer.scheduled(run.intended);
        }
        int initial = Math.min(concurrency, requests.size());
        for (int i = 0; i < initial; i++) {
            run.sendNext();
        }
        if (requests.isEmpty()) {
            run.done.complete(new Run(List.of(), null, 0, false));
        }
        return run.done;
    }

    /**
     * The outcomes of one closed-loop run; a cancelled run has no outcome (null) for the requests never sent.
     *
     * @param intendedStartNanos null when every intended start is the send; else per request, {@link #AT_SEND} or
     *        the previous turn's end plus the delay
     */
    record Run(List<StreamOutcome> outcomes, long[] intendedStartNanos, int maxInFlight, boolean cancelled) {
    }

    /** The intended start of request {@code index}: its entry in {@code intendedStartNanos}, else its send. */
    static long intendedStartNanos(long[] intendedStartNanos, int index, StreamOutcome outcome) {
        return intendedStartNanos == null || intendedStartNanos[index] == AT_SEND ? outcome.sentNanos()
                : intendedStartNanos[index];
    }

    /** Hears the requests of a run; indexes are positions in the run's request list. */
    @FunctionalInterface
    interface Observer {

        /**
         * Open loop, or a closed loop with sessions: the absolute intended start of every request
         * ({@link System#nanoTime()} clock; {@link #AT_SEND} for the send), before the first is sent. Later turns of
         * sessions are filled in before they are sent. The array must not be modified.
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
        private final SessionTurns turns;
        private final StreamOutcome[] outcomes;
        private final long[] intended;
        private final ScheduledExecutorService delays;
        /** Guards {@code cursor}, {@code ready} and {@code idleSlots}. */
        private final Object lock = new Object();
        private int cursor;
        private final PriorityQueue<Integer> ready = new PriorityQueue<>();
        private int idleSlots;
        private final AtomicInteger sent = new AtomicInteger();
        private final AtomicBoolean finished = new AtomicBoolean();
        private final AtomicInteger completed = new AtomicInteger();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger maxInFlight = new AtomicInteger();
        private final CompletableFuture<Run> done = new CompletableFuture<>();

        RunState(List<StreamRequest> requests, Observer observer, SessionTurns turns) {
            this.requests = requests;
            this.observer = observer;
            this.turns = turns;
            this.outcomes = new StreamOutcome[requests.size()];
            if (turns.any()) {
                intended = new long[requests.size()];
                Arrays.fill(intended, AT_SEND);
                delays = Executors.newSingleThreadScheduledExecutor(r -> {
                    var thread = new Thread(r, "perfsweep-turn-delays");
                    thread.setDaemon(true);
                    return thread;
                });
            } else {
                intended = null;
                delays = null;
            }
        }

        /** A slot is free: sends the lowest-index ready request, or leaves the slot idle until a turn is ready. */
        void sendNext() {
            if (cancelled.getAsBoolean()) {
                finishIfDrained();
                return;
            }
            int index;
            synchronized (lock) {
                index = takeReady();
                if (index < 0) {
                    idleSlots++;
                    return;
                }
            }
            sent.incrementAndGet();
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            observer.sent(index);
            client.send(requests.get(index)).onComplete(result -> {
                inFlight.decrementAndGet();
                outcomes[index] = result.result();
                releaseNextTurn(index, outcomes[index]);
                observer.completed(index, outcomes[index]);
                if (completed.incrementAndGet() == requests.size()) {
                    finish(false);
                } else {
                    sendNext();
                }
            });
        }

        /** Under the lock: the lowest index among the unsent first turns and the ready later turns, or -1. */
        private int takeReady() {
            while (cursor < requests.size() && turns.previous(cursor) >= 0) {
                cursor++;
            }
            Integer turn = ready.peek();
            if (cursor < requests.size() && (turn == null || cursor < turn)) {
                return cursor++;
            }
            return turn == null ? -1 : ready.poll();
        }

        /** Makes the next turn of {@code index}'s session ready after its delay, from its end. */
        private void releaseNextTurn(int index, StreamOutcome outcome) {
            int next = turns.next(index);
            if (next < 0) {
                return;
            }
            intended[next] = outcome.endNanos() + turns.delayNanos(next);
            long remaining = intended[next] - System.nanoTime();
            if (remaining <= 0) {
                ready(next);
            } else {
                delays.schedule(() -> ready(next), remaining, TimeUnit.NANOSECONDS);
            }
        }

        /** Later turn {@code index} may leave: an idle slot sends it (or a lower-index ready one) at once. */
        private void ready(int index) {
            boolean wake;
            synchronized (lock) {
                ready.add(index);
                wake = idleSlots > 0;
                if (wake) {
                    idleSlots--;
                }
            }
            if (wake) {
                sendNext();
            }
        }

        /** After a cancel: ends the run once every request that left has come back. */
        private void finishIfDrained() {
            if (completed.get() == sent.get()) {
                finish(true);
            }
        }

        private void finish(boolean cancelledRun) {
            if (finished.compareAndSet(false, true)) {
                if (delays != null) {
                    delays.shutdownNow();
                }
                done.complete(new Run(Arrays.asList(outcomes), intended, maxInFlight.get(), cancelledRun));
            }
        }
    }
}
