package io.perfsweep.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.perfsweep.metrics.ClientHealth;
import io.perfsweep.metrics.ErrorCount;
import io.perfsweep.metrics.MetricStats;
import io.perfsweep.metrics.MetricTag;
import io.perfsweep.metrics.PointSummary;

/** The console table printed after a sweep: one row per point, the numbers people compare first. */
public final class SummaryTable {

    private static final String[] HEADERS = { "point", "ok", "errors", "TTFT avg", "TTFT p50", "TTFT p99", "ITL avg",
            "ITL p50", "ITL p99", "latency avg", "req/s", "out tok/s", "tok/s/user", "concurrency",
            "client" };

    /** Enough of a failure message to tell causes apart while keeping a console line readable. */
    private static final int MESSAGE_EXCERPT_CHARS = 120;

    private SummaryTable() {
    }

    /**
     * Renders the rows in the order given; times in ms, a dash where a metric has no value. The last column is the
     * client's verdict on its own timings ({@code ok}, {@code DISTORTED}); each distorted point gets a line with its
     * reasons under the table, and each point with failed requests a line per error kind (see
     * {@link #failureLines}).
     */
    public static String render(Map<String, PointSummary> pointsByLabel) {
        var rows = pointsByLabel.entrySet().stream().map(e -> row(e.getKey(), e.getValue())).toList();
        int[] widths = new int[HEADERS.length];
        for (int i = 0; i < HEADERS.length; i++) {
            widths[i] = HEADERS[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        var out = new StringBuilder();
        line(out, HEADERS, widths);
        rows.forEach(row -> line(out, row, widths));
        pointsByLabel.forEach((label, summary) -> summary.health().filter(ClientHealth::distorted)
                .ifPresent(health -> out.append(label).append(": client distorted its timings: ")
                        .append(health.reasonsText()).append(System.lineSeparator())));
        pointsByLabel.forEach((label, summary) -> failureLines(label, summary)
                .forEach(line -> out.append(line).append(System.lineSeparator())));
        return out.toString();
    }

    /**
     * Why a point's requests failed, a line per error kind in order of first occurrence: the count and an excerpt of
     * the kind's most frequent message, e.g. {@code c1 failed: CONNECT ×3: Connection refused: /127.0.0.1:9}. A table
     * of dashes alone does not tell a wrong port from a server error.
     */
    static List<String> failureLines(String label, PointSummary summary) {
        Map<String, List<ErrorCount>> byKind = new LinkedHashMap<>();
        summary.errorSummary().forEach(e -> byKind.computeIfAbsent(e.error().type(), k -> new ArrayList<>()).add(e));
        return byKind.entrySet().stream().map(kind -> {
            List<ErrorCount> errors = kind.getValue();
            long count = errors.stream().mapToLong(ErrorCount::count).sum();
            ErrorCount mostFrequent = errors.stream().max(Comparator.comparingLong(ErrorCount::count)).orElseThrow();
            String others = errors.size() > 1 ? " (and " + (errors.size() - 1) + " other messages)" : "";
            return label + " failed: " + kind.getKey() + " ×" + count + ": "
                    + excerpt(mostFrequent.error().message()) + others;
        }).toList();
    }

    private static String excerpt(String message) {
        String oneLine = message == null ? "" : message.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MESSAGE_EXCERPT_CHARS ? oneLine
                : oneLine.substring(0, MESSAGE_EXCERPT_CHARS) + "…";
    }

    private static String[] row(String label, PointSummary s) {
        return new String[] { label, Long.toString(s.requestCount()), Long.toString(s.errorRequestCount()),
                Cells.stat(s, MetricTag.TIME_TO_FIRST_TOKEN, MetricStats::avg),
                Cells.stat(s, MetricTag.TIME_TO_FIRST_TOKEN, MetricStats::p50),
                Cells.stat(s, MetricTag.TIME_TO_FIRST_TOKEN, MetricStats::p99),
                Cells.stat(s, MetricTag.INTER_TOKEN_LATENCY, MetricStats::avg),
                Cells.stat(s, MetricTag.INTER_TOKEN_LATENCY, MetricStats::p50),
                Cells.stat(s, MetricTag.INTER_TOKEN_LATENCY, MetricStats::p99),
                Cells.stat(s, MetricTag.REQUEST_LATENCY, MetricStats::avg),
                Cells.number(s.aggregate(MetricTag.REQUEST_THROUGHPUT)),
                Cells.number(s.aggregate(MetricTag.OUTPUT_TOKEN_THROUGHPUT)),
                Cells.stat(s, MetricTag.OUTPUT_TOKEN_THROUGHPUT_PER_USER, MetricStats::avg),
                Cells.number(s.aggregate(MetricTag.ACHIEVED_CONCURRENCY)),
                s.health().map(h -> h.distorted() ? "DISTORTED" : "ok").orElse(Cells.NONE) };
    }

    private static void line(StringBuilder out, String[] cells, int[] widths) {
        for (int i = 0; i < cells.length; i++) {
            out.append(i == 0 ? String.format("%-" + widths[i] + "s", cells[i])
                    : String.format("  %" + widths[i] + "s", cells[i]));
        }
        out.append(System.lineSeparator());
    }
}
