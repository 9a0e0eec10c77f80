package io.perfsweep.spec;

import java.time.Duration;

import io.perfsweep.config.PerfsweepConfig;

/**
 * Ceilings a job spec must stay under; each is a {@code perfsweep.limits.*} key, named in the rejection message.
 *
 * @param maxConcurrency largest concurrency of one level, and largest {@code maxConcurrency} of a rate load
 *        (default 4096, {@code perfsweep.limits.max-concurrency})
 * @param maxLevels most points in one job (default 64, {@code perfsweep.limits.max-levels})
 * @param maxRequestCount most measured or warm-up requests at one point (default 100000,
 *        {@code perfsweep.limits.max-request-count})
 * @param maxTotalRequests most requests of a whole job, warm-up included (default 1000000,
 *        {@code perfsweep.limits.max-total-requests})
 * @param maxIslTokens largest input sequence length (default 200000, {@code perfsweep.limits.max-isl})
 * @param maxOslTokens largest output sequence length (default 32768, {@code perfsweep.limits.max-osl})
 * @param maxJobDuration longest a job may run; a job's own {@code maxDurationSeconds} defaults to it and may only be
 *        shorter; the runner enforces it (default 6 h, {@code perfsweep.limits.max-job-duration})
 */
public record JobLimits(int maxConcurrency, int maxLevels, int maxRequestCount, long maxTotalRequests,
        int maxIslTokens, int maxOslTokens, Duration maxJobDuration) {

    /** The documented defaults. */
    public static final JobLimits DEFAULTS = new JobLimits(4096, 64, 100_000, 1_000_000, 200_000, 32_768,
            Duration.ofHours(6));

    public JobLimits {
        if (maxConcurrency < 1 || maxLevels < 1 || maxRequestCount < 1 || maxTotalRequests < 1 || maxIslTokens < 1
                || maxOslTokens < 1 || maxJobDuration.toSeconds() < 1) {
            throw new IllegalArgumentException(String.format("every job limit must be at least 1 (1 s for the"
                    + " duration), was concurrency %d, levels %d, request count %d, total requests %d, ISL %d, OSL %d,"
                    + " duration %s", maxConcurrency, maxLevels, maxRequestCount, maxTotalRequests, maxIslTokens,
                    maxOslTokens, maxJobDuration));
        }
    }

    /** The limits configured under {@code perfsweep.limits}. */
    public static JobLimits from(PerfsweepConfig.Limits config) {
        return new JobLimits(config.maxConcurrency(), config.maxLevels(), config.maxRequestCount(),
                config.maxTotalRequests(), config.maxIsl(), config.maxOsl(), config.maxJobDuration());
    }
}
