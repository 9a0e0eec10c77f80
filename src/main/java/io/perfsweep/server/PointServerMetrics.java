package io.perfsweep.server;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.perfsweep.metrics.PointSummary;

/**
 * The target's own view of one point: AIPerf's statistics over the measured window, the facts derived from them,
 * the client's means beside the server's and, when a DCGM exporter was among the endpoints, GPU telemetry.
 *
 * @param capture what was scraped, with the endpoints that did not answer
 * @param window the statistics of {@code server_metrics_export.json}
 * @param facts running and waiting requests, KV usage and capacity, … whichever server it is
 * @param gap the client's means beside the server's
 * @param gpu power, energy per output token, utilisation and memory of the GPUs seen, or {@code null} when no DCGM
 *        exporter reported a GPU
 */
public record PointServerMetrics(ServerCapture capture, ServerMetricsWindow window, ServerFacts facts,
        ClientServerGap gap, GpuTelemetry gpu) {

    /** Keys of the stored JSON (column {@code sweep_point.server_metrics}). */
    public static final String FACTS = "facts";
    public static final String CLIENT_VS_SERVER = "client_vs_server";
    public static final String GPU = "gpu";
    public static final String UNANSWERED = "unanswered";
    public static final String EXPORT = "export";
    public static final String EXPORT_CSV = "export_csv";

    /**
     * The server's view of a point, or empty when no endpoint answered (or none was scraped). The GPU telemetry's
     * denominators come from {@code summary} ({@link GpuTelemetry.Work#of}).
     */
    public static Optional<PointServerMetrics> of(ServerCapture capture, PointSummary summary) {
        if (!capture.any()) {
            return Optional.empty();
        }
        ServerMetricsWindow window = capture.window();
        ServerFacts facts = ServerFacts.of(window);
        return Optional.of(new PointServerMetrics(capture, window, facts, ClientServerGap.of(summary, facts),
                GpuTelemetry.of(window, GpuTelemetry.Work.of(summary)).orElse(null)));
    }

    /** The GPU telemetry's JSON ({@link GpuTelemetry#toJson}), or {@code null} without a DCGM exporter. */
    public Map<String, Object> gpuJson() {
        return gpu == null ? null : gpu.toJson();
    }

    /** The export's context: the endpoints configured, the window's wall-clock bounds, perfsweep as producer. */
    public ServerExportContext exportContext(String producer, String benchmarkId, Map<String, Object> inputConfig) {
        var scrapes = capture.scrapes();
        return new ServerExportContext(producer, benchmarkId, capture.endpointsConfigured(),
                scrapes.isEmpty() ? null : wallClock(scrapes, window.windowStartNanos()),
                scrapes.isEmpty() ? null : wallClock(scrapes, window.windowEndNanos()), inputConfig);
    }

    /**
     * What is stored with the point: {@value #FACTS}, {@value #CLIENT_VS_SERVER}, {@value #GPU} ({@code null} without
     * a DCGM exporter), {@value #UNANSWERED} (endpoint → first failure), {@value #EXPORT} (the
     * {@code server_metrics_export.json} tree) and {@value #EXPORT_CSV}.
     */
    public Map<String, Object> toStoredJson(ServerExportContext ctx) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(FACTS, facts.toJson());
        json.put(CLIENT_VS_SERVER, gap.toJson());
        json.put(GPU, gpuJson());
        json.put(UNANSWERED, new LinkedHashMap<>(capture.failures()));
        json.put(EXPORT, ServerMetricsExport.toMap(window, ctx));
        json.put(EXPORT_CSV, ServerMetricsExport.csv(window));
        return json;
    }

    /** The wall-clock time of {@code nanos} on the monotonic clock, anchored on the scrape nearest to it. */
    private static Instant wallClock(List<Scrape> scrapes, long nanos) {
        Scrape nearest = scrapes.get(0);
        for (Scrape scrape : scrapes) {
            if (Math.abs(scrape.timestampNanos() - nanos) < Math.abs(nearest.timestampNanos() - nanos)) {
                nearest = scrape;
            }
        }
        return nearest.takenAt().plusNanos(nanos - nearest.timestampNanos());
    }
}
