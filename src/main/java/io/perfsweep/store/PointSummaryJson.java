package io.perfsweep.store;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import io.perfsweep.metrics.ClientHealth;
import io.perfsweep.metrics.ErrorCount;
import io.perfsweep.metrics.MetricStats;
import io.perfsweep.metrics.MetricTag;
import io.perfsweep.metrics.PointSummary;
import io.perfsweep.metrics.RequestError;

/**
 * A {@link PointSummary} as the {@code sweep_point.summary} JSON, and back. The shape is the metric part of AIPerf's
 * {@code profile_export_aiperf.json} (what {@code report}'s writer emits, rebuilt here because the store may not use
 * {@code report}): {@code tag → {unit, avg, p1 … p99, min, max, std, count, sum}} for record metrics,
 * {@code tag → {unit, avg}} for aggregates, {@code min_request_timestamp}/{@code max_response_timestamp} as
 * {@code {unit: "ns", avg}}, and {@code error_summary: [{error_details: {code, type, message}, count}]}.
 * <p>
 * Doubles go through Jackson's shortest round-trip form into {@code jsonb}'s exact numeric, so reading back gives the
 * same bits. A non-finite value (NaN, ±∞) has no JSON form: its metric entry is left out, as for "no value".
 */
public final class PointSummaryJson {

    static final String MIN_REQUEST_TIMESTAMP = "min_request_timestamp";
    static final String MAX_RESPONSE_TIMESTAMP = "max_response_timestamp";
    static final String ERROR_SUMMARY = "error_summary";
    static final String CLIENT_HEALTH = "client_health";
    private static final String[] STATS_FIELDS = { "avg", "p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99",
            "min", "max", "std", "count", "sum" };

    private PointSummaryJson() {
    }

    /** The summary as a JSON object tree of maps, lists, strings and numbers. */
    public static Map<String, Object> toJson(PointSummary summary) {
        Map<String, Object> root = new LinkedHashMap<>();
        summary.recordMetrics().forEach((tag, stats) -> {
            if (finite(stats)) {
                root.put(tag.tag(), statsNode(tag, stats));
            }
        });
        summary.aggregates().forEach((tag, value) -> {
            if (Double.isFinite(value)) {
                root.put(tag.tag(), avgNode(tag.unit().symbol(), value));
            }
        });
        summary.minRequestTimestampEpochNanos().ifPresent(ns -> root.put(MIN_REQUEST_TIMESTAMP, avgNode("ns", ns)));
        summary.maxResponseTimestampEpochNanos().ifPresent(ns -> root.put(MAX_RESPONSE_TIMESTAMP, avgNode("ns", ns)));
        List<Map<String, Object>> errors = new ArrayList<>();
        for (ErrorCount error : summary.errorSummary()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("code", error.error().code());
            details.put("type", error.error().type());
            details.put("message", error.error().message());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("error_details", details);
            entry.put("count", error.count());
            errors.add(entry);
        }
        root.put(ERROR_SUMMARY, errors);
        summary.health().ifPresent(health -> root.put(CLIENT_HEALTH, health.toJson()));
        return root;
    }

    /** The summary stored by {@link #toJson}; keys perfsweep does not know are ignored. */
    public static PointSummary fromJson(Map<String, Object> json) {
        Map<MetricTag, MetricStats> recordMetrics = new EnumMap<>(MetricTag.class);
        Map<MetricTag, Double> aggregates = new EnumMap<>(MetricTag.class);
        json.forEach((key, node) -> MetricTag.fromTag(key).ifPresent(tag -> {
            Map<String, Object> fields = object(node);
            if (tag.kind() == MetricTag.Kind.RECORD) {
                recordMetrics.put(tag, stats(fields));
            } else {
                aggregates.put(tag, number(fields, "avg"));
            }
        }));
        return new PointSummary(recordMetrics, aggregates, errorSummary(json.get(ERROR_SUMMARY)),
                timestamp(json.get(MIN_REQUEST_TIMESTAMP)), timestamp(json.get(MAX_RESPONSE_TIMESTAMP)),
                json.get(CLIENT_HEALTH) instanceof Map<?, ?> health ? ClientHealth.fromJson(health) : null);
    }

    private static Map<String, Object> statsNode(MetricTag tag, MetricStats s) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("unit", tag.unit().symbol());
        double[] values = { s.avg(), s.p1(), s.p5(), s.p10(), s.p25(), s.p50(), s.p75(), s.p90(), s.p95(), s.p99(),
                s.min(), s.max(), s.std() };
        for (int i = 0; i < values.length; i++) {
            node.put(STATS_FIELDS[i], values[i]);
        }
        node.put("count", s.count());
        node.put("sum", s.sum());
        return node;
    }

    private static boolean finite(MetricStats s) {
        return Double.isFinite(s.avg() + s.min() + s.max() + s.std() + s.sum() + s.p1() + s.p5() + s.p10() + s.p25()
                + s.p50() + s.p75() + s.p90() + s.p95() + s.p99());
    }

    private static Map<String, Object> avgNode(String unit, Object value) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("unit", unit);
        node.put("avg", value);
        return node;
    }

    private static MetricStats stats(Map<String, Object> f) {
        return new MetricStats(((Number) f.get("count")).longValue(), number(f, "sum"), number(f, "avg"),
                number(f, "min"), number(f, "max"), number(f, "p1"), number(f, "p5"), number(f, "p10"),
                number(f, "p25"), number(f, "p50"), number(f, "p75"), number(f, "p90"), number(f, "p95"),
                number(f, "p99"), number(f, "std"));
    }

    private static List<ErrorCount> errorSummary(Object node) {
        List<ErrorCount> errors = new ArrayList<>();
        if (node instanceof List<?> entries) {
            for (Object entry : entries) {
                Map<String, Object> fields = object(entry);
                Map<String, Object> details = object(fields.get("error_details"));
                Object message = details.get("message");
                errors.add(new ErrorCount(new RequestError(((Number) details.get("code")).intValue(),
                        (String) details.get("type"), message == null ? null : message.toString()),
                        ((Number) fields.get("count")).longValue()));
            }
        }
        return errors;
    }

    private static OptionalLong timestamp(Object node) {
        if (node == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(((Number) object(node).get("avg")).longValue());
    }

    private static double number(Map<String, Object> fields, String key) {
        return ((Number) fields.get(key)).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object node) {
        if (node instanceof Map<?, ?>) {
            return (Map<String, Object>) node;
        }
        throw new IllegalArgumentException("expected a JSON object, got " + node);
    }
}
