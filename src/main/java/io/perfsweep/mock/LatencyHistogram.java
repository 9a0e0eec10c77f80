package io.perfsweep.mock;

import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram with fixed bucket edges in seconds, recorded in nanoseconds from any thread: one
 * {@link LongAdder} per bucket (non-cumulative) plus one for the sum, so recording never locks. A snapshot's count is the
 * sum of its buckets, so the {@code +Inf} bucket always equals {@code _count}; the sum may miss an observation being
 * recorded at that instant.
 */
final class LatencyHistogram {

    /** vLLM V1's {@code vllm:time_to_first_token_seconds} edges ({@code vllm/v1/metrics/loggers.py}), without +Inf. */
    static final double[] TTFT_EDGES = { 0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0,
            7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0 };
    /** vLLM V1's {@code vllm:inter_token_latency_seconds} edges, without +Inf. */
    static final double[] ITL_EDGES = { 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5,
            10.0, 20.0, 40.0, 80.0 };
    /** vLLM V1's {@code vllm:e2e_request_latency_seconds} edges, without +Inf. */
    static final double[] E2E_EDGES = { 0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0,
            120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0 };

    /** Cumulative bucket counts (the last one is +Inf) and the sum of what they count. */
    record Snapshot(double[] upperBoundsSeconds, long[] cumulativeCounts, long sumNanos) {

        long count() {
            return cumulativeCounts[cumulativeCounts.length - 1];
        }
    }

    private final double[] upperBoundsSeconds;
    /** Bucket i counts values v with edge(i-1) &lt; v &lt;= edge(i) (Prometheus's {@code le}); the last one is +Inf. */
    private final long[] upperBoundsNanos;
    private final LongAdder[] buckets;
    private final LongAdder sumNanos = new LongAdder();

    LatencyHistogram(double[] edgesSeconds) {
        this.upperBoundsSeconds = edgesSeconds.clone();
        this.upperBoundsNanos = new long[edgesSeconds.length];
        for (int i = 0; i < edgesSeconds.length; i++) {
            upperBoundsNanos[i] = Math.round(edgesSeconds[i] * 1e9);
        }
        this.buckets = new LongAdder[edgesSeconds.length + 1];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    /** Records {@code times} observations of {@code nanos} each. */
    void observe(long nanos, int times) {
        if (times <= 0) {
            return;
        }
        int bucket = 0;
        while (bucket < upperBoundsNanos.length && nanos > upperBoundsNanos[bucket]) {
            bucket++;
        }
        sumNanos.add(nanos * times);
        buckets[bucket].add(times);
    }

    void observe(long nanos) {
        observe(nanos, 1);
    }

    Snapshot snapshot() {
        long[] cumulative = new long[buckets.length];
        long running = 0;
        for (int i = 0; i < buckets.length; i++) {
            running += buckets[i].sum();
            cumulative[i] = running;
        }
        return new Snapshot(upperBoundsSeconds, cumulative, sumNanos.sum());
    }
}
