package io.perfsweep.spec;

/**
 * The rules on a {@code plannerProfile} workload: the profiler's inputs in range. Whether its sweeps exist (an ISL
 * range the profiler could run) is the profiler's arithmetic, a {@link SpecRule} of the {@code job} package's. The
 * points' ceilings ({@code perfsweep.limits.*}) are checked once the KV capacity, which
 * shapes the decode points, is known: when the job runs ({@code PlannerProfilePlan.checkLimits}).
 */
final class PlannerProfileRules {

    private final JobLimits limits;
    private final Violations violations;

    PlannerProfileRules(JobLimits limits, Violations violations) {
        this.limits = limits;
        this.violations = violations;
    }

    void validate(JobWorkload.PlannerProfile profile) {
        Integer context = profile.maxContextLength();
        if (context == null) {
            violations.addUnlessReported("workload.maxContextLength", "workload.maxContextLength is required for"
                    + " workload.type \"plannerProfile\": the engine's longest context bounds both ISL sweeps");
        } else if (atLeast("workload.maxContextLength", context, 1) && context > limits.maxIslTokens()) {
            violations.addUnlessReported("workload.maxContextLength", context, "exceeds the maximum input sequence"
                    + " length " + limits.maxIslTokens() + " tokens (perfsweep.limits.max-isl)");
        }
        atLeast("workload.prefillGranularity", profile.prefillGranularity(), 1);
        atLeast("workload.decodeGranularity", profile.decodeGranularity(), 2);
        if (atLeast("workload.decodeOsl", profile.decodeOsl(), 1) && profile.decodeOsl() > limits.maxOslTokens()) {
            violations.addUnlessReported("workload.decodeOsl", profile.decodeOsl(), "exceeds the maximum output"
                    + " sequence length " + limits.maxOslTokens() + " tokens (perfsweep.limits.max-osl)");
        }
        atLeast("workload.gpusPerEngine", profile.gpusPerEngine(), 1);
        atLeast("workload.attentionDp", profile.attentionDp(), 1);
        if (profile.maxKvTokens() != null && profile.maxKvTokens() < 1) {
            violations.addUnlessReported("workload.maxKvTokens", profile.maxKvTokens(), "must be at least 1");
        }
    }

    private boolean atLeast(String path, int value, int min) {
        if (value >= min) {
            return true;
        }
        violations.addUnlessReported(path, value, "must be at least " + min);
        return false;
    }
}
