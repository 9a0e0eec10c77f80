package io.perfsweep.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the server itself says about one point's measured window, whichever server it is (vLLM, SGLang, TensorRT-LLM
 * or Dynamo; spec §2, §2.5). Every figure is {@code null} when the server does not expose it. Where a server has
 * several names for one figure the first one present wins, in the order vLLM, SGLang, TensorRT-LLM, Dynamo.
 *
 * @param server {@code vllm}, {@code sglang}, {@code trtllm} or {@code dynamo} by metric prefix, else {@code null}
 * @param requestsRunningAvg mean over the window's scrapes of the running requests summed over an endpoint's series,
 *        summed over endpoints (likewise the waiting requests); the maxima are summed over endpoints too
 * @param kvCacheUsageAvg KV-cache usage 0–1, the mean of its series' means; the max is the largest series max
 * @param maxKvTokens KV capacity in tokens: vLLM {@code num_gpu_blocks × block_size} of {@code cache_config_info},
 *        summed over engines and endpoints; SGLang {@code max_total_num_tokens}; Dynamo
 *        {@code model_total_kv_blocks × model_kv_cache_block_size}
 * @param prefixCacheHitRate vLLM Δhits/Δqueries over the window (ratios are not averaged); other servers' hit-rate
 *        gauge mean
 * @param preemptions preemptions in the window (vLLM)
 * @param serverTtftMeanMs the server's own mean time to first token in ms, Δsum/Δcount of its histogram (likewise
 *        inter-token latency and end-to-end latency)
 */
public record ServerFacts(String server, Double requestsRunningAvg, Double requestsRunningMax,
        Double requestsWaitingAvg, Double requestsWaitingMax, Double kvCacheUsageAvg, Double kvCacheUsageMax,
        Long maxKvTokens, Double prefixCacheHitRate, Double preemptions, Double promptTokens, Double generationTokens,
        Double serverTtftMeanMs, Double serverItlMeanMs, Double serverE2eMeanMs) {

    static final List<String> RUNNING = List.of("vllm:num_requests_running", "sglang:num_running_reqs",
            "dynamo_frontend_inflight_requests");
    static final List<String> WAITING = List.of("vllm:num_requests_waiting", "sglang:num_queue_reqs",
            "dynamo_frontend_queued_requests");
    static final List<String> KV_USAGE = List.of("vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc",
            "sglang:token_usage", "trtllm_kv_cache_utilization", "trtllm:kv_cache_utilization",
            "dynamo_component_kvstats_gpu_cache_usage_percent");
    static final List<String> HIT_RATE_GAUGES = List.of("sglang:cache_hit_rate", "trtllm_kv_cache_hit_rate",
            "trtllm:kv_cache_hit_rate", "dynamo_component_kvstats_gpu_prefix_cache_hit_rate");
    static final List<String> PROMPT_TOKENS = List.of("vllm:prompt_tokens", "sglang:prompt_tokens");
    static final List<String> GENERATION_TOKENS = List.of("vllm:generation_tokens", "sglang:generation_tokens",
            "dynamo_frontend_output_tokens");
    static final List<String> TTFT = List.of("vllm:time_to_first_token_seconds",
            "sglang:time_to_first_token_seconds", "trtllm_time_to_first_token_seconds",
            "trtllm:time_to_first_token_seconds", "dynamo_frontend_time_to_first_token_seconds");
    static final List<String> ITL = List.of("vllm:inter_token_latency_seconds",
            "vllm:time_per_output_token_seconds", "sglang:inter_token_latency_seconds",
            "trtllm_time_per_output_token_seconds", "trtllm:time_per_output_token_seconds",
            "dynamo_frontend_inter_token_latency_seconds");
    static final List<String> E2E = List.of("vllm:e2e_request_latency_seconds",
            "sglang:e2e_request_latency_seconds", "trtllm_e2e_request_latency_seconds",
            "trtllm:e2e_request_latency_seconds", "dynamo_frontend_request_duration_seconds");

    /** The facts of one window. */
    public static ServerFacts of(ServerMetricsWindow window) {
        FactReader read = new FactReader(window);
        double[] running = read.summedGauge(RUNNING);
        double[] waiting = read.summedGauge(WAITING);
        double[] usage = read.usage(KV_USAGE);
        return new ServerFacts(read.server(), first(running), second(running), first(waiting), second(waiting),
                first(usage), second(usage), read.maxKvTokens(), read.prefixCacheHitRate(HIT_RATE_GAUGES),
                read.counterTotal(List.of("vllm:num_preemptions")), read.counterTotal(PROMPT_TOKENS),
                read.counterTotal(GENERATION_TOKENS), read.histogramMeanMs(TTFT), read.histogramMeanMs(ITL),
                read.histogramMeanMs(E2E));
    }

    private static Double first(double[] pair) {
        return pair == null ? null : pair[0];
    }

    private static Double second(double[] pair) {
        return pair == null ? null : pair[1];
    }

    /** The facts as a JSON object with snake_case keys; absent figures are {@code null}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("server", server);
        json.put("requests_running_avg", requestsRunningAvg);
        json.put("requests_running_max", requestsRunningMax);
        json.put("requests_waiting_avg", requestsWaitingAvg);
        json.put("requests_waiting_max", requestsWaitingMax);
        json.put("kv_cache_usage_avg", kvCacheUsageAvg);
        json.put("kv_cache_usage_max", kvCacheUsageMax);
        json.put("max_kv_tokens", maxKvTokens);
        json.put("prefix_cache_hit_rate", prefixCacheHitRate);
        json.put("preemptions", preemptions);
        json.put("prompt_tokens", promptTokens);
        json.put("generation_tokens", generationTokens);
        json.put("server_ttft_mean_ms", serverTtftMeanMs);
        json.put("server_itl_mean_ms", serverItlMeanMs);
        json.put("server_e2e_mean_ms", serverE2eMeanMs);
        return json;
    }
}
