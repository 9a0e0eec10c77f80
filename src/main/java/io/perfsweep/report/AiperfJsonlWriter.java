package io.perfsweep.report;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.perfsweep.metrics.MetricTag;
import io.perfsweep.metrics.RecordMetricValues;
import io.perfsweep.metrics.RequestError;
import io.perfsweep.metrics.RequestRecord;

/** Builds the lines of {@code profile_export.jsonl}: one {@code metadata}/{@code metrics}/{@code error} per request. */
final class AiperfJsonlWriter {

    private AiperfJsonlWriter() {
    }

    static Map<String, Object> line(int index, RequestRecord record, ExportContext ctx) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("metadata", metadata(index, record, ctx));
        line.put("metrics", record.valid() ? metrics(record) : errorMetrics(record));
        line.put("error", record.valid() ? null : errorFields(record.error()));
        return line;
    }

    private static Map<String, Object> metadata(int index, RequestRecord record, ExportContext ctx) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("session_num", index);
        metadata.put("x_request_id", ctx.requestId(index));
        metadata.put("turn_index", 0);
        metadata.put("request_start_ns", record.wallStartEpochNanos());
        metadata.put("request_end_ns", record.wallStartEpochNanos() + (record.endNanos() - record.sentNanos()));
        metadata.put("intended_start_offset_ns", record.intendedStartNanos() - record.sentNanos());
        metadata.put("benchmark_phase", "profiling");
        metadata.put("was_cancelled", !record.valid() && "CANCELLED".equalsIgnoreCase(record.error().type()));
        return metadata;
    }

    private static Map<String, Object> metrics(RequestRecord record) {
        RecordMetricValues values = RecordMetricValues.of(record);
        Map<String, Object> metrics = new LinkedHashMap<>();
        values.scalars().forEach((tag, base) -> metrics.put(tag.tag(), valueWithUnit(tag, display(tag, base))));
        long[] gaps = values.interChunkLatencyNanos();
        if (gaps.length > 0) {
            MetricTag icl = MetricTag.INTER_CHUNK_LATENCY;
            List<Double> ms = Arrays.stream(gaps).mapToDouble(g -> icl.unit().fromBase(g)).boxed().toList();
            metrics.put(icl.tag(), valueWithUnit(icl, ms));
        }
        return metrics;
    }

    private static Object display(MetricTag tag, double base) {
        double shown = tag.unit().fromBase(base);
        boolean tokenCount = tag.unit().symbol().equals("tokens");
        return tokenCount && shown == Math.rint(shown) ? (Object) (long) shown : (Object) shown;
    }

    private static Map<String, Object> errorMetrics(RequestRecord record) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        if (record.inputTokens() != null) {
            metrics.put("error_isl", Map.of("value", record.inputTokens(), "unit", "tokens"));
        }
        return metrics;
    }

    private static Map<String, Object> valueWithUnit(MetricTag tag, Object value) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("value", value);
        entry.put("unit", tag.unit().symbol());
        return entry;
    }

    static Map<String, Object> errorFields(RequestError error) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("code", error.code());
        fields.put("type", error.type());
        fields.put("message", error.message());
        return fields;
    }
}
