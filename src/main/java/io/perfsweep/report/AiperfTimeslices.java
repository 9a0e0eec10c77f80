package io.perfsweep.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.perfsweep.metrics.MetricStats;
import io.perfsweep.metrics.MetricTag;
import io.perfsweep.metrics.PointSummary;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.metrics.Slo;
import io.perfsweep.metrics.TimeSlices;

/**
 * A point's client metrics per time slice in AIPerf's files (spec §5.1): {@value #JSON_FILE}
 * ({@code timeslices[{timeslice_index, <metric tag>: {unit, avg, min, max, p1 … p99, std, count, sum}}],
 * input_config}) and {@value #CSV_FILE} in tidy form ({@code Timeslice,Metric,Unit,Stat,Value}). Each slice's
 * statistics are the point's ({@link io.perfsweep.metrics.PointSummarizer}) over the requests sent in it, its
 * throughputs over its own requests' span, as AIPerf derives them per slice.
 * <p>
 * Unlike AIPerf, a slice in which no request was sent is kept (its counts 0, no latency), so indices stay in time order
 * without gaps; perfsweep adds a top-level {@code slice_bounds} object (which readers of AIPerf's schema skip) with
 * the slice duration and each slice's {@code start_ns}, {@code end_ns} (wall clock), {@code is_complete} (only when
 * {@code false}, as AIPerf writes it), its request count and the client's mean requests in flight.
 */
public final class AiperfTimeslices {

    /** The client metrics per slice. */
    public static final String JSON_FILE = "profile_export_aiperf_timeslices.json";
    /** The same in tidy form. */
    public static final String CSV_FILE = "profile_export_aiperf_timeslices.csv";
    static final String CSV_HEADER = "Timeslice,Metric,Unit,Stat,Value";

    private static final String LINE_END = "\r\n";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AiperfTimeslices() {
    }

    /**
     * Writes {@value #JSON_FILE} and {@value #CSV_FILE} into {@code dir}, creating it.
     *
     * @param records the point's measured requests
     * @throws UncheckedIOException when a file cannot be written
     */
    public static void write(Path dir, TimeSlices slices, List<RequestRecord> records, Slo slo, ExportContext ctx) {
        List<PointSummary> summaries = slices.summaries(records, slo);
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(JSON_FILE), json(slices, summaries, slices.inFlight(records), ctx));
            Files.writeString(dir.resolve(CSV_FILE), csv(summaries), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the time-slice export to " + dir, e);
        }
    }

    /** The content of {@value #JSON_FILE}, pretty-printed UTF-8. */
    static byte[] json(TimeSlices slices, List<PointSummary> summaries, double[] inFlight, ExportContext ctx)
            throws IOException {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson(slices, summaries, inFlight, ctx));
    }

    /** The JSON tree of {@value #JSON_FILE}. */
    static ObjectNode toJson(TimeSlices slices, List<PointSummary> summaries, double[] inFlight, ExportContext ctx) {
        AiperfJsonWriter stats = new AiperfJsonWriter(MAPPER);
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode timeslices = root.putArray("timeslices");
        ObjectNode bounds = MAPPER.createObjectNode();
        bounds.put("slice_duration", slices.sliceSeconds());
        bounds.put("unit", "sec");
        ArrayNode boundList = bounds.putArray("timeslices");
        for (TimeSlices.Slice slice : slices.slices()) {
            PointSummary summary = summaries.get(slice.index());
            ObjectNode node = timeslices.addObject();
            node.put("timeslice_index", slice.index());
            sorted(summary.recordMetrics()).forEach(e -> node.set(e.getKey().tag(),
                    stats.statsNode(e.getKey(), e.getValue())));
            sorted(summary.aggregates()).forEach(e -> node.set(e.getKey().tag(),
                    stats.avgOnly(e.getKey().unit().symbol(), e.getValue())));
            ObjectNode bound = boundList.addObject();
            bound.put("timeslice_index", slice.index());
            bound.put("start_ns", slice.startEpochNanos());
            bound.put("end_ns", slice.endEpochNanos());
            if (!slice.complete()) {
                bound.put("is_complete", false);
            }
            bound.put("request_count", summary.aggregates().getOrDefault(MetricTag.REQUEST_COUNT, 0.0).longValue()
                    + summary.aggregates().getOrDefault(MetricTag.ERROR_REQUEST_COUNT, 0.0).longValue());
            bound.put("client_in_flight", inFlight[slice.index()]);
        }
        if (!ctx.inputConfig().isEmpty()) {
            root.set("input_config", MAPPER.valueToTree(new TreeMap<>(ctx.inputConfig())));
        }
        root.set("slice_bounds", bounds);
        return root;
    }

    /**
     * The content of {@value #CSV_FILE}: per slice and metric (sorted by tag) a row per statistic, record metrics
     * with {@code avg min max p1 p5 p10 p25 p50 p75 p90 p95 p99 std}, one-value metrics with {@code avg}; names and
     * numbers as in {@code profile_export_aiperf.csv}.
     */
    static String csv(List<PointSummary> summaries) {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append(LINE_END);
        for (int index = 0; index < summaries.size(); index++) {
            PointSummary summary = summaries.get(index);
            for (var e : sorted(summary.recordMetrics())) {
                MetricStats s = e.getValue();
                double[] values = { s.avg(), s.min(), s.max(), s.p1(), s.p5(), s.p10(), s.p25(), s.p50(), s.p75(),
                        s.p90(), s.p95(), s.p99(), s.std() };
                String[] names = { "avg", "min", "max", "p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99",
                        "std" };
                for (int i = 0; i < values.length; i++) {
                    row(csv, index, e.getKey(), names[i], values[i]);
                }
            }
            for (var e : sorted(summary.aggregates())) {
                row(csv, index, e.getKey(), "avg", e.getValue());
            }
        }
        return csv.toString();
    }

    private static void row(StringBuilder csv, int index, MetricTag tag, String stat, double value) {
        csv.append(index).append(',').append(AiperfCsvWriter.field(tag.header())).append(',')
                .append(AiperfCsvWriter.field(tag.unit().symbol())).append(',').append(stat).append(',')
                .append(AiperfCsvWriter.number(value)).append(LINE_END);
    }

    private static <V> List<Map.Entry<MetricTag, V>> sorted(Map<MetricTag, V> metrics) {
        return metrics.entrySet().stream().sorted(Comparator.comparing(e -> e.getKey().tag())).toList();
    }
}
