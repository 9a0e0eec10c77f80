package io.perfsweep.report;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.perfsweep.metrics.ErrorCount;
import io.perfsweep.metrics.MetricStats;
import io.perfsweep.metrics.MetricTag;
import io.perfsweep.metrics.PointSummary;

/** Builds {@code profile_export_aiperf.json} in AIPerf's schema 1.x shape (one key per metric tag). */
final class AiperfJsonWriter {

    private final ObjectMapper mapper;

    AiperfJsonWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode toJson(PointSummary summary, ExportContext ctx) {
        ObjectNode root = mapper.createObjectNode();
        root.put("schema_version", AiperfExport.SCHEMA_VERSION);
        root.put("aiperf_version", AiperfExport.PRODUCER_VERSION);
        root.put("benchmark_id", ctx.benchmarkId());
        summary.recordMetrics().forEach((tag, stats) -> root.set(tag.tag(), statsNode(tag, stats)));
        summary.aggregates().forEach((tag, value) -> root.set(tag.tag(), avgOnly(tag.unit().symbol(), value)));
        putTimestamp(root, "min_request_timestamp", summary.minRequestTimestampEpochNanos());
        putTimestamp(root, "max_response_timestamp", summary.maxResponseTimestampEpochNanos());
        if (ctx.startTime() != null) {
            root.put("start_time", ctx.startTime().toString());
        }
        if (ctx.endTime() != null) {
            root.put("end_time", ctx.endTime().toString());
        }
        root.put("was_cancelled", ctx.wasCancelled());
        root.set("error_summary", errorSummary(summary));
        putMap(root, "input_config", ctx.inputConfig());
        putMap(root, "run_info", ctx.runInfo());
        // perfsweep's extension, a top-level object that readers of AIPerf's schema skip
        summary.health().ifPresent(health -> root.set("client_health", mapper.valueToTree(health.toJson())));
        // likewise: the instances that drove a shared point (docs/scale-out.md)
        if (!ctx.workers().isEmpty()) {
            root.set("workers", mapper.valueToTree(ctx.workers()));
        }
        return root;
    }

    ObjectNode statsNode(MetricTag tag, MetricStats stats) {
        ObjectNode node = mapper.createObjectNode();
        node.put("unit", tag.unit().symbol());
        node.put("avg", stats.avg());
        node.put("p1", stats.p1());
        node.put("p5", stats.p5());
        node.put("p10", stats.p10());
        node.put("p25", stats.p25());
        node.put("p50", stats.p50());
        node.put("p75", stats.p75());
        node.put("p90", stats.p90());
        node.put("p95", stats.p95());
        node.put("p99", stats.p99());
        node.put("min", stats.min());
        node.put("max", stats.max());
        node.put("std", stats.std());
        node.put("count", stats.count());
        node.put("sum", stats.sum());
        return node;
    }

    ObjectNode avgOnly(String unit, double value) {
        ObjectNode node = mapper.createObjectNode();
        node.put("unit", unit);
        node.put("avg", value);
        return node;
    }

    private void putTimestamp(ObjectNode root, String tag, OptionalLong epochNanos) {
        if (epochNanos.isPresent()) {
            ObjectNode node = mapper.createObjectNode();
            node.put("unit", "ns");
            node.put("avg", epochNanos.getAsLong());
            root.set(tag, node);
        }
    }

    private ArrayNode errorSummary(PointSummary summary) {
        ArrayNode errors = mapper.createArrayNode();
        for (ErrorCount error : summary.errorSummary()) {
            ObjectNode entry = errors.addObject();
            entry.set("error_details", mapper.valueToTree(AiperfJsonlWriter.errorFields(error.error())));
            entry.put("count", error.count());
        }
        return errors;
    }

    private void putMap(ObjectNode root, String field, Map<String, Object> map) {
        if (!map.isEmpty()) {
            root.set(field, mapper.valueToTree(new TreeMap<>(map)));
        }
    }
}
