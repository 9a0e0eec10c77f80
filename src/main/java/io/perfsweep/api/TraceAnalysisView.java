package io.perfsweep.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.perfsweep.datagen.BlockRuleViolation;
import io.perfsweep.datagen.SummaryStatistics;
import io.perfsweep.datagen.TraceAnalysis;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code datagen analyze} as JSON: the seed's table rows by name ({@code "Input Length"} … {@code "Theoretical Hit
 * Rates"}, the last absent when no row has hash ids), each with the table's columns, plus the counts and timing the
 * CLI prints and the rows that break the block rule (analysed as they are, as the CLI does).
 *
 * @param blockSize tokens per hash id
 * @param rowCount rows read
 * @param distinctPositionedHashIds distinct {@code (position, hash_id)} pairs ("Hash counter built")
 * @param distinctHashIds distinct hash ids
 * @param statistics table rows by name
 * @param timestampedRows rows with a timestamp
 * @param durationMillis last minus first timestamp, null without timestamps
 * @param meanRequestsPerSecond timestamped rows per second of that span, null when it is 0
 * @param blockRuleViolations each offending row's line and message
 */
@RegisterForReflection
public record TraceAnalysisView(int blockSize, int rowCount, int distinctPositionedHashIds, int distinctHashIds,
        Map<String, Row> statistics, int timestampedRows, Long durationMillis, Double meanRequestsPerSecond,
        List<Violation> blockRuleViolations) {

    /** One table row: the seed's columns Mean, Std Dev (population), Min, P25, Median, P75, Max, and the count. */
    @RegisterForReflection
    public record Row(int count, double mean, double stdDev, double min, double p25, double median, double p75,
            double max) {
    }

    /** A row breaking {@code len(hash_ids) == ceil(input_length / block)}. */
    @RegisterForReflection
    public record Violation(long line, String message) {
    }

    static TraceAnalysisView of(TraceAnalysis analysis) {
        Map<String, Row> rows = new LinkedHashMap<>();
        analysis.statisticsByName().forEach((name, stats) -> rows.put(name, row(stats)));
        var timing = analysis.timing();
        return new TraceAnalysisView(analysis.blockSizeTokens(), analysis.rowCount(),
                analysis.distinctPositionedHashIds(), analysis.distinctHashIds(), rows, timing.timestampedRows(),
                timing.durationMillis().isPresent() ? timing.durationMillis().getAsLong() : null,
                timing.meanRequestsPerSecond().isPresent() ? timing.meanRequestsPerSecond().getAsDouble() : null,
                analysis.violations().stream().map(TraceAnalysisView::violation).toList());
    }

    private static Row row(SummaryStatistics s) {
        return new Row(s.count(), s.mean(), s.stdDev(), s.min(), s.p25(), s.median(), s.p75(), s.max());
    }

    private static Violation violation(BlockRuleViolation v) {
        return new Violation(v.lineNumber(), v.message());
    }
}
