package io.perfsweep.events;

import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Which run an event is about, in the vocabulary of Dynamo's planner and profiler.
 *
 * @param jobId the job's id (its deduplication key)
 * @param jobName the job's name (benchmark name)
 * @param model model served by the target
 * @param targetUrl base URL of the target (never with credentials)
 * @param endpoint {@code chat} or {@code completions}
 * @param deployment {@code aggregated} or {@code disaggregated}
 * @param deploymentLabel short shape label, e.g. {@code agg-tp1-dp1}
 * @param gpuCount GPUs behind the target: TP·DP, or prefill TP·DP + decode TP·DP
 * @param isl requested mean input sequence length, tokens
 * @param osl requested output sequence length, tokens
 * @param tags the job's tags
 */
@RegisterForReflection
public record RunIdentity(String jobId, String jobName, String model, String targetUrl, String endpoint,
        String deployment, String deploymentLabel, int gpuCount, int isl, int osl, Map<String, String> tags) {
}
