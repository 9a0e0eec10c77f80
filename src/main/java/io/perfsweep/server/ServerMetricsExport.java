package io.perfsweep.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes a point's server metrics in AIPerf's files (spec §1.4, §1.5): {@value #JSON_FILE} (schema
 * {@value #SCHEMA_VERSION}) and {@value #CSV_FILE}. Info families are written as gauges, as AIPerf does; numbers that
 * are not finite ({@code NaN}, infinities) are written as {@code null}.
 */
public final class ServerMetricsExport {

    /** Aggregated statistics over the measured window. */
    public static final String JSON_FILE = "server_metrics_export.json";
    /** The same statistics in sections gauge, counter, histogram and info. */
    public static final String CSV_FILE = "server_metrics_export.csv";
    /** The version of AIPerf's server-metrics JSON schema written. */
    public static final String SCHEMA_VERSION = "1.0";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx")
            .withZone(ZoneOffset.UTC);

    private ServerMetricsExport() {
    }

    /**
     * Writes {@value #JSON_FILE} and {@value #CSV_FILE} into {@code dir}, creating it.
     *
     * @throws UncheckedIOException when a file cannot be written
     */
    public static void write(Path dir, ServerMetricsWindow window, ServerExportContext ctx) {
        write(dir, window, null, ctx);
    }

    /**
     * {@link #write(Path, ServerMetricsWindow, ServerExportContext)} with AIPerf's {@code timeslices} per series
     * when {@code slices} is not null.
     */
    public static void write(Path dir, ServerMetricsWindow window, ServerTimeslices slices, ServerExportContext ctx) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(JSON_FILE), json(window, slices, ctx));
            Files.writeString(dir.resolve(CSV_FILE), csv(window), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the server metrics export to " + dir, e);
        }
    }

    /** The content of {@value #JSON_FILE}, pretty-printed UTF-8. */
    public static byte[] json(ServerMetricsWindow window, ServerExportContext ctx) {
        return json(window, null, ctx);
    }

    /** The content of {@value #JSON_FILE} with per-series {@code timeslices} when {@code slices} is not null. */
    public static byte[] json(ServerMetricsWindow window, ServerTimeslices slices, ServerExportContext ctx) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(toMap(window, slices, ctx));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the server metrics export", e);
        }
    }

    /** The content of {@value #CSV_FILE}. */
    public static String csv(ServerMetricsWindow window) {
        return ServerMetricsCsv.toCsv(window);
    }

    /** The JSON tree of {@value #JSON_FILE} as plain maps, lists, strings and numbers (e.g. for a jsonb column). */
    public static Map<String, Object> toMap(ServerMetricsWindow window, ServerExportContext ctx) {
        return toMap(window, null, ctx);
    }

    /**
     * The JSON tree with, when {@code slices} is not null, each series' {@code timeslices} and each counter's
     * {@code rate_avg rate_min rate_max rate_std} over its complete slices (AIPerf's {@code --slice-duration}).
     */
    public static Map<String, Object> toMap(ServerMetricsWindow window, ServerTimeslices slices,
            ServerExportContext ctx) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema_version", SCHEMA_VERSION);
        root.put("aiperf_version", ctx.aiperfVersion());
        root.put("benchmark_id", ctx.benchmarkId());
        root.put("summary", summary(window, ctx));
        Map<String, Object> metrics = new LinkedHashMap<>();
        window.metrics().forEach((name, metric) -> metrics.put(name, metric(metric, slices)));
        root.put("metrics", metrics);
        root.put("input_config", ctx.inputConfig());
        return root;
    }

    private static Map<String, Object> summary(ServerMetricsWindow window, ServerExportContext ctx) {
        Set<String> successful = new LinkedHashSet<>();
        ctx.endpointsConfigured().stream().filter(window.endpoints()::contains).forEach(successful::add);
        successful.addAll(window.endpoints());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("endpoints_configured", ctx.endpointsConfigured());
        summary.put("endpoints_successful", List.copyOf(successful));
        summary.put("start_time", isoTime(ctx.startTime()));
        summary.put("end_time", isoTime(ctx.endTime()));
        Map<String, Object> info = new LinkedHashMap<>();
        window.endpointInfo().forEach((url, endpoint) -> info.put(url, finite(endpoint.toJson())));
        summary.put("endpoint_info", info);
        return summary;
    }

    /** ISO-8601 with microseconds and an explicit UTC offset, which Python's {@code fromisoformat} reads. */
    static String isoTime(Instant time) {
        return time == null ? null : ISO.format(time);
    }

    private static Map<String, Object> metric(MetricSummary metric, ServerTimeslices slices) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", metric.type().schemaName());
        json.put("description", metric.description());
        json.put("unit", metric.unit());
        List<Object> series = new ArrayList<>();
        for (SeriesSummary s : metric.series()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("endpoint_url", s.endpointUrl());
            entry.put("labels", s.labels().isEmpty() ? null : new LinkedHashMap<>(s.labels()));
            Map<String, Object> stats = s.stats().toJson();
            if (slices != null && metric.type() == MetricType.COUNTER) {
                stats.putAll(slices.counterRates(metric.name(), s));
            }
            entry.put("stats", finite(stats));
            if (slices != null) {
                entry.put("timeslices", slices.seriesTimeslices(metric.name(), s).stream()
                        .map(ServerMetricsExport::finite).toList());
            }
            if (metric.type() == MetricType.HISTOGRAM) {
                entry.put("buckets", s.buckets() == null ? null : bucketsJson(s.buckets()));
            }
            series.add(entry);
        }
        json.put("series", series);
        return json;
    }

    static Map<String, Object> bucketsJson(NavigableMap<Double, Long> buckets) {
        Map<String, Object> json = new LinkedHashMap<>();
        buckets.forEach((le, count) -> json.put(leKey(le), count));
        return json;
    }

    /** A bucket bound as exporters write it: {@code 0.04}, {@code 1.0}, {@code 2560.0}, {@code +Inf}. */
    static String leKey(double le) {
        if (le == Double.POSITIVE_INFINITY) {
            return "+Inf";
        }
        if (le == Double.NEGATIVE_INFINITY) {
            return "-Inf";
        }
        String plain = BigDecimal.valueOf(le).stripTrailingZeros().toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    private static Map<String, Object> finite(Map<String, Object> values) {
        Map<String, Object> json = new LinkedHashMap<>();
        values.forEach((key, value) -> json.put(key,
                value instanceof Double && !Double.isFinite((Double) value) ? null : value));
        return json;
    }
}
