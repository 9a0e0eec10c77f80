package io.perfsweep.events;

import java.util.List;

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
 */
public record PlannerProfile(List<Double> prefillIsl, List<Double> prefillTtft, List<Double> prefillThptPerGpu,
        List<Double> yContextLength, List<Double> zItl, List<Double> zThptPerGpu, List<Double> xKvUsage,
        Long maxKvTokens) {
}
