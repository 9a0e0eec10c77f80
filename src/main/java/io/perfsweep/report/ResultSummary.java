package io.perfsweep.report;

import java.util.List;
import java.util.Locale;

/**
 * {@code SUMMARY.txt}: for each run, its GPU count and one row per concurrency with the numbers people compare first,
 * then the run's Pareto points.
 */
public final class ResultSummary {

    private static final String[] HEADERS = { "concurrency", "TTFT avg ms", "TTFT p50 ms", "ITL avg ms", "ITL p50 ms",
            "req/s", "tok/s", "tok/s/user", "tok/s/gpu", "client" };

    private ResultSummary() {
    }

    /** The summary text; a dash where an export has no value. Numbers have two decimals. */
    public static String render(List<RunResults> runs) {
        var out = new StringBuilder();
        out.append("perfsweep benchmark summary").append('\n');
        out.append("tok/s = measured output_token_throughput; tok/s/user = output_token_throughput_per_user avg; ")
                .append("tok/s/gpu = tok/s / GPUs").append("\n\n");
        for (RunResults run : runs) {
            out.append("Run: ").append(run.name()).append('\n');
            out.append("GPUs: ").append(run.gpus()).append(" (").append(run.gpuSource()).append(")\n");
            run.warnings().forEach(w -> out.append("Warning: ").append(w).append('\n'));
            List<String[]> rows = run.points().stream().map(p -> new String[] { Integer.toString(p.concurrency()),
                    Cells.number(p.ttftAvg()), Cells.number(p.ttftP50()), Cells.number(p.itlAvg()), Cells.number(p.itlP50()),
                    Cells.number(p.requestThroughput()), Cells.number(p.outputTokenThroughput()),
                    Cells.number(p.tokensPerSecondPerUser()), Cells.number(run.tokensPerSecondPerGpu(p)),
                    p.clientVerdict() }).toList();
            table(out, rows);
            out.append("Pareto frontier (tok/s/user, tok/s/gpu):").append('\n');
            List<ParetoFrontier.Point> frontier = run.frontier();
            if (frontier.isEmpty()) {
                out.append("  (no point has both values)").append('\n');
            }
            for (ParetoFrontier.Point p : frontier) {
                out.append("  ").append(p.label()).append(": (").append(Cells.format(p.x())).append(", ")
                        .append(Cells.format(p.y())).append(p.distorted() ? ") DISTORTED\n" : ")\n");
            }
            run.points().stream().filter(RunResults.Point::clientDistorted)
                    .forEach(p -> out.append("  c").append(p.concurrency())
                            .append(" was distorted by the client (do not trust its ITL or tok/s/user): ")
                            .append(p.result().clientHealth().reasonsText()).append("\n"));
            out.append('\n');
        }
        return out.toString();
    }

    private static void table(StringBuilder out, List<String[]> rows) {
        int[] widths = new int[HEADERS.length];
        for (int i = 0; i < HEADERS.length; i++) {
            widths[i] = HEADERS[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        line(out, HEADERS, widths);
        rows.forEach(row -> line(out, row, widths));
    }

    private static void line(StringBuilder out, String[] cells, int[] widths) {
        out.append(' ');
        for (int i = 0; i < cells.length; i++) {
            out.append(' ').append(String.format(Locale.ROOT, "%" + widths[i] + "s", cells[i]));
        }
        out.append('\n');
    }

}
