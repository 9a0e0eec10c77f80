package io.perfsweep.verdict;

/**
 * How strict the regression gate is.
 *
 * @param thresholdPct the smallest relative change that counts, in percent (default {@value #DEFAULT_THRESHOLD_PCT})
 * @param confidence the comparison's confidence (default {@value #DEFAULT_CONFIDENCE}): every interval of the
 *        comparison holds at once with this probability, so each is computed at {@code 1 − (1 − confidence) / m}
 *        for the m intervals of the comparison (Bonferroni)
 * @param resamples the fewest bootstrap resamples (default {@value #DEFAULT_RESAMPLES}); more are drawn when an
 *        interval's bounds lie further out than 50 resamples from the ends
 * @param seed the bootstrap's seed: the same inputs give the same comparison
 * @param minRequests the fewest valid requests a side needs for a latency percentile (default
 *        {@value #DEFAULT_MIN_REQUESTS}), and at least {@value #MIN_TAIL_REQUESTS} above the percentile
 */
public record GateSettings(double thresholdPct, double confidence, int resamples, long seed, int minRequests) {

    public static final double DEFAULT_THRESHOLD_PCT = 5;
    public static final double DEFAULT_CONFIDENCE = 0.95;
    public static final int DEFAULT_RESAMPLES = 2000;
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_MIN_REQUESTS = 30;
    /** Requests needed above a percentile: p90 needs 30 in all, p99 300, so its tail holds more than one request. */
    public static final int MIN_TAIL_REQUESTS = 3;

    public GateSettings {
        if (!(thresholdPct >= 0) || Double.isInfinite(thresholdPct)) {
            throw new IllegalArgumentException("threshold must be a percentage, 0 or more, was " + thresholdPct);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must lie between 0 and 1, was " + confidence);
        }
        if (resamples < 100) {
            throw new IllegalArgumentException("at least 100 resamples, was " + resamples);
        }
        if (minRequests < 2) {
            throw new IllegalArgumentException("at least 2 requests, was " + minRequests);
        }
    }

    /** The defaults, with a threshold and a confidence. */
    public static GateSettings of(double thresholdPct, double confidence) {
        return new GateSettings(thresholdPct, confidence, DEFAULT_RESAMPLES, DEFAULT_SEED, DEFAULT_MIN_REQUESTS);
    }

    /** The fewest requests a side needs for this percentile: {@code minRequests}, and 3 above the percentile. */
    public int requestsNeeded(double percent) {
        long tail = (long) Math.ceil(MIN_TAIL_REQUESTS / (1 - percent / 100) - 1e-9);
        return (int) Math.max(minRequests, tail);
    }
}
