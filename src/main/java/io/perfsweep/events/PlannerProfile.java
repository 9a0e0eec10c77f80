package io.perfsweep.events;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The arrays Dynamo's planner reads from its profiling data ({@code prefill_raw_data.json},
 * {@code decode_raw_data.json}), one entry per sweep point, so a planner can consume a sweep without translation.
 *
 * @param prefillIsl {@code prefill_isl}: mean input length per point, tokens
 * @param prefillTtft {@code prefill_ttft}: mean TTFT per point, ms
 * @param prefillThptPerGpu {@code prefill_thpt_per_gpu}: isl / ttft_ms / gpus × 1000, tokens/s/GPU
 * @param yContextLength {@code y_context_length}: isl + osl/2 per point, tokens
 * @param zItl {@code z_itl}: mean ITL per point, ms
 * @param zThptPerGpu {@code z_thpt_per_gpu}: output token throughput / gpus per point, tokens/s/GPU
 * @param xKvUsage {@code x_kv_usage}: (isl + osl/2)·concurrency / max_kv_tokens per point, or null when the job did not
 *        give the target's KV capacity
 * @param maxKvTokens {@code max_kv_tokens}, or null when unknown
 * @param excludedPoints {@code excluded_points}: labels of the points left out of the arrays because the client's own
 *        timing was off at them ({@code client_health} verdict {@code distorted}), so a planner never fits the client's
 *        error as the deployment's behaviour; not a key of Dynamo's files, which readers of them ignore
 */
@RegisterForReflection
public record PlannerProfile(@JsonProperty("prefill_isl") List<Double> prefillIsl,
        @JsonProperty("prefill_ttft") List<Double> prefillTtft,
        @JsonProperty("prefill_thpt_per_gpu") List<Double> prefillThptPerGpu,
        @JsonProperty("y_context_length") List<Double> yContextLength, @JsonProperty("z_itl") List<Double> zItl,
        @JsonProperty("z_thpt_per_gpu") List<Double> zThptPerGpu, @JsonProperty("x_kv_usage") List<Double> xKvUsage,
        @JsonProperty("max_kv_tokens") Long maxKvTokens, @JsonProperty("excluded_points") List<String> excludedPoints) {
}
