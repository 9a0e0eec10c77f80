package io.perfsweep.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsweep.metrics.ClientHealth;
import io.perfsweep.metrics.PointSummary;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.metrics.Slo;
import io.perfsweep.metrics.TimeSlices;
import io.perfsweep.server.PointServerMetrics;
import io.perfsweep.server.ServerExportContext;
import io.perfsweep.server.ServerMetricsExport;

/**
 * Writes one sweep point in AIPerf's file formats, so tools that read AIPerf artifacts (Dynamo's profiler and
 * Pareto plots, {@code aiperf plot}) read ours, and reads such files back, ours or AIPerf's.
 */
public final class AiperfExport {

    /** Aggregated statistics, one key per metric tag. */
    public static final String JSON_FILE = "profile_export_aiperf.json";
    /** The same statistics as a two-section CSV. */
    public static final String CSV_FILE = "profile_export_aiperf.csv";
    /** One line per request. */
    public static final String JSONL_FILE = "profile_export.jsonl";
    /** The JSON schema shape written: per-metric {@code count}/{@code sum} (1.1) and {@code run_info} (1.2). */
    public static final String SCHEMA_VERSION = "1.2";
    /** Written as {@code aiperf_version} so readers can tell our files from AIPerf's. */
    public static final String PRODUCER_VERSION = "perfsweep-0.1.0";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private AiperfExport() {
    }

    /**
     * Writes {@value #JSON_FILE}, {@value #CSV_FILE} and {@value #JSONL_FILE} into {@code dir}, creating it.
     *
     * @param records the point's records in send order, the same ones {@code summary} was built from
     * @throws UncheckedIOException when a file cannot be written
     */
    public static void write(Path dir, PointSummary summary, List<RequestRecord> records, ExportContext ctx) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(JSON_FILE), json(summary, ctx));
            Files.writeString(dir.resolve(CSV_FILE), csv(summary), StandardCharsets.UTF_8);
            try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(JSONL_FILE), StandardCharsets.UTF_8)) {
                writeJsonl(out, records, ctx);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the AIPerf export to " + dir, e);
        }
    }

    /**
     * Writes the point's client metrics per time slice beside its AIPerf export ({@link AiperfTimeslices}); nothing
     * when the point has no request.
     *
     * @param start when the measured phase began, wall clock
     * @param end when it ended
     * @param sliceSeconds AIPerf's {@code --slice-duration}
     * @throws UncheckedIOException when a file cannot be written
     */
    public static void writeTimeslices(Path dir, List<RequestRecord> records, Instant start, Instant end,
            double sliceSeconds, Slo slo, ExportContext ctx) {
        TimeSlices.of(records, epochNanos(start), epochNanos(end), sliceSeconds)
                .ifPresent(slices -> AiperfTimeslices.write(dir, slices, records, slo, ctx));
    }

    static long epochNanos(Instant time) {
        return time.getEpochSecond() * 1_000_000_000L + time.getNano();
    }

    /**
     * Writes the target's own metrics of the point beside its AIPerf export, as AIPerf does:
     * {@value ServerMetricsExport#JSON_FILE} and {@value ServerMetricsExport#CSV_FILE}, with the same benchmark id
     * and input configuration.
     */
    public static void writeServerMetrics(Path dir, PointServerMetrics server, ExportContext ctx) {
        ServerMetricsExport.write(dir, server.window(), server.slices(), serverContext(server, ctx));
    }

    /** The server export's context for a point whose AIPerf export has {@code ctx}. */
    public static ServerExportContext serverContext(PointServerMetrics server, ExportContext ctx) {
        return server.exportContext(PRODUCER_VERSION, ctx.benchmarkId(), ctx.inputConfig());
    }

    /** The stored server metrics' export tree with {@code ctx}'s input configuration, as the archive writes it. */
    static byte[] storedServerJson(Map<String, Object> stored, ExportContext ctx) throws IOException {
        @SuppressWarnings("unchecked")
        var export = new LinkedHashMap<>((Map<String, Object>) stored.get(PointServerMetrics.EXPORT));
        export.put("input_config", ctx.inputConfig());
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(export);
    }

    /**
     * Writes perf.sh's {@value RunResults#DEPLOYMENT_CONFIG} into a run's directory, as the service's export has it
     * ({@link InputConfig.Run#deploymentConfig()}); nothing when {@code config} is empty.
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public static void writeDeploymentConfig(Path runDir, Map<String, Object> config) {
        if (config.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(runDir);
            Files.write(runDir.resolve(RunResults.DEPLOYMENT_CONFIG), deploymentConfigJson(config));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + RunResults.DEPLOYMENT_CONFIG + " to " + runDir, e);
        }
    }

    /** The content of {@value RunResults#DEPLOYMENT_CONFIG}, pretty-printed UTF-8. */
    static byte[] deploymentConfigJson(Map<String, Object> config) throws IOException {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(config);
    }

    /** The content of {@value #JSON_FILE}, pretty-printed UTF-8. */
    static byte[] json(PointSummary summary, ExportContext ctx) throws IOException {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(new AiperfJsonWriter(MAPPER).toJson(summary,
                ctx));
    }

    /** The content of {@value #CSV_FILE}. */
    static String csv(PointSummary summary) {
        return AiperfCsvWriter.toCsv(summary);
    }

    /** Writes the lines of {@value #JSONL_FILE} to {@code out}, which stays open. */
    static void writeJsonl(Writer out, List<RequestRecord> records, ExportContext ctx) throws IOException {
        for (int i = 0; i < records.size(); i++) {
            out.write(MAPPER.writeValueAsString(AiperfJsonlWriter.line(i, records.get(i), ctx)));
            out.write('\n');
        }
        out.flush();
    }

    /**
     * Reads a {@value #JSON_FILE}, ignoring fields it does not know. Metrics are the top-level objects that have a
     * {@code unit}; files of AIPerf versions that nest them under {@code records} are read too.
     *
     * @throws UncheckedIOException when the file cannot be read or is not JSON
     */
    public static AiperfResult read(Path json) {
        try {
            JsonNode root = MAPPER.readTree(json.toFile());
            Map<String, AiperfResult.Metric> metrics = new HashMap<>();
            collectMetrics(root, metrics);
            collectMetrics(root.path("records"), metrics);
            return new AiperfResult(text(root, "schema_version"), text(root, "aiperf_version"),
                    text(root, "benchmark_id"), metrics, root.path("client_health").isObject()
                            ? ClientHealth.fromJson(MAPPER.convertValue(root.get("client_health"), Map.class))
                            : null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + json, e);
        }
    }

    private static void collectMetrics(JsonNode parent, Map<String, AiperfResult.Metric> metrics) {
        for (Map.Entry<String, JsonNode> field : parent.properties()) {
            JsonNode node = field.getValue();
            if (node.isObject() && node.path("unit").isTextual()) {
                metrics.put(field.getKey(), new AiperfResult.Metric(node.get("unit").asText(), numbers(node)));
            }
        }
    }

    private static Map<String, Double> numbers(JsonNode metric) {
        Map<String, Double> stats = new HashMap<>();
        metric.properties().forEach(f -> {
            if (f.getValue().isNumber()) {
                stats.put(f.getKey(), f.getValue().asDouble());
            }
        });
        return stats;
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }
}
