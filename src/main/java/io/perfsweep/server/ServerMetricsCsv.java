package io.perfsweep.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds {@code server_metrics_export.csv} in AIPerf's layout: sections gauge, counter, histogram (one row per
 * series, a column per label key, the histogram's buckets as {@code le=count;…}) and a transposed info section
 * ({@code Endpoint,Metric,Key,Value,Description}, one row per label), separated by blank lines; floats with 4
 * decimals, counts as integers, CRLF line ends as Python's {@code csv} writes them.
 */
final class ServerMetricsCsv {

    private static final String LINE_END = "\r\n";
    private static final List<String> GAUGE = List.of("avg", "min", "max", "std", "p1", "p5", "p10", "p25", "p50",
            "p75", "p90", "p95", "p99");
    private static final List<String> COUNTER = List.of("total", "rate");
    private static final List<String> HISTOGRAM = List.of("count", "count_rate", "sum", "sum_rate", "avg",
            "p1_estimate", "p5_estimate", "p10_estimate", "p25_estimate", "p50_estimate", "p75_estimate",
            "p90_estimate", "p95_estimate", "p99_estimate");

    private ServerMetricsCsv() {
    }

    static String toCsv(ServerMetricsWindow window) {
        List<String> sections = new ArrayList<>();
        section(window, MetricType.GAUGE, GAUGE, sections);
        section(window, MetricType.COUNTER, COUNTER, sections);
        section(window, MetricType.HISTOGRAM, HISTOGRAM, sections);
        infoSection(window, sections);
        return String.join(LINE_END, sections);
    }

    private static void section(ServerMetricsWindow window, MetricType type, List<String> stats,
            List<String> sections) {
        List<MetricSummary> metrics = window.metrics().values().stream().filter(m -> m.type() == type).toList();
        if (metrics.isEmpty()) {
            return;
        }
        TreeSet<String> labelKeys = new TreeSet<>();
        metrics.forEach(m -> m.series().forEach(s -> labelKeys.addAll(s.labels().keySet())));
        List<String> header = new ArrayList<>(List.of("Endpoint", "Type", "Metric", "Unit"));
        header.addAll(stats);
        header.addAll(labelKeys);
        header.add("Description");
        if (type == MetricType.HISTOGRAM) {
            header.add("buckets");
        }
        StringBuilder csv = new StringBuilder();
        row(csv, header);
        for (MetricSummary metric : metrics) {
            for (SeriesSummary series : metric.series()) {
                List<String> row = new ArrayList<>(List.of(series.endpointUrl(), type.schemaName(), metric.name(),
                        metric.unit() == null ? "" : metric.unit()));
                Map<String, Object> json = series.stats().toJson();
                stats.forEach(stat -> row.add(number(json.get(stat))));
                labelKeys.forEach(key -> row.add(series.labels().getOrDefault(key, "")));
                row.add(metric.description());
                if (type == MetricType.HISTOGRAM) {
                    row.add(buckets(series));
                }
                row(csv, row);
            }
        }
        sections.add(csv.toString());
    }

    private static String buckets(SeriesSummary series) {
        if (series.buckets() == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        series.buckets().forEach((le, count) -> parts.add(ServerMetricsExport.leKey(le) + "=" + count));
        return String.join(";", parts);
    }

    private static void infoSection(ServerMetricsWindow window, List<String> sections) {
        StringBuilder csv = new StringBuilder();
        for (MetricSummary metric : window.metrics().values()) {
            if (metric.type() != MetricType.INFO) {
                continue;
            }
            for (SeriesSummary series : metric.series()) {
                series.labels().forEach((key, value) -> row(csv,
                        List.of(series.endpointUrl(), metric.name(), key, value, metric.description())));
            }
        }
        if (csv.length() > 0) {
            sections.add(joinRow(List.of("Endpoint", "Metric", "Key", "Value", "Description")) + LINE_END + csv);
        }
    }

    private static String number(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double) {
            double d = (Double) value;
            return Double.isFinite(d) ? String.format(Locale.ROOT, "%.4f", d) : "";
        }
        return value.toString();
    }

    private static void row(StringBuilder csv, List<String> fields) {
        csv.append(joinRow(fields)).append(LINE_END);
    }

    private static String joinRow(List<String> fields) {
        List<String> quoted = new ArrayList<>();
        for (String field : fields) {
            boolean quote = field.contains(",") || field.contains("\"") || field.contains("\n")
                    || field.contains("\r");
            quoted.add(quote ? '"' + field.replace("\"", "\"\"") + '"' : field);
        }
        return String.join(",", quoted);
    }
}
