package io.perfsweep.mock;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The mock's {@code GET /metrics} families under vLLM V1's names ({@code vllm/v1/metrics/loggers.py}), in the
 * Prometheus text exposition format 0.0.4 as vLLM's {@code prometheus_client} writes it: counters are typed on the
 * family name and sampled as {@code <family>_total}, every sample carries {@code model_name} and {@code engine="0"},
 * every family has a HELP line.
 * <ul>
 * <li>Gauges {@code vllm:num_requests_running}, {@code vllm:num_requests_waiting}, {@code vllm:kv_cache_usage_perc}
 * (active KV blocks ÷ total blocks) and the counters {@code vllm:num_preemptions}, {@code vllm:prefix_cache_queries} and
 * {@code vllm:prefix_cache_hits} come from one {@link EngineLoop.Gauges} record, which the engine thread publishes after
 * every step: a scrape reads one volatile field and never waits for, or holds up, the engine.</li>
 * <li>{@code vllm:prompt_tokens} (a request's prompt, counted when its first token is written, as vLLM counts a
 * prompt when its prefill completes), {@code vllm:generation_tokens} (tokens written to clients),
 * {@code vllm:request_success{finished_reason}} and the histograms {@code vllm:time_to_first_token_seconds},
 * {@code vllm:inter_token_latency_seconds} and {@code vllm:e2e_request_latency_seconds} are recorded on the connection's
 * event loop at the instants the ground truth stamps: TTFT = first token write − receipt, e2e = last token write −
 * receipt, one ITL observation per token after the first (its write minus the previous write; tokens sharing a write
 * observe 0), so {@code _sum / _count} of ITL is the token-weighted mean of AIPerf's per-request ITL (a non-streamed
 * answer is one write: its TTFT equals its e2e and its gaps are 0, as in the ground truth).</li>
 * <li>{@code vllm:cache_config_info} (value 1) names the configured {@code block_size} and {@code num_gpu_blocks}.</li>
 * </ul>
 * FIXED mode has no engine: {@code num_requests_running} is the requests accepted and not yet finished or gone,
 * {@code num_requests_waiting} and {@code num_preemptions} are 0 (there is no queue and no preemption), and the KV
 * families ({@code kv_cache_usage_perc}, {@code prefix_cache_*}, {@code cache_config_info}) are left out, since FIXED
 * mode simulates no KV cache and a 0 would read as a measurement. Not simulated in either mode: the mock always stops at
 * {@code max_tokens}, so {@code finished_reason="stop"} stays 0, and requests whose client goes away are not counted as
 * {@code "abort"}; no {@code _created} samples; the other vLLM families (queue/prefill/decode time, request sizes,
 * iteration tokens) are absent.
 * <p>
 * Rendered by hand rather than through Micrometer's Prometheus registry, although it is on the service's classpath: a
 * Micrometer timer adds a {@code _max} family vLLM does not have and appends its own base-unit suffix, there is no info
 * type, and this package depends on Vert.x only, so each server instance keeps its own plain adders.
 */
final class VllmMetrics {

    /** vLLM's {@code finished_reason} label values of {@code vllm:request_success} that the mock can produce. */
    private static final String[] FINISHED_REASONS = { "stop", "length" };

    private final LatencyHistogram ttft = new LatencyHistogram(LatencyHistogram.TTFT_EDGES);
    private final LatencyHistogram itl = new LatencyHistogram(LatencyHistogram.ITL_EDGES);
    private final LatencyHistogram e2e = new LatencyHistogram(LatencyHistogram.E2E_EDGES);
    private final LongAdder promptTokens = new LongAdder();
    private final LongAdder finishedByLength = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();

    /** An accepted request started producing its answer. */
    void requestStarted() {
        inFlight.incrementAndGet();
    }

    /** A started request finished or its client went away; called once per started request. */
    void requestEnded() {
        inFlight.decrementAndGet();
    }

    /**
     * One write of {@code tokens} tokens at {@code writtenNanos}, the stamp the ground truth records for them.
     *
     * @param previousWrittenNanos the request's previous write, or {@code receivedNanos} for its first write
     */
    void tokensWritten(long receivedNanos, long previousWrittenNanos, long writtenNanos, int tokens, boolean first,
            boolean last, int requestPromptTokens) {
        if (first) {
            ttft.observe(writtenNanos - receivedNanos);
            promptTokens.add(requestPromptTokens);
        } else {
            itl.observe(writtenNanos - previousWrittenNanos);
        }
        itl.observe(0, tokens - 1);
        if (last) {
            e2e.observe(writtenNanos - receivedNanos);
            finishedByLength.increment();
        }
    }

    /** The exposition of this instant; {@code gauges} is the engine's latest record (all 0 in FIXED mode). */
    String render(MockEngineConfig config, EngineLoop.Gauges gauges, long generationTokens) {
        boolean simulated = config.mode() == MockEngineConfig.Mode.SIMULATED;
        Exposition out = new Exposition(config.modelName());
        out.family("vllm:num_requests_running", "gauge", "Number of requests in model execution batches.")
                .sample("vllm:num_requests_running", "", simulated ? gauges.running() : inFlight.get());
        out.family("vllm:num_requests_waiting", "gauge", "Number of requests waiting to be processed.")
                .sample("vllm:num_requests_waiting", "", simulated ? gauges.waiting() : 0);
        if (simulated) {
            out.family("vllm:kv_cache_usage_perc", "gauge", "KV-cache usage. 1 means 100 percent usage.")
                    .sample("vllm:kv_cache_usage_perc", "", gauges.kvUsage());
            out.counter("vllm:prefix_cache_queries", "Prefix cache queries, in terms of number of queried tokens.",
                    gauges.prefixCacheQueries());
            out.counter("vllm:prefix_cache_hits", "Prefix cache hits, in terms of number of cached tokens.",
                    gauges.prefixCacheHits());
        }
        out.counter("vllm:num_preemptions", "Cumulative number of preemption from the engine.", gauges.preemptions());
        out.counter("vllm:prompt_tokens", "Number of prefill tokens processed.", promptTokens.sum());
        out.counter("vllm:generation_tokens", "Number of generation tokens processed.", generationTokens);
        out.family("vllm:request_success", "counter", "Count of successfully processed requests.");
        for (String reason : FINISHED_REASONS) {
            out.sample("vllm:request_success_total", Exposition.label("finished_reason", reason),
                    reason.equals("length") ? finishedByLength.sum() : 0);
        }
        out.histogram("vllm:time_to_first_token_seconds", "Histogram of time to first token in seconds.",
                ttft.snapshot());
        out.histogram("vllm:inter_token_latency_seconds", "Histogram of inter-token latency in seconds.",
                itl.snapshot());
        out.histogram("vllm:e2e_request_latency_seconds", "Histogram of e2e request latency in seconds.",
                e2e.snapshot());
        if (simulated) {
            out.family("vllm:cache_config_info", "gauge", "Information of the LLMEngine CacheConfig")
                    .sample("vllm:cache_config_info", Exposition.label("block_size", String.valueOf(config.blockSize()))
                            + "," + Exposition.label("cache_dtype", "auto")
                            + "," + Exposition.label("enable_prefix_caching", "True")
                            + "," + Exposition.label("gpu_memory_utilization", "0.9")
                            + "," + Exposition.label("num_gpu_blocks", String.valueOf(config.numGpuBlocks())), 1);
        }
        return out.toString();
    }

    /** Writes families and samples in the text format 0.0.4 with the common labels. */
    static final class Exposition {
        private final StringBuilder sb = new StringBuilder(8192);
        private final String commonLabels;

        Exposition(String modelName) {
            this.commonLabels = label("model_name", modelName) + "," + label("engine", "0");
        }

        static String label(String name, String value) {
            return name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
        }

        Exposition family(String name, String type, String help) {
            sb.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n"))
                    .append('\n');
            sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
            return this;
        }

        Exposition sample(String name, String extraLabels, double value) {
            sb.append(name).append('{').append(commonLabels);
            if (!extraLabels.isEmpty()) {
                sb.append(',').append(extraLabels);
            }
            sb.append("} ").append(number(value)).append('\n');
            return this;
        }

        void counter(String family, String help, double value) {
            family(family, "counter", help).sample(family + "_total", "", value);
        }

        void histogram(String family, String help, LatencyHistogram.Snapshot histogram) {
            family(family, "histogram", help);
            double[] edges = histogram.upperBoundsSeconds();
            long[] counts = histogram.cumulativeCounts();
            for (int i = 0; i < counts.length; i++) {
                String le = i < edges.length ? number(edges[i]) : "+Inf";
                sample(family + "_bucket", label("le", le), counts[i]);
            }
            sample(family + "_count", "", histogram.count());
            sample(family + "_sum", "", histogram.sumNanos() / 1e9);
        }

        /** As prometheus_client writes floats: {@code 3.0}, {@code 0.25}, {@code +Inf}. */
        static String number(double value) {
            if (Double.isNaN(value)) {
                return "NaN";
            }
            if (Double.isInfinite(value)) {
                return value > 0 ? "+Inf" : "-Inf";
            }
            if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                return (long) value + ".0";
            }
            return Double.toString(value);
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }
}
