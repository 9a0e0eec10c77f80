package io.perfsweep.workload;

import java.util.Random;

/**
 * A token count drawn from a normal distribution the way AIPerf's {@code sample_positive_normal_integer} draws it:
 * the normal is truncated at 0 by rejection, then rounded up (so at least 1); with std 0 it is the mean, at least 1.
 */
public record TokenLengthDistribution(int meanTokens, int stdTokens) {

    private static final int REJECTION_LIMIT = 1_000;

    public TokenLengthDistribution {
        if (meanTokens < 0 || stdTokens < 0) {
            throw new IllegalArgumentException(
                    "Token length mean and std must not be negative: " + meanTokens + ", " + stdTokens);
        }
    }

    /** One token count, at least 1. */
    public int sample(Random random) {
        if (stdTokens == 0) {
            return Math.max(1, meanTokens);
        }
        for (int i = 0; i < REJECTION_LIMIT; i++) {
            double value = meanTokens + stdTokens * random.nextGaussian();
            if (value >= 0) {
                return Math.max(1, (int) Math.ceil(value));
            }
        }
        // AIPerf clamps to the mean when rejection keeps failing (mean far below zero in std units; cannot happen here).
        return Math.max(1, meanTokens);
    }
}
