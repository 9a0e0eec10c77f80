package io.perfsweep.metrics;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Output length vs the requested {@code max_tokens} (AIPerf {@code osl_mismatch_diff_pct} and
 * {@code osl_mismatch_count}).
 * <p>
 * Formula: {@code (OSL − requested) / requested × 100}, signed: negative means the server stopped early. Unit:
 * percent. No value when OSL is unknown or no {@code max_tokens} was sent ({@code requestedOutputTokens == 0}).
 * <p>
 * A request is a mismatch when {@code |OSL − requested| > min(requested × 5 %, 50 tokens)} (AIPerf's defaults
 * {@code OSL_MISMATCH_PCT_THRESHOLD} and {@code OSL_MISMATCH_MAX_TOKEN_THRESHOLD}).
 */
public final class OslMismatch {

    /** Percent of the requested length tolerated before a mismatch is counted. */
    public static final double THRESHOLD_PERCENT = 5.0;
    /** Cap on the tolerated difference, in tokens. */
    public static final double MAX_THRESHOLD_TOKENS = 50.0;

    private OslMismatch() {
    }

    /** Signed percentage difference between OSL and the requested length, or empty when undefined. */
    public static OptionalDouble diffPercent(RequestRecord record) {
        OptionalLong osl = OutputSequenceLength.tokens(record);
        int requested = record.requestedOutputTokens();
        if (osl.isEmpty() || requested <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((osl.getAsLong() - requested) / (double) requested * 100.0);
    }

    /** Whether the difference exceeds {@code min(requested × 5 %, 50)} tokens; false when undefined. */
    public static boolean isMismatch(RequestRecord record) {
        OptionalLong osl = OutputSequenceLength.tokens(record);
        int requested = record.requestedOutputTokens();
        if (osl.isEmpty() || requested <= 0) {
            return false;
        }
        double thresholdTokens = Math.min(requested * (THRESHOLD_PERCENT / 100), MAX_THRESHOLD_TOKENS);
        return Math.abs(osl.getAsLong() - requested) > thresholdTokens;
    }
}
