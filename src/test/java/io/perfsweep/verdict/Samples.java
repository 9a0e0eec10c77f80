package io.perfsweep.verdict;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded per-request values shaped like a served LLM's: log-normal around a median, with the spread (σ of the log)
 * of each metric: TTFT 0.25 (CV ≈ 25 %, queueing behind prefills), ITL 0.08, request latency 0.10.
 */
final class Samples {

    static final double TTFT_SIGMA = 0.25;
    static final double ITL_SIGMA = 0.08;
    static final double LATENCY_SIGMA = 0.10;

    private Samples() {
    }

    /** n log-normal values: {@code median · scale · exp(σ·Z)}. */
    static double[] logNormal(SplittableRandom rng, int n, double median, double sigma, double scale) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = median * scale * Math.exp(sigma * rng.nextGaussian());
        }
        return values;
    }

    /** A point of n requests whose TTFT is scaled by {@code ttftScale}; no throughput, so 9 intervals. */
    static PointSamples point(SplittableRandom rng, int n, double ttftScale, double ttftSigma) {
        return new PointSamples("c10", Map.of(
                "time_to_first_token", logNormal(rng, n, 100, ttftSigma, ttftScale),
                "inter_token_latency", logNormal(rng, n, 10, ITL_SIGMA, 1),
                "request_latency", logNormal(rng, n, 2600, LATENCY_SIGMA, 1)), Map.of(), Map.of());
    }
}
