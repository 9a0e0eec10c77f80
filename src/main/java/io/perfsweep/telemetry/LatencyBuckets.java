package io.perfsweep.telemetry;

import java.time.Duration;
import java.util.stream.LongStream;

/** Fixed histogram bucket bounds of the latency meters, so every instance's buckets add up in PromQL. */
final class LatencyBuckets {

    /** Time to first token: prefill of a few tokens on an idle GPU up to minutes of queueing behind a saturated one. */
    static final Duration[] TTFT = millis(5, 10, 25, 50, 75, 100, 150, 200, 300, 500, 750, 1_000, 1_500, 2_000, 3_000,
            5_000, 7_500, 10_000, 20_000, 30_000, 60_000, 120_000);

    /** Inter-token latency: decode steps are milliseconds to tens of milliseconds; the tail reaches a second. */
    static final Duration[] ITL = millis(1, 2, 3, 5, 7, 10, 15, 20, 25, 30, 40, 50, 75, 100, 150, 200, 300, 500, 1_000);

    /** Request latency: a few output tokens to thousands of them under heavy load. */
    static final Duration[] REQUEST = millis(50, 100, 250, 500, 1_000, 2_000, 3_000, 5_000, 7_500, 10_000, 15_000,
            20_000, 30_000, 45_000, 60_000, 90_000, 120_000, 180_000, 300_000, 600_000);

    private LatencyBuckets() {
    }

    private static Duration[] millis(long... bounds) {
        return LongStream.of(bounds).mapToObj(Duration::ofMillis).toArray(Duration[]::new);
    }
}
