package io.perfsweep.spec;

/**
 * Goodput thresholds: a request is good when every set threshold holds. Each is optional (null, the default).
 *
 * @param ttftMs upper bound on time to first token, ms
 * @param itlMs upper bound on inter-token latency, ms
 * @param requestLatencyMs upper bound on request latency, ms
 * @param minTokensPerSecPerUser lower bound on output token throughput per user, tokens/s/user
 */
public record JobSlo(Double ttftMs, Double itlMs, Double requestLatencyMs, Double minTokensPerSecPerUser) {

    /** No thresholds. */
    public static final JobSlo NONE = new JobSlo(null, null, null, null);

    /** Whether any threshold is set. */
    public boolean any() {
        return ttftMs != null || itlMs != null || requestLatencyMs != null || minTokensPerSecPerUser != null;
    }
}
