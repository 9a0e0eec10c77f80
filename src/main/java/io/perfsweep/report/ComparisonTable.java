package io.perfsweep.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.perfsweep.verdict.Comparison;
import io.perfsweep.verdict.MetricComparison;
import io.perfsweep.verdict.PointComparison;

/** The console table of {@code compare}: a row per point and statistic, then the notes and the verdict. */
public final class ComparisonTable {

    private static final String[] HEADERS = { "point", "metric", "stat", "unit", "baseline", "candidate", "change",
            "interval", "verdict" };
    private static final Map<String, String> SHORT_NAMES = Map.of("time_to_first_token", "TTFT",
            "inter_token_latency", "ITL", "request_latency", "latency", "output_token_throughput", "out tok/s",
            "goodput", "goodput");
    private static final Map<String, String> UNITS = Map.of("output_token_throughput", "tokens/sec", "goodput",
            "requests/sec");

    private ComparisonTable() {
    }

    /** The table, a line per note ({@code [1] c10 ITL p99: too few requests …}), and the overall verdict. */
    public static String render(Comparison comparison) {
        List<String[]> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (PointComparison point : comparison.points()) {
            for (MetricComparison m : point.metrics()) {
                String verdict = m.verdict().json();
                if (m.note() != null) {
                    notes.add(point.point() + " " + name(m.metric()) + " " + m.stat() + ": " + m.note());
                    verdict += " [" + notes.size() + "]";
                }
                rows.add(new String[] { point.point(), name(m.metric()), m.stat(), UNITS.getOrDefault(m.metric(),
                        "ms"), value(m.baseline()), value(m.candidate()), percent(m.change().changePct()),
                        interval(m), verdict });
            }
        }
        int[] widths = new int[HEADERS.length];
        for (int i = 0; i < HEADERS.length; i++) {
            widths[i] = HEADERS[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, HEADERS, widths);
        rows.forEach(row -> line(out, row, widths));
        for (int i = 0; i < notes.size(); i++) {
            out.append('[').append(i + 1).append("] ").append(notes.get(i)).append(System.lineSeparator());
        }
        if (!comparison.baselineOnly().isEmpty()) {
            out.append("only in the baseline, not compared: ").append(String.join(", ", comparison.baselineOnly()))
                    .append(System.lineSeparator());
        }
        if (!comparison.candidateOnly().isEmpty()) {
            out.append("only in the candidate, not compared: ")
                    .append(String.join(", ", comparison.candidateOnly())).append(System.lineSeparator());
        }
        out.append(String.format(Locale.ROOT, "intervals: %d, each at %.2f %% so that all hold at once with %.0f %%;"
                + " threshold ±%s %%%n", comparison.intervals(), comparison.intervalConfidence() * 100,
                comparison.settings().confidence() * 100, Cells.format(comparison.settings().thresholdPct())));
        List<String> regressions = comparison.regressions();
        out.append("verdict: ").append(comparison.verdict().json())
                .append(regressions.isEmpty() ? "" : " (" + String.join(", ", regressions) + ")")
                .append(System.lineSeparator());
        return out.toString();
    }

    private static String name(String tag) {
        return SHORT_NAMES.getOrDefault(tag, tag);
    }

    private static String value(double v) {
        return Double.isFinite(v) ? Cells.format(v) : Cells.NONE;
    }

    private static String percent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.1f%%", v) : Cells.NONE;
    }

    private static String interval(MetricComparison m) {
        return m.change().hasInterval()
                ? "[" + percent(m.change().lowPct()) + ", " + percent(m.change().highPct()) + "]"
                : Cells.NONE;
    }

    private static void line(StringBuilder out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            boolean left = i <= 3 || i == cells.length - 1;
            String format = left ? "%-" + widths[i] + "s" : "%" + widths[i] + "s";
            line.append(i == 0 ? "" : "  ").append(String.format(format, cells[i]));
        }
        out.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
}
