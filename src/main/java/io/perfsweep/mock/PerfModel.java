package io.perfsweep.mock;

/**
 * Dynamo mocker's default polynomial timing model ({@code lib/mocker/src/common/perf_model.rs}, "uncalibrated synthetic
 * baseline"), scaled by the configured speed-up ratios.
 *
 * <pre>
 * prefill_ms = 4.209989e-07 * t_new^2 + 1.518344e-02 * t_new + 1.650142e+01     (t_new = uncached tokens in the batch)
 * decode_ms  = -25.74 * u^2 + 54.01 * u + 5.74                                   (u = active KV tokens / total KV tokens)
 * clamps: prefill_ms &gt;= 0, decode_ms &gt;= 1
 * scaled:  prefill_ms / speedup_ratio,  decode_ms / (speedup_ratio * decode_speedup_ratio)
 * </pre>
 *
 * Worked examples: u = 0 gives 5.74 ms, u = 1 gives 34.01 ms, t_new = 8192 gives about 169 ms. The clamps are applied to
 * the model output before the speed-up division, as in the mocker, so a large speed-up can still give sub-ms steps.
 */
public final class PerfModel {

    private static final double PREFILL_A = 4.209989e-07;
    private static final double PREFILL_B = 1.518344e-02;
    private static final double PREFILL_C = 1.650142e+01;
    private static final double DECODE_A = -25.74;
    private static final double DECODE_B = 54.01;
    private static final double DECODE_C = 5.74;
    private static final double MIN_DECODE_MILLIS = 1.0;

    private final double speedupRatio;
    private final double decodeSpeedupRatio;

    public PerfModel(double speedupRatio, double decodeSpeedupRatio) {
        if (speedupRatio <= 0 || decodeSpeedupRatio <= 0) {
            throw new IllegalArgumentException("speed-up ratios must be > 0");
        }
        this.speedupRatio = speedupRatio;
        this.decodeSpeedupRatio = decodeSpeedupRatio;
    }

    /** Unscaled prefill time of a batch with {@code newTokens} uncached tokens, clamped at 0; 0 for an empty batch. */
    public static double rawPrefillMillis(long newTokens) {
        if (newTokens <= 0) {
            return 0;
        }
        double t = newTokens;
        return Math.max(0, PREFILL_A * t * t + PREFILL_B * t + PREFILL_C);
    }

    /** Unscaled decode-step time at KV utilisation {@code kvUsage} in [0, 1], clamped at 1 ms. */
    public static double rawDecodeMillis(double kvUsage) {
        double u = kvUsage;
        return Math.max(MIN_DECODE_MILLIS, DECODE_A * u * u + DECODE_B * u + DECODE_C);
    }

    /** Prefill time of this iteration's batch, ÷ speedup_ratio. */
    public double prefillMillis(long newTokens) {
        return rawPrefillMillis(newTokens) / speedupRatio;
    }

    /** Decode-step time at the given KV utilisation, ÷ (speedup_ratio × decode_speedup_ratio). */
    public double decodeMillis(double kvUsage) {
        return rawDecodeMillis(kvUsage) / (speedupRatio * decodeSpeedupRatio);
    }
}
