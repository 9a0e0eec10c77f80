package io.perfsweep.planner;

/**
 * What Dynamo's profiler needs to know about one engine to sweep it ({@code profile_prefill.py},
 * {@code profile_decode.py}, {@code utils/defaults.py}); spec/anchors.md §6.2.
 *
 * @param maxContextLength the engine's longest context, tokens; bounds both ISL sweeps
 * @param prefillGranularity how finely prefill ISLs are spread (the ISL step is a 1/granularity of the range), at
 *        least 1; {@value #DEFAULT_PREFILL_GRANULARITY} by default
 * @param decodeGranularity how finely decode ISLs and request counts are spread, at least 2;
 *        {@value #DEFAULT_DECODE_GRANULARITY} by default
 * @param decodeOsl output tokens per decode request; {@value #DEFAULT_DECODE_OSL} by default
 * @param gpusPerEngine GPUs of one engine, the divisor of the per-GPU throughputs; 1 by default
 * @param attentionDp the engine's attention data-parallel size (DEP for MoE models); 1 by default
 * @param maxKvTokens the engine's KV cache capacity, tokens; bounds the decode request counts
 */
public record ProfileInputs(int maxContextLength, int prefillGranularity, int decodeGranularity, int decodeOsl,
        int gpusPerEngine, int attentionDp, long maxKvTokens) {

    /** The profiler's prefill granularity. */
    public static final int DEFAULT_PREFILL_GRANULARITY = 16;
    /** The profiler's decode granularity. */
    public static final int DEFAULT_DECODE_GRANULARITY = 6;
    /** The profiler's decode OSL: "not too large to reduce ITL variance, not too small to have stable measurement". */
    public static final int DEFAULT_DECODE_OSL = 500;

    public ProfileInputs {
        positive("maxContextLength", maxContextLength);
        positive("prefillGranularity", prefillGranularity);
        if (decodeGranularity < 2) {
            throw new IllegalArgumentException("decodeGranularity must be at least 2 (request counts are spread over "
                    + "granularity − 1 steps), was " + decodeGranularity);
        }
        positive("decodeOsl", decodeOsl);
        positive("gpusPerEngine", gpusPerEngine);
        positive("attentionDp", attentionDp);
        if (maxKvTokens < 1) {
            throw new IllegalArgumentException("maxKvTokens must be at least 1, was " + maxKvTokens);
        }
    }

    /** The profiler's defaults for everything but the engine's context length and KV capacity. */
    public static ProfileInputs defaults(int maxContextLength, long maxKvTokens) {
        return new ProfileInputs(maxContextLength, DEFAULT_PREFILL_GRANULARITY, DEFAULT_DECODE_GRANULARITY,
                DEFAULT_DECODE_OSL, 1, 1, maxKvTokens);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
