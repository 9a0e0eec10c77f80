package io.perfsweep.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.perfsweep.events.PlannerProfile;
import io.perfsweep.events.PointMetrics;
import io.perfsweep.metrics.ClientHealth;
import io.perfsweep.metrics.MetricStats;
import io.perfsweep.metrics.MetricTag;
import io.perfsweep.metrics.PointSummary;
import io.perfsweep.server.PointServerMetrics;

/** Builds the planner-ready event payloads from point summaries (formulas: spec/anchors.md §6.2, §6.4). */
final class EventPayloads {

    private EventPayloads() {
    }

    /**
     * The point's metrics for its events.
     *
     * @param server the server's view of the point ({@link #serverView}), or null when its metrics were not scraped
     */
    static PointMetrics pointMetrics(int index, String label, int concurrency, PointSummary summary, int gpuCount,
            Map<String, Object> server) {
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        summary.recordMetrics().forEach((tag, stats) -> metrics.put(tag.tag(), statistics(stats)));
        summary.aggregates().forEach((tag, value) -> metrics.put(tag.tag(), Map.of("avg", value)));
        Double throughput = value(summary, MetricTag.OUTPUT_TOKEN_THROUGHPUT);
        Double perUser = summary.stats(MetricTag.OUTPUT_TOKEN_THROUGHPUT_PER_USER).map(MetricStats::avg).orElse(null);
        return new PointMetrics(index, label, concurrency, summary.requestCount(), summary.errorRequestCount(), metrics,
                throughput == null ? null : throughput / gpuCount, perUser,
                value(summary, MetricTag.GOOD_REQUEST_FRACTION), summary.health().map(h -> h.toJson()).orElse(null),
                server);
    }

    /**
     * The server's view published with a point: its facts, the client's means beside the server's and the GPU
     * telemetry ({@code null} without a DCGM exporter). The point's {@code tokensPerSecondPerGpu} stays on the
     * deployment's GPU count; the GPU block carries {@code gpus_seen} and {@code tokens_per_sec_per_gpu_seen} beside
     * it.
     */
    static Map<String, Object> serverView(PointServerMetrics server) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put(PointServerMetrics.FACTS, server.facts().toJson());
        view.put(PointServerMetrics.CLIENT_VS_SERVER, server.gap().toJson());
        view.put(PointServerMetrics.GPU, server.gpuJson());
        return view;
    }

    /** The same view of a point as stored ({@code sweep_point.server_metrics}), or null when it has none. */
    static Map<String, Object> serverView(Map<String, Object> stored) {
        if (stored == null || !(stored.get(PointServerMetrics.FACTS) instanceof Map)) {
            return null;
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put(PointServerMetrics.FACTS, stored.get(PointServerMetrics.FACTS));
        view.put(PointServerMetrics.CLIENT_VS_SERVER, stored.get(PointServerMetrics.CLIENT_VS_SERVER));
        view.put(PointServerMetrics.GPU, stored.get(PointServerMetrics.GPU));
        return view;
    }

    /** The KV capacity in tokens the server told for {@code point}, or null. */
    static Long serverMaxKvTokens(PointMetrics point) {
        if (point.server() == null || !(point.server().get(PointServerMetrics.FACTS) instanceof Map<?, ?> facts)) {
            return null;
        }
        return facts.get("max_kv_tokens") instanceof Number tokens ? tokens.longValue() : null;
    }

    /**
     * The sweep as Dynamo's planner profiling data: {@code prefill_thpt_per_gpu = isl / ttft_ms / gpus × 1000},
     * {@code y_context_length = isl + osl/2}, {@code z_thpt_per_gpu = output_token_throughput / gpus},
     * {@code x_kv_usage = (isl + osl/2) · concurrency / max_kv_tokens}. Points without a measured value are skipped;
     * points where the client's own timing was distorted are left out and named in {@code excluded_points}.
     */
    static PlannerProfile plannerProfile(List<PointMetrics> points, int gpuCount, Long maxKvTokens) {
        var prefillIsl = new ArrayList<Double>();
        var prefillTtft = new ArrayList<Double>();
        var prefillThpt = new ArrayList<Double>();
        var context = new ArrayList<Double>();
        var itl = new ArrayList<Double>();
        var decodeThpt = new ArrayList<Double>();
        var kvUsage = new ArrayList<Double>();
        var excluded = new ArrayList<String>();
        for (PointMetrics point : points) {
            if (point.clientHealth() != null
                    && ClientHealth.Verdict.DISTORTED.json().equals(point.clientHealth().get("verdict"))) {
                excluded.add(point.label());
                continue;
            }
            Double isl = avg(point, MetricTag.INPUT_SEQUENCE_LENGTH);
            Double osl = avg(point, MetricTag.OUTPUT_SEQUENCE_LENGTH);
            Double ttft = avg(point, MetricTag.TIME_TO_FIRST_TOKEN);
            Double meanItl = avg(point, MetricTag.INTER_TOKEN_LATENCY);
            Double throughput = avg(point, MetricTag.OUTPUT_TOKEN_THROUGHPUT);
            if (isl == null || osl == null || ttft == null || meanItl == null || throughput == null || ttft <= 0) {
                continue;
            }
            prefillIsl.add(isl);
            prefillTtft.add(ttft);
            prefillThpt.add(isl / ttft / gpuCount * 1000);
            context.add(isl + osl / 2);
            itl.add(meanItl);
            decodeThpt.add(throughput / gpuCount);
            if (maxKvTokens != null) {
                kvUsage.add((isl + osl / 2) * point.concurrency() / maxKvTokens);
            }
        }
        return new PlannerProfile(prefillIsl, prefillTtft, prefillThpt, context, itl, decodeThpt,
                maxKvTokens == null ? null : kvUsage, maxKvTokens, excluded);
    }

    private static Map<String, Double> statistics(MetricStats stats) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("avg", stats.avg());
        values.put("min", stats.min());
        values.put("max", stats.max());
        values.put("p50", stats.p50());
        values.put("p90", stats.p90());
        values.put("p99", stats.p99());
        values.put("std", stats.std());
        return values;
    }

    private static Double value(PointSummary summary, MetricTag tag) {
        var value = summary.aggregate(tag);
        return value.isPresent() ? value.getAsDouble() : null;
    }

    private static Double avg(PointMetrics point, MetricTag tag) {
        var stats = point.metrics().get(tag.tag());
        return stats == null ? null : stats.get("avg");
    }
}
