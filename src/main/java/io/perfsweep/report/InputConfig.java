package io.perfsweep.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.perfsweep.metrics.PointSummary;

/**
 * AIPerf's {@code input_config} of one point and perf.sh's {@code deployment_config.json}, built one way for
 * {@code run}, {@code run --job} and the service's export, so the same sweep gives files with the same keys wherever
 * it ran. A run's keys: {@code benchmark_name}, {@code endpoint_url}, {@code endpoint_type}, {@code model},
 * {@code tokenizer}, the workload's ({@code isl}, {@code isl_std}, {@code osl}, {@code osl_std}; a trace's
 * {@code trace_file}, {@code trace_url} or {@code trace_id} and {@code block_size}; a prefix workload's {@code isl},
 * {@code osl}, {@code prefix_prompt_count}), the deployment's ({@code kind}, {@code mode}, its TP/DP fields,
 * {@code num_gpus}) and the load's ({@code arrival} of a rate load, {@code speedup} of a replay,
 * {@code warmup_request_count}); then each point's {@code concurrency} (a closed-loop level or a rate's cap),
 * {@code request_rate}, {@code prefix_ratio} and {@code request_count}. A value that is not known is left out.
 */
public final class InputConfig {

    private InputConfig() {
    }

    /**
     * What a run asked for, the same at every point; any part may be null when unknown (a rejected job's spec).
     *
     * @param endpointType {@code chat} or {@code completions}
     * @param tokenizer the tokenizer used, or the model id it was looked up by
     */
    public record Run(String benchmarkName, String endpointUrl, String endpointType, String model, String tokenizer,
            Workload workload, Deployment deployment, Load load) {

        /** perf.sh's {@code deployment_config.json}: kind, model, mode and TP/DP fields; empty without a deployment. */
        public Map<String, Object> deploymentConfig() {
            Map<String, Object> config = new LinkedHashMap<>();
            if (deployment != null) {
                config.put("kind", deployment.kind());
                config.put("model", model);
                config.put("mode", deployment.mode());
                config.putAll(deployment.parallelism());
            }
            config.values().removeIf(Objects::isNull);
            return config;
        }
    }

    /** What the requests contain. */
    public sealed interface Workload {
        /** Synthetic prompts of these lengths, in tokens. */
        record Synthetic(int isl, int islStd, int osl, int oslStd) implements Workload {
        }

        /** A trace, named by exactly one of {@code file}, {@code url} and {@code traceId}. */
        record Trace(String file, String url, String traceId, int blockSize) implements Workload {
        }

        /** Shared-prefix prompts of the router benchmark. */
        record Prefix(int isl, int osl, int prefixPromptCount) implements Workload {
        }

        /**
         * Dynamo's profiler sweeps for its planner: each point has its own exact lengths (its label says them); the
         * job's KV capacity is null when the server's was to be used.
         */
        record PlannerProfile(int maxContextLength, int prefillGranularity, int decodeGranularity, int decodeOsl,
                int gpusPerEngine, int attentionDp, Long maxKvTokens) implements Workload {
        }
    }

    /**
     * The deployment under test as perf.sh records it.
     *
     * @param kind its label, e.g. {@code agg-tp1-dp1}
     * @param mode {@code aggregated} or {@code disaggregated}
     * @param parallelism perf.sh's fields: {@code tensor_parallelism} and {@code data_parallelism}, or the
     *        {@code prefill_}/{@code decode_} pairs
     * @param gpus the GPU count tokens per second per GPU divides by
     */
    public record Deployment(String kind, String mode, Map<String, Integer> parallelism, int gpus) {
        public Deployment {
            parallelism = Collections.unmodifiableMap(new LinkedHashMap<>(parallelism));
        }
    }

    /**
     * How the points were driven, besides their level.
     *
     * @param arrival {@code constant} or {@code poisson} for a rate load, else null
     * @param speedup the replay's speed-up, else null
     * @param warmupRequestCount requests sent first at each point and kept out of its results
     * @param sliceDuration AIPerf's {@code --slice-duration} in seconds, or null when the points were not sliced
     */
    public record Load(String arrival, Double speedup, int warmupRequestCount, Double sliceDuration) {

        /** Points not sliced. */
        public Load(String arrival, Double speedup, int warmupRequestCount) {
            this(arrival, speedup, warmupRequestCount, null);
        }
    }

    /**
     * One point's level.
     *
     * @param concurrency the closed-loop level, or the cap of a rate point that has one; null otherwise
     * @param requestRate the rate of an open-loop point, requests/s; null otherwise
     * @param prefixRatio the prefix ratio of a router-benchmark point; null otherwise
     * @param requestCount the measured requests sent (valid and failed)
     */
    public record Point(Integer concurrency, Double requestRate, Double prefixRatio, long requestCount) {

        /** The point at this level whose measured requests {@code summary} counts. */
        public static Point of(Integer concurrency, Double requestRate, Double prefixRatio, PointSummary summary) {
            return new Point(concurrency, requestRate, prefixRatio,
                    summary.requestCount() + summary.errorRequestCount());
        }
    }

    /** The {@code input_config} of {@code point} in {@code run}, in the order the class javadoc lists. */
    public static Map<String, Object> of(Run run, Point point) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("benchmark_name", run.benchmarkName());
        config.put("endpoint_url", run.endpointUrl());
        config.put("endpoint_type", run.endpointType());
        config.put("model", run.model());
        config.put("tokenizer", run.tokenizer());
        if (run.workload() instanceof Workload.Synthetic s) {
            config.put("isl", s.isl());
            config.put("isl_std", s.islStd());
            config.put("osl", s.osl());
            config.put("osl_std", s.oslStd());
        } else if (run.workload() instanceof Workload.Trace t) {
            config.put("trace_file", t.file());
            config.put("trace_url", t.url());
            config.put("trace_id", t.traceId());
            config.put("block_size", t.blockSize());
        } else if (run.workload() instanceof Workload.Prefix p) {
            config.put("isl", p.isl());
            config.put("osl", p.osl());
            config.put("prefix_prompt_count", p.prefixPromptCount());
        } else if (run.workload() instanceof Workload.PlannerProfile p) {
            config.put("max_context_length", p.maxContextLength());
            config.put("prefill_granularity", p.prefillGranularity());
            config.put("decode_granularity", p.decodeGranularity());
            config.put("decode_osl", p.decodeOsl());
            config.put("gpus_per_engine", p.gpusPerEngine());
            config.put("attention_dp", p.attentionDp());
            config.put("max_kv_tokens", p.maxKvTokens());
        }
        if (run.deployment() != null) {
            config.put("kind", run.deployment().kind());
            config.put("mode", run.deployment().mode());
            config.putAll(run.deployment().parallelism());
            config.put("num_gpus", run.deployment().gpus());
        }
        if (run.load() != null) {
            config.put("arrival", run.load().arrival());
            config.put("speedup", run.load().speedup());
            config.put("warmup_request_count", run.load().warmupRequestCount());
            config.put("slice_duration", run.load().sliceDuration());
        }
        config.put("concurrency", point.concurrency());
        config.put("request_rate", point.requestRate());
        config.put("prefix_ratio", point.prefixRatio());
        config.put("request_count", point.requestCount());
        config.values().removeIf(Objects::isNull);
        return config;
    }
}
