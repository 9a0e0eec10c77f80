package io.perfsweep.mock;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * FIXED mode timing: token i of a request is due at {@code received + ttft + i·itl}, independent of load; an SSE event
 * carrying {@code tokensPerEvent} tokens goes out when its last token is due. Each request's timers run on the executor
 * it is started with (the server passes the connection's event loop, so the write needs no thread hop). If the
 * one-shot stall starts while a request is in flight, the rest of its schedule moves by the part of the stall it
 * overlaps, as if its progress were frozen.
 */
final class FixedEmitter {

    private final FaultInjector faults;
    private final long ttftNanos;
    private final long itlNanos;
    private final int tokensPerEvent;

    FixedEmitter(MockEngineConfig config, FaultInjector faults) {
        this.faults = faults;
        this.ttftNanos = Math.round(config.fixedTtftMillis() * 1_000_000.0);
        this.itlNanos = Math.round(config.fixedItlMillis() * 1_000_000.0);
        this.tokensPerEvent = config.tokensPerEvent();
    }

    /**
     * Starts emitting {@code maxTokens} tokens to {@code sink} with timers on {@code timers}; stops early once
     * {@code cancelled} turns true.
     */
    void start(ScheduledExecutorService timers, long receivedNanos, int maxTokens, TokenSink sink,
            BooleanSupplier cancelled) {
        sink.onAdmitted(0);
        new Run(timers, receivedNanos, maxTokens, sink, cancelled).scheduleNext();
    }

    /** The emission state of one request. */
    private final class Run {
        private final ScheduledExecutorService timers;
        private final long receivedNanos;
        private final int maxTokens;
        private final TokenSink sink;
        private final BooleanSupplier cancelled;
        private int nextToken;
        private long shiftNanos;
        private boolean stallApplied;

        Run(ScheduledExecutorService timers, long receivedNanos, int maxTokens, TokenSink sink,
                BooleanSupplier cancelled) {
            this.timers = timers;
            this.receivedNanos = receivedNanos;
            this.maxTokens = maxTokens;
            this.sink = sink;
            this.cancelled = cancelled;
        }

        private long dueNanos() {
            int lastTokenOfEvent = Math.min(nextToken + tokensPerEvent, maxTokens) - 1;
            return receivedNanos + ttftNanos + lastTokenOfEvent * itlNanos + shiftNanos;
        }

        void scheduleNext() {
            long delayNanos = dueNanos() - System.nanoTime();
            try {
                timers.schedule(this::fire, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // the server is closing: no more tokens
            }
        }

        private void fire() {
            if (cancelled.getAsBoolean()) {
                return;
            }
            long dueNanos = dueNanos();
            long stallStart = faults.stallStartNanos();
            if (!stallApplied && dueNanos >= stallStart && System.nanoTime() >= stallStart) {
                stallApplied = true;
                shiftNanos += faults.stallEndNanos() - Math.max(stallStart, receivedNanos);
                scheduleNext();
                return;
            }
            int count = Math.min(tokensPerEvent, maxTokens - nextToken);
            int first = nextToken;
            nextToken += count;
            boolean last = nextToken >= maxTokens;
            sink.onTokens(first, count, last);
            if (!last) {
                scheduleNext();
            }
        }
    }
}
