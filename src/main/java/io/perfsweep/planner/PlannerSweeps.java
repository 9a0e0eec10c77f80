package io.perfsweep.planner;

import java.util.ArrayList;
import java.util.List;

import io.perfsweep.planner.PlannerPoint.Stage;

/**
 * The points Dynamo's profiler runs against one engine, in its order, with Python's {@code range} semantics exactly
 * ({@code profile_prefill.py}, {@code profile_decode.py}, {@code utils/aiperf.py}; spec/anchors.md §6.2).
 *
 * <p>
 * Where the profiler would fail or run nothing, these methods throw {@link IllegalArgumentException} saying which input
 * is too small: Python's {@code range} refuses a zero step, and a decode ISL range that is empty would give the planner
 * no decode data.
 */
public final class PlannerSweeps {

    /** Tokens the profiler leaves for the chat template and system prompt below the prefill ISLs. */
    static final int PREFILL_CONTEXT_RESERVE = 512;
    /** The first ISL of both sweeps. */
    static final int FIRST_ISL = 100;
    /** {@code AIPERF_PREFILL_BENCHMARK_OSL}. */
    static final int PREFILL_OSL = 5;
    /** {@code AIPERF_WARMUP_REQUEST_PER_DP_RANK}. */
    static final int WARMUP_REQUESTS_PER_DP_RANK = 3;
    /** {@code AIPERF_PREFILL_ATTN_DP_NUM_REQ_RATIO}: an attention-DP prefill burst has this many requests per rank. */
    static final int ATTENTION_DP_REQUESTS_PER_RANK = 4;
    /** {@code DECODE_MAX_CONCURRENCY}: the most decode requests at one point. */
    static final int DECODE_MAX_CONCURRENCY = 2000;

    private PlannerSweeps() {
    }

    /** The prefill points and then the decode points. */
    public static List<PlannerPoint> all(ProfileInputs inputs) {
        var points = new ArrayList<>(prefill(inputs));
        points.addAll(decode(inputs));
        return List.copyOf(points);
    }

    /**
     * Prefill: ISL over {@code range(100, max_ctx − 512, (max_ctx − 612) // granularity)}, OSL 5. Without attention
     * DP each ISL is one measured request at concurrency 1 after 3 warm-up requests; with attention DP {@code d > 1}
     * it is one burst of {@code 4d} requests at concurrency {@code 4d} after {@code 3d} warm-up requests.
     */
    public static List<PlannerPoint> prefill(ProfileInputs inputs) {
        int maxContext = inputs.maxContextLength();
        int stop = maxContext - PREFILL_CONTEXT_RESERVE;
        if (stop <= FIRST_ISL) {
            throw new IllegalArgumentException("max context length " + maxContext + " is too small to profile prefill:"
                    + " the profiler keeps " + PREFILL_CONTEXT_RESERVE + " tokens for the chat template and needs ISLs"
                    + " above " + FIRST_ISL + ", so at least " + (FIRST_ISL + PREFILL_CONTEXT_RESERVE + 1));
        }
        int granularity = inputs.prefillGranularity();
        int step = (stop - FIRST_ISL) / granularity;
        if (step < 1) {
            throw new IllegalArgumentException("max context length " + maxContext + " is too small for prefill"
                    + " granularity " + granularity + ": the ISL step (max_ctx − " + (FIRST_ISL + PREFILL_CONTEXT_RESERVE)
                    + ") // " + granularity + " is 0; it needs at least "
                    + (FIRST_ISL + PREFILL_CONTEXT_RESERVE + granularity));
        }
        int dp = inputs.attentionDp();
        int burst = dp > 1 ? dp * ATTENTION_DP_REQUESTS_PER_RANK : 1;
        return range(FIRST_ISL, stop, step).stream()
                .map(isl -> new PlannerPoint(Stage.PREFILL, isl, PREFILL_OSL, burst, burst,
                        WARMUP_REQUESTS_PER_DP_RANK * dp, 1))
                .toList();
    }

    /**
     * Decode: ISL over {@code range(100, max_ctx − osl, (max_ctx − osl) // granularity)}; at each ISL the request
     * counts of {@link #requestCounts} up to {@code max_kv_tokens // (isl + osl)}, each run at concurrency = request
     * count after {@code 3d} warm-up requests, twice with the same prompts. The sweep stops at the first ISL where not
     * one request fits the KV cache, as the profiler's does.
     */
    public static List<PlannerPoint> decode(ProfileInputs inputs) {
        int maxContext = inputs.maxContextLength();
        int osl = inputs.decodeOsl();
        int stop = maxContext - osl;
        if (stop <= FIRST_ISL) {
            throw new IllegalArgumentException("max context length " + maxContext + " is too small to profile decode"
                    + " with OSL " + osl + ": decode ISLs run from " + FIRST_ISL + " to max_ctx − OSL, so it needs at"
                    + " least " + (FIRST_ISL + osl + 1));
        }
        int granularity = inputs.decodeGranularity();
        int step = stop / granularity;
        if (step < 1) {
            throw new IllegalArgumentException("max context length " + maxContext + " is too small for decode"
                    + " granularity " + granularity + ": the ISL step (max_ctx − " + osl + ") // " + granularity
                    + " is 0");
        }
        int dp = inputs.attentionDp();
        var points = new ArrayList<PlannerPoint>();
        for (int isl : range(FIRST_ISL, stop, step)) {
            long fits = inputs.maxKvTokens() / (isl + osl);
            if (fits == 0) {
                break;
            }
            for (int requests : requestCounts(dp, fits, granularity)) {
                points.add(new PlannerPoint(Stage.DECODE, isl, osl, requests, requests,
                        WARMUP_REQUESTS_PER_DP_RANK * dp, 2));
            }
        }
        if (points.isEmpty()) {
            throw new IllegalArgumentException("max KV tokens " + inputs.maxKvTokens() + " hold no decode request of "
                    + FIRST_ISL + " + " + osl + " tokens" + (dp > 1 ? " on each of " + dp + " attention-DP ranks" : ""));
        }
        return List.copyOf(points);
    }

    /**
     * The decode request counts at one ISL ({@code get_num_request_range}): with {@code c = min(fits, 2000) // dp}
     * requests per attention-DP rank, every multiple of {@code dp} up to {@code c·dp} when {@code c < granularity},
     * else {@code granularity} counts {@code dp + int(i · (c − 1)·dp / (granularity − 1))·dp} for
     * {@code i = 0 … granularity − 1}. Kept exactly as the profiler has it: with {@code dp > 1} the second form
     * multiplies by {@code dp} twice, so its largest count is {@code dp + (c − 1)·dp²}, above the {@code c·dp} requests
     * the KV cache holds (an {@code x_kv_usage} above 1); with {@code dp = 1} the counts run from 1 to {@code c}.
     *
     * @param fits how many requests of this ISL and OSL the KV cache holds
     */
    static List<Integer> requestCounts(int attentionDp, long fits, int granularity) {
        int perRank = (int) (Math.min(fits, DECODE_MAX_CONCURRENCY) / attentionDp);
        if (perRank < granularity) {
            return range(attentionDp, perRank * attentionDp + 1, attentionDp);
        }
        double step = (double) ((perRank - 1) * attentionDp) / (granularity - 1);
        var counts = new ArrayList<Integer>(granularity);
        for (int i = 0; i < granularity; i++) {
            counts.add(attentionDp + (int) (i * step) * attentionDp);
        }
        return counts;
    }

    /** Python's {@code list(range(start, stop, step))} for a positive step: start, start + step, … below stop. */
    static List<Integer> range(int start, int stop, int step) {
        if (step < 1) {
            throw new IllegalArgumentException("range step must be at least 1, was " + step);
        }
        var values = new ArrayList<Integer>();
        for (long value = start; value < stop; value += step) {
            values.add((int) value);
        }
        return values;
    }
}
