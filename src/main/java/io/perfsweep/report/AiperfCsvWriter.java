package io.perfsweep.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.perfsweep.metrics.MetricStats;
import io.perfsweep.metrics.MetricTag;
import io.perfsweep.metrics.PointSummary;

/**
 * Builds {@code profile_export_aiperf.csv} byte-for-byte like AIPerf's {@code CsvExporter}: a statistics table,
 * a blank line, then a {@code Metric,Value} table; rows sorted by tag, named {@code "Header (unit)"} (no unit for
 * counts), numbers with 2 decimals rounded like Python's {@code f"{x:.2f}"}, and Python {@code csv}'s CRLF line ends.
 */
final class AiperfCsvWriter {

    static final String STATS_HEADER = "Metric,avg,min,max,p1,p5,p10,p25,p50,p75,p90,p95,p99,std";
    private static final String LINE_END = "\r\n";
    private static final Set<String> UNITS_LEFT_OUT_OF_NAMES = Set.of("count", "requests");

    private AiperfCsvWriter() {
    }

    static String toCsv(PointSummary summary) {
        StringBuilder csv = new StringBuilder();
        if (!summary.recordMetrics().isEmpty()) {
            line(csv, STATS_HEADER);
            sortedByTag(summary.recordMetrics()).forEach(e -> line(csv, statsRow(e.getKey(), e.getValue())));
            if (!summary.aggregates().isEmpty()) {
                csv.append(LINE_END);
            }
        }
        if (!summary.aggregates().isEmpty()) {
            line(csv, "Metric,Value");
            sortedByTag(summary.aggregates())
                    .forEach(e -> line(csv, field(name(e.getKey())) + "," + number(e.getValue())));
        }
        return csv.toString();
    }

    private static <V> List<Map.Entry<MetricTag, V>> sortedByTag(Map<MetricTag, V> metrics) {
        return metrics.entrySet().stream().sorted(Comparator.comparing(e -> e.getKey().tag())).toList();
    }

    private static String statsRow(MetricTag tag, MetricStats s) {
        double[] values = { s.avg(), s.min(), s.max(), s.p1(), s.p5(), s.p10(), s.p25(), s.p50(), s.p75(), s.p90(),
                s.p95(), s.p99(), s.std() };
        StringBuilder row = new StringBuilder(field(name(tag)));
        for (double value : values) {
            row.append(',').append(number(value));
        }
        return row.toString();
    }

    /** AIPerf's row name: the header, plus the unit in parentheses unless it is a count of requests. */
    static String name(MetricTag tag) {
        String unit = tag.unit().symbol();
        return UNITS_LEFT_OUT_OF_NAMES.contains(unit.toLowerCase()) ? tag.header() : tag.header() + " (" + unit + ")";
    }

    /** Python's {@code f"{value:.2f}"}: the exact binary value rounded half-even, keeping a negative zero's sign. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        String digits = new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
        boolean negative = value < 0 || 1 / value < 0;
        return negative && !digits.startsWith("-") ? "-" + digits : digits;
    }

    /** Python {@code csv.QUOTE_MINIMAL}: quote a field holding a comma, quote or line break. */
    static String field(String text) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    private static void line(StringBuilder csv, String text) {
        csv.append(text).append(LINE_END);
    }
}
