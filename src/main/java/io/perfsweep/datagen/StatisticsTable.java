package io.perfsweep.datagen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Renders named {@link SummaryStatistics} the way Dynamo prints them: a pandas DataFrame through
 * {@code tabulate(df, headers="keys", tablefmt="pretty")} ({@code logging_utils.py}). "pretty" centres every cell
 * (left gets the smaller half of the slack), pads each column by one space and prints values with {@code str()}, so
 * floats appear as Python {@code repr}; min/max print as integers only when every row is integer-valued (pandas then
 * keeps the column int64).
 */
public final class StatisticsTable {

    private static final List<String> HEADERS = List.of("", "Mean", "Std Dev", "Min", "P25", "Median", "P75", "Max");

    private StatisticsTable() {
    }

    /** The table text, one line per table line, each ending in a newline; rows keep the map's iteration order. */
    public static String render(Map<String, SummaryStatistics> rowsByName) {
        boolean integralColumns = rowsByName.values().stream().allMatch(SummaryStatistics::integral);
        List<List<String>> cells = new ArrayList<>();
        cells.add(HEADERS);
        rowsByName.forEach((name, stats) -> cells.add(cellsOf(name, stats, integralColumns)));
        int[] widths = columnWidths(cells);
        String rule = ruleLine(widths);
        StringBuilder table = new StringBuilder(rule);
        table.append(textLine(cells.get(0), widths)).append(rule);
        for (List<String> row : cells.subList(1, cells.size())) {
            table.append(textLine(row, widths));
        }
        return table.append(rule).toString();
    }

    private static List<String> cellsOf(String name, SummaryStatistics stats, boolean integralColumns) {
        return List.of(name, PythonFloats.repr(stats.mean()), PythonFloats.repr(stats.stdDev()),
                extreme(stats, SummaryStatistics::min, integralColumns), PythonFloats.repr(stats.p25()),
                PythonFloats.repr(stats.median()), PythonFloats.repr(stats.p75()),
                extreme(stats, SummaryStatistics::max, integralColumns));
    }

    private static String extreme(SummaryStatistics stats, ToDoubleFunction<SummaryStatistics> field,
            boolean integralColumns) {
        double value = field.applyAsDouble(stats);
        return integralColumns ? Long.toString((long) value) : PythonFloats.repr(value);
    }

    private static int[] columnWidths(List<List<String>> cells) {
        int[] widths = new int[HEADERS.size()];
        for (List<String> row : cells) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        return widths;
    }

    private static String ruleLine(int[] widths) {
        StringBuilder line = new StringBuilder("+");
        for (int width : widths) {
            line.append("-".repeat(width + 2)).append('+');
        }
        return line.append('\n').toString();
    }

    private static String textLine(List<String> row, int[] widths) {
        StringBuilder line = new StringBuilder("|");
        for (int column = 0; column < widths.length; column++) {
            String cell = row.get(column);
            int slack = widths[column] - cell.length();
            int left = slack / 2;
            line.append(' ').append(" ".repeat(left)).append(cell).append(" ".repeat(slack - left)).append(" |");
        }
        return line.append('\n').toString();
    }
}
