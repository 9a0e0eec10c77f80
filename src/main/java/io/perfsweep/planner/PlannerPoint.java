package io.perfsweep.planner;

/**
 * One point the profiler runs: a synthetic workload of exact lengths ({@code isl} stddev 0, {@code osl} forced by
 * {@code min_tokens = max_tokens}, {@code ignore_eos}) at a closed-loop concurrency. A runner turns it into a
 * {@code LoadPoint(concurrency, requestCount, warmupRequestCount)} with that workload.
 *
 * @param stage prefill or decode
 * @param isl input tokens per request
 * @param osl output tokens per request
 * @param concurrency requests kept in flight
 * @param requestCount requests measured per run
 * @param warmupRequestCount requests sent first in each run and kept out of its results
 * @param runs how often the point is run: 1, or 2 for decode, where the first run sends the same
 *        {@code requestCount} prompts (same seed, {@code requestCount} dataset entries) so that the second, measured
 *        run finds their prefixes cached and measures decode alone
 */
public record PlannerPoint(Stage stage, int isl, int osl, int concurrency, int requestCount, int warmupRequestCount,
        int runs) {

    /** Which of the planner's two files a point feeds. */
    public enum Stage {
        /** {@code prefill_raw_data}: TTFT against ISL. */
        PREFILL,
        /** {@code decode_raw_data}: ITL and throughput against KV usage and context length. */
        DECODE
    }

    public PlannerPoint {
        if (stage == null) {
            throw new IllegalArgumentException("stage must be set");
        }
        if (isl < 1 || osl < 1 || concurrency < 1 || requestCount < 1 || warmupRequestCount < 0 || runs < 1) {
            throw new IllegalArgumentException("not a point: " + stage + " isl " + isl + " osl " + osl
                    + " concurrency " + concurrency + " requests " + requestCount + " warm-up " + warmupRequestCount
                    + " runs " + runs);
        }
    }

    /**
     * The profiler's artifact directory name of the measured run: {@code aiperf_isl<isl>} for prefill,
     * {@code aiperf_isl<isl>_osl<osl>_n<requests>} for decode (its priming run adds {@code _warmup}).
     */
    public String label() {
        return stage == Stage.PREFILL ? "aiperf_isl" + isl : "aiperf_isl" + isl + "_osl" + osl + "_n" + requestCount;
    }
}
