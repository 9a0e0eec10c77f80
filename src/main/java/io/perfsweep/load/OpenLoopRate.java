package io.perfsweep.load;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
     *        thread-safe
     * @return the outcomes and intended starts, in the order of {@code requests}, and the most requests in flight
     */
    CompletableFuture<Run> run(List<StreamRequest> requests, ArrivalSchedule schedule, long startNanos,
            FixedConcurrency.Observer observer) {
        if (schedule.size() < requests.size()) {
            throw new IllegalArgumentException(
                    "schedule has " + schedule.size() + " offsets for " + requests.size() + " requests");
        }
        long[] intended = intendedStarts(schedule, startNanos, requests.size());
        observer.scheduled(intended);
        var state = new RunState(requests, intended, observer);
        var pacer = new Thread(state::pace, "perfsweep-pacer-" + PACER_IDS.incrementAndGet());
        pacer.setDaemon(true);
        pacer.start();
        return state.done;
    }

    /** The absolute intended starts of the first {@code count} requests of {@code schedule} started at {@code startNanos}. */
    static long[] intendedStarts(ArrivalSchedule schedule, long startNanos, int count) {
        long[] intended = new long[count];
        for (int i = 0; i < count; i++) {
            intended[i] = startNanos + schedule.offsetNanos(i);
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

    private final class RunState {
        private final List<StreamRequest> requests;
        private final long[] intended;
        private final FixedConcurrency.Observer observer;
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

        RunState(List<StreamRequest> requests, long[] intended, FixedConcurrency.Observer observer) {
            this.requests = requests;
            this.observer = observer;
            this.outcomes = new StreamOutcome[requests.size()];
            this.intended = intended;
            this.slots = maxConcurrency == null ? null : new Semaphore(maxConcurrency);
        }

        void pace() {
            try {
                for (int i = 0; i < requests.size(); i++) {
                    if (!waitUntil(intended[i]) || !acquireSlot()) {
                        stoppedEarly = true;
                        break;
                    }
                    send(i);
                }
            } catch (RuntimeException e) {
                stoppedEarly = true;
                done.completeExceptionally(e);
            } finally {
                pacingDone.set(true);
                finishIfDrained();
            }
        }

        /** Parks until {@code dueNanos}; false if cancelled first. Returns at once when already late. */
        private boolean waitUntil(long dueNanos) {
            while (true) {
                if (cancelled.getAsBoolean()) {
                    return false;
                }
                long remaining = dueNanos - System.nanoTime();
                if (remaining <= 0) {
                    return true;
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
                observer.completed(index, outcomes[index]);
                completed.incrementAndGet();
                finishIfDrained();
            });
        }

        /** Ends the run once pacing is over and every request that left has come back. */
        private void finishIfDrained() {
            if (pacingDone.get() && completed.get() == sent.get() && finished.compareAndSet(false, true)) {
                done.complete(new Run(Arrays.asList(outcomes), intended, maxInFlight.get(), stoppedEarly));
            }
        }
    }
}
