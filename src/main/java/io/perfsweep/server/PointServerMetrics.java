package io.perfsweep.server;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.perfsweep.metrics.PointSummary;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.metrics.TimeSlices;

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
 * @param slices the server's metrics per time slice for the export's {@code timeslices} (AIPerf's
 *        {@code --slice-duration}), or {@code null} when slicing was not asked for
 * @param timeline the report's figures over time, one row per slice ({@link ServerTimeslices#timeline}), or
 *        {@code null} when the point's records were not given
 */
public record PointServerMetrics(ServerCapture capture, ServerMetricsWindow window, ServerFacts facts,
        ClientServerGap gap, GpuTelemetry gpu, ServerTimeslices slices, List<Map<String, Object>> timeline) {

    /** Keys of the stored JSON (column {@code sweep_point.server_metrics}). */
    public static final String FACTS = "facts";
    public static final String CLIENT_VS_SERVER = "client_vs_server";
    public static final String GPU = "gpu";
    public static final String UNANSWERED = "unanswered";
    public static final String EXPORT = "export";
    public static final String EXPORT_CSV = "export_csv";
    public static final String TIMELINE = "timeline";

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
                GpuTelemetry.of(window, GpuTelemetry.Work.of(summary)).orElse(null), null, null));
    }

    /**
     * The server's view of a point with its figures over time: the export's per-series {@code timeslices} on
     * {@code sliceSeconds}' slices when asked for; the timeline on the same slices, unless they are shorter than
     * {@link TimeSlices#timelineSeconds} (more than {@value TimeSlices#TIMELINE_SLICES} of them), then on that
     * coarser cut, so the stored timeline stays small.
     *
     * @param records the point's measured requests, whose sends place the slices and whose spans give the client's
     *        requests in flight
     * @param start when the measured phase began, wall clock
     * @param end when it ended
     * @param sliceSeconds AIPerf's {@code --slice-duration}, or {@code null}
     */
    public static Optional<PointServerMetrics> of(ServerCapture capture, PointSummary summary,
            List<RequestRecord> records, Instant start, Instant end, Double sliceSeconds) {
        Optional<PointServerMetrics> plain = of(capture, summary);
        if (plain.isEmpty()) {
            return plain;
        }
        long startNanos = epochNanos(start);
        long endNanos = epochNanos(end);
        ServerTimeslices asked = sliceSeconds == null ? null
                : TimeSlices.of(records, startNanos, endNanos, sliceSeconds)
                        .map(slices -> ServerTimeslices.of(capture.scrapes(), slices)).orElse(null);
        double timelineSeconds = TimeSlices.timelineSeconds((endNanos - startNanos) / 1e9);
        ServerTimeslices drawn = asked != null && asked.slices().sliceSeconds() >= timelineSeconds ? asked
                : TimeSlices.of(records, startNanos, endNanos, timelineSeconds)
                        .map(slices -> ServerTimeslices.of(capture.scrapes(), slices)).orElse(null);
        PointServerMetrics p = plain.get();
        return Optional.of(new PointServerMetrics(capture, p.window(), p.facts(), p.gap(), p.gpu(), asked,
                drawn == null ? null : drawn.timeline(drawn.slices().inFlight(records))));
    }

    private static long epochNanos(Instant time) {
        return time.getEpochSecond() * 1_000_000_000L + time.getNano();
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
     * {@code server_metrics_export.json} tree), {@value #EXPORT_CSV} and {@value #TIMELINE} (the figures over time,
     * {@code null} without).
     */
    public Map<String, Object> toStoredJson(ServerExportContext ctx) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(FACTS, facts.toJson());
        json.put(CLIENT_VS_SERVER, gap.toJson());
        json.put(GPU, gpuJson());
        json.put(UNANSWERED, new LinkedHashMap<>(capture.failures()));
        json.put(EXPORT, ServerMetricsExport.toMap(window, slices, ctx));
        json.put(EXPORT_CSV, ServerMetricsExport.csv(window));
        json.put(TIMELINE, timeline);
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
