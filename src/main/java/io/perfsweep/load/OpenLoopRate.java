package io.perfsweep.load;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.perfsweep.client.StreamOutcome;
import io.perfsweep.client.StreamRequest;
import io.perfsweep.client.StreamingClient;

/**
 * Open-loop load: each request leaves at its scheduled time, {@code start + offset(i)}, whatever the server is doing,
 * so a slow server cannot slow the arrivals down (no coordinated omission).
 *
 * <p>
 * A dedicated pacer thread parks until each due time, which is absolute: a request that is late (the pacer woke late,
 * or the concurrency cap was reached) leaves as soon as it can and the requests after it keep their own due times,
 * so the schedule never drifts. Lateness is never hidden: every request's intended start stays its scheduled time
 * ({@link Run#intendedStartNanos()}), and its send time is what the client stamped, so the difference is the send
 * delay and the latency from intended start includes any wait for the cap (wrk2's corrected latency).
 *
 * <p>
 * Later turns of multi-turn sessions ({@link SessionTurns}) are not on the schedule: the completion of the previous
 * turn hands the next one to the pacer, due at that turn's end plus its delay, and that due time is its intended start.
 */
final class OpenLoopRate {

    private static final AtomicInteger PACER_IDS = new AtomicInteger();
    private static final long CANCEL_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final StreamingClient client;
    private final Integer maxConcurrency;
    private final BooleanSupplier cancelled;

    /**
     * @param maxConcurrency the most requests in flight at once, or null for no cap
     * @param cancelled polled while waiting: once true, no further request leaves and the run ends as soon as the
     *        requests in flight have finished
     */
    OpenLoopRate(StreamingClient client, Integer maxConcurrency, BooleanSupplier cancelled) {
        this.client = client;
        this.maxConcurrency = maxConcurrency;
        this.cancelled = cancelled;
    }

    /**
     * Sends {@code requests.get(i)} at {@code startNanos + schedule.offsetNanos(i)} ({@link System#nanoTime()} clock),
     * from a pacer thread that this call starts and that ends with the sends.
     *
     * @param schedule at least as many offsets as requests
     * @param observer told of each send and each finished request, from several threads at once; must be cheap and
     *        thread-safe; an exception it throws is logged and the request still counts ({@link GuardedObserver})
     * @return the outcomes and intended starts, in the order of {@code requests}, and the most requests in flight
     */
    CompletableFuture<Run> run(List<StreamRequest> requests, ArrivalSchedule schedule, long startNanos,
            FixedConcurrency.Observer observer) {
        return run(requests, schedule, startNanos, observer, SessionTurns.NONE);
    }

    /**
     * As {@link #run(List, ArrivalSchedule, long, FixedConcurrency.Observer)}, with sessions: the requests without a
     * previous turn take the schedule's offsets in order, each later turn leaves {@code turns.delayNanos} after its
     * previous turn ended.
     *
     * @param schedule at least as many offsets as requests without a previous turn
     */
    CompletableFuture<Run> run(List<StreamRequest> requests, ArrivalSchedule schedule, long startNanos,
            FixedConcurrency.Observer observer, SessionTurns turns) {
        long[] intended = intendedStarts(schedule, startNanos, requests.size(), turns);
        var guarded = GuardedObserver.of(observer);
        guarded.scheduled(intended);
        var state = new RunState(requests, intended, guarded, turns);
        var pacer = new Thread(state::pace, "perfsweep-pacer-" + PACER_IDS.incrementAndGet());
        pacer.setDaemon(true);
        state.pacer = pacer;
        pacer.start();
        return state.done;
    }

    /**
     * The absolute intended starts of {@code count} requests started at {@code startNanos}: the requests without a
     * previous turn take the schedule's offsets in order; later turns are 0 until their previous turn ends.
     */
    static long[] intendedStarts(ArrivalSchedule schedule, long startNanos, int count, SessionTurns turns) {
        long[] intended = new long[count];
        int scheduled = 0;
        for (int i = 0; i < count; i++) {
            if (turns.previous(i) < 0) {
                if (scheduled >= schedule.size()) {
                    throw new IllegalArgumentException(
                            "schedule has " + schedule.size() + " offsets for more requests");
                }
                intended[i] = startNanos + schedule.offsetNanos(scheduled++);
            }
        }
        return intended;
    }

    /**
     * The outcomes of one open-loop run; a cancelled run has no outcome (null) for the requests never sent.
     *
     * @param outcomes what the client saw, in request order
     * @param intendedStartNanos when each request was scheduled to leave ({@link System#nanoTime()} clock)
     * @param maxInFlight the most requests in flight at once
     * @param cancelled whether the run stopped before sending every request
     */
    record Run(List<StreamOutcome> outcomes, long[] intendedStartNanos, int maxInFlight, boolean cancelled) {
    }

    /** A later turn of a session, due at its previous turn's end plus its delay. */
    private record DueTurn(long dueNanos, int index) implements Comparable<DueTurn> {
        @Override
        public int compareTo(DueTurn other) {
            int byDue = Long.compare(dueNanos - other.dueNanos, 0);
            return byDue != 0 ? byDue : Integer.compare(index, other.index);
        }
    }

    private final class RunState {
        private final List<StreamRequest> requests;
        private final long[] intended;
        private final FixedConcurrency.Observer observer;
        private final SessionTurns turns;
        private final PriorityBlockingQueue<DueTurn> dueTurns = new PriorityBlockingQueue<>();
        private volatile Thread pacer;
        private final StreamOutcome[] outcomes;
        private final Semaphore slots;
        private final AtomicInteger sent = new AtomicInteger();
        private final AtomicInteger completed = new AtomicInteger();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger maxInFlight = new AtomicInteger();
        private final AtomicBoolean pacingDone = new AtomicBoolean();
        private final AtomicBoolean finished = new AtomicBoolean();
        private volatile boolean stoppedEarly;
        private final CompletableFuture<Run> done = new CompletableFuture<>();

        RunState(List<StreamRequest> requests, long[] intended, FixedConcurrency.Observer observer,
                SessionTurns turns) {
            this.requests = requests;
            this.observer = observer;
            this.turns = turns;
            this.outcomes = new StreamOutcome[requests.size()];
            this.intended = intended;
            this.slots = maxConcurrency == null ? null : new Semaphore(maxConcurrency);
        }

        void pace() {
            try {
                int scheduled = nextScheduled(0);
                for (int i = 0; i < requests.size(); i++) {
                    int index = nextDue(scheduled);
                    if (index < 0 || !acquireSlot()) {
                        stoppedEarly = true;
                        break;
                    }
                    if (index == scheduled) {
                        scheduled = nextScheduled(scheduled + 1);
                    }
                    send(index);
                }
            } catch (RuntimeException e) {
                stoppedEarly = true;
                done.completeExceptionally(e);
            } finally {
                pacingDone.set(true);
                finishIfDrained();
            }
        }

        /** The first request at or after {@code from} that is on the schedule (no previous turn), or the count. */
        private int nextScheduled(int from) {
            int index = from;
            while (index < requests.size() && turns.previous(index) >= 0) {
                index++;
            }
            return index;
        }

        /**
         * Parks until the earlier of the next scheduled request and the earliest released later turn is due and
         * returns its index (at once when already late); -1 if cancelled first. A completion that releases a turn
         * unparks the pacer, so a turn due sooner than the current wait is not held back.
         */
        private int nextDue(int scheduled) {
            while (true) {
                if (cancelled.getAsBoolean()) {
                    return -1;
                }
                DueTurn turn = dueTurns.peek();
                boolean hasScheduled = scheduled < requests.size();
                boolean turnFirst = turn != null && (!hasScheduled || turn.dueNanos() - intended[scheduled] < 0);
                long remaining = CANCEL_POLL_NANOS;
                if (turnFirst) {
                    remaining = turn.dueNanos() - System.nanoTime();
                    if (remaining <= 0) {
                        // A turn released meanwhile may be due even sooner; whichever is first is due now.
                        return dueTurns.poll().index();
                    }
                } else if (hasScheduled) {
                    remaining = intended[scheduled] - System.nanoTime();
                    if (remaining <= 0) {
                        return scheduled;
                    }
                }
                LockSupport.parkNanos(Math.min(remaining, CANCEL_POLL_NANOS));
            }
        }

        /** Waits for a free slot under the cap (the intended start stays the scheduled one); false if cancelled. */
        private boolean acquireSlot() {
            if (slots == null) {
                return true;
            }
            try {
                while (!slots.tryAcquire(CANCEL_POLL_NANOS, TimeUnit.NANOSECONDS)) {
                    if (cancelled.getAsBoolean()) {
                        return false;
                    }
                }
                if (cancelled.getAsBoolean()) {
                    slots.release();
                    return false;
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private void send(int index) {
            sent.incrementAndGet();
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            observer.sent(index);
            client.send(requests.get(index)).onComplete(result -> {
                inFlight.decrementAndGet();
                if (slots != null) {
                    slots.release();
                }
                outcomes[index] = result.result();
                releaseNextTurn(index, outcomes[index]);
                observer.completed(index, outcomes[index]);
                completed.incrementAndGet();
                finishIfDrained();
            });
        }

        /** Hands the pacer the next turn of {@code index}'s session, due at this turn's end plus its delay. */
        private void releaseNextTurn(int index, StreamOutcome outcome) {
            int next = turns.next(index);
            if (next >= 0) {
                intended[next] = outcome.endNanos() + turns.delayNanos(next);
                dueTurns.add(new DueTurn(intended[next], next));
                LockSupport.unpark(pacer);
            }
        }

        /** Ends the run once pacing is over and every request that left has come back. */
        private void finishIfDrained() {
            if (pacingDone.get() && completed.get() == sent.get() && finished.compareAndSet(false, true)) {
                done.complete(new Run(Arrays.asList(outcomes), intended, maxInFlight.get(), stoppedEarly));
            }
        }
    }
}
