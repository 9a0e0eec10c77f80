package io.perfsweep.mock;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Drives {@link EngineScheduler} on the single engine thread with an absolute schedule, like Dynamo mocker's live engine
 * ({@code lib/mocker/src/scheduler/vllm/live.rs}): plan an iteration at {@code iteration_start}, sleep until
 * {@code iteration_start + iteration_time}, publish its tokens, and start the next iteration at exactly that instant, so
 * late wake-ups never accumulate drift. The loop stops when idle and restarts (at "now") on the next request. The one-shot
 * stall holds publication until the stall ends and moves the schedule by the same amount.
 */
final class EngineLoop {

    /** One finished iteration: when the schedule said it ends, when it actually ended, and what it was. */
    record IterationTiming(long startNanos, long scheduledEndNanos, long actualEndNanos,
            EngineScheduler.Iteration iteration) {
    }

    /**
     * A consistent view of the engine's state, published by the engine thread as one immutable record after every
     * scheduling step, iteration and submission, so a reader on another thread sees every field from the same instant
     * without locking (and without making the engine wait).
     */
    record Gauges(int running, int waiting, int activeBlocks, double kvUsage, long preemptions, long iterations,
            long prefixCacheQueries, long prefixCacheHits) {
    }

    private static final System.Logger LOG = System.getLogger(EngineLoop.class.getName());

    private final EngineScheduler scheduler;
    private final ScheduledExecutorService engineThread;
    private final FaultInjector faults;
    private final Consumer<IterationTiming> iterationListener;
    private boolean looping;
    private long iterationStartNanos;
    private long iterations;
    private volatile Gauges gauges = new Gauges(0, 0, 0, 0, 0, 0, 0, 0);

    EngineLoop(EngineScheduler scheduler, ScheduledExecutorService engineThread, FaultInjector faults,
            Consumer<IterationTiming> iterationListener) {
        this.scheduler = scheduler;
        this.engineThread = engineThread;
        this.faults = faults;
        this.iterationListener = iterationListener;
    }

    /** Hands a request to the engine thread; it joins at the next iteration boundary. */
    void submit(EngineRequest request) {
        try {
            engineThread.execute(() -> {
                scheduler.submit(request);
                refreshGauges();
                if (!looping) {
                    looping = true;
                    iterationStartNanos = System.nanoTime();
                    startIteration();
                }
            });
        } catch (RejectedExecutionException e) {
            request.cancel(); // the server is closing
        }
    }

    Gauges gauges() {
        return gauges;
    }

    private void startIteration() {
        long pausedUntil = faults.pausedUntilNanos(System.nanoTime());
        if (pausedUntil != Long.MIN_VALUE) {
            iterationStartNanos = Math.max(iterationStartNanos, pausedUntil);
            at(pausedUntil, this::startIteration);
            return;
        }
        EngineScheduler.Iteration iteration = scheduler.schedule();
        refreshGauges();
        if (iteration.batch().isEmpty()) {
            if (scheduler.idle()) {
                looping = false;
            } else {
                iterationStartNanos = System.nanoTime() + 1_000_000L;
                at(iterationStartNanos, this::startIteration);
            }
            return;
        }
        long startNanos = iterationStartNanos;
        long endNanos = startNanos + iteration.iterationNanos();
        at(endNanos, () -> finishIteration(iteration, startNanos, endNanos));
    }

    private void finishIteration(EngineScheduler.Iteration iteration, long startNanos, long endNanos) {
        long pausedUntil = faults.pausedUntilNanos(System.nanoTime());
        if (pausedUntil != Long.MIN_VALUE) {
            at(pausedUntil, () -> finishIteration(iteration, startNanos, pausedUntil));
            return;
        }
        long actualEndNanos = System.nanoTime();
        if (iterationListener != null) {
            iterationListener.accept(new IterationTiming(startNanos, endNanos, actualEndNanos, iteration));
        }
        scheduler.complete(iteration);
        iterations++;
        iterationStartNanos = endNanos;
        refreshGauges();
        startIteration();
    }

    private void at(long deadlineNanos, Runnable task) {
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "mock engine iteration failed; the loop restarts on the next request", e);
                looping = false;
            }
        };
        long delayNanos = deadlineNanos - System.nanoTime();
        try {
            if (delayNanos <= 0) {
                engineThread.execute(guarded);
            } else {
                engineThread.schedule(guarded, delayNanos, TimeUnit.NANOSECONDS);
            }
        } catch (RejectedExecutionException e) {
            looping = false; // the server is closing
        }
    }

    private void refreshGauges() {
        KvBlockManager kv = scheduler.kv();
        gauges = new Gauges(scheduler.runningCount(), scheduler.waitingCount(), kv.activeBlocks(), kv.usage(),
                scheduler.preemptionsTotal(), iterations, scheduler.prefixCacheQueries(), scheduler.prefixCacheHits());
    }
}
