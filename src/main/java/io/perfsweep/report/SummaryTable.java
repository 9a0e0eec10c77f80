package io.perfsweep.report;

import java.util.Map;

import io.perfsweep.metrics.ClientHealth;
import io.perfsweep.metrics.MetricStats;
import io.perfsweep.metrics.MetricTag;
import io.perfsweep.metrics.PointSummary;

/** The console table printed after a sweep: one row per point, the numbers people compare first. */
public final class SummaryTable {

    private static final String[] HEADERS = { "point", "ok", "errors", "TTFT avg", "TTFT p50", "TTFT p99", "ITL avg",
            "ITL p50", "ITL p99", "latency avg", "req/s", "out tok/s", "tok/s/user", "concurrency",
            "client" };

    private SummaryTable() {
    }

    /**
     * Renders the rows in the order given; times in ms, a dash where a metric has no value. The last column is the
     * client's verdict on its own timings ({@code ok}, {@code DISTORTED}); each distorted point gets a line with its
     * reasons under the table.
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
        return out.toString();
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
