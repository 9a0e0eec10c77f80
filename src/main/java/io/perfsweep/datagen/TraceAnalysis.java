package io.perfsweep.datagen;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The result of {@link TraceAnalyzer}: Dynamo's five statistics rows plus row/id counts, trace timing and the
 * ceil-rule violations.
 *
 * @param blockSizeTokens block size used for context lengths
 * @param rowCount number of rows ("Dataset loaded: N examples")
 * @param distinctPositionedHashIds size of the {@code (position, hash_id)} counter ("Hash counter built")
 * @param distinctHashIds number of distinct hash ids
 * @param inputLength statistics of {@code input_length}
 * @param contextLength statistics of the structural context length
 * @param uniquePromptLength statistics of {@code input_length − context}
 * @param outputLength statistics of {@code output_length}
 * @param theoreticalHitRate statistics of the causal hit rate, or {@code null} when no row has hash ids
 * @param timing arrival span and mean rate over rows that carry a timestamp
 * @param violations ceil-rule violations (the rows are analysed as they are)
 */
public record TraceAnalysis(int blockSizeTokens, int rowCount, int distinctPositionedHashIds, int distinctHashIds,
        SummaryStatistics inputLength, SummaryStatistics contextLength, SummaryStatistics uniquePromptLength,
        SummaryStatistics outputLength, SummaryStatistics theoreticalHitRate, Timing timing,
        List<BlockRuleViolation> violations) {

    public TraceAnalysis {
        violations = List.copyOf(violations);
    }

    /**
     * Arrival span of the trace.
     *
     * @param timestampedRows rows that carry a timestamp
     * @param durationMillis last minus first timestamp (max − min), empty without timestamps
     * @param meanRequestsPerSecond {@code timestampedRows / (durationMillis / 1000)}, empty when the span is 0
     */
    public record Timing(int timestampedRows, OptionalLong durationMillis, OptionalDouble meanRequestsPerSecond) {
    }

    static Timing timing(List<TraceRow> rows) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        int count = 0;
        for (TraceRow row : rows) {
            if (row.timestampMillis() != null) {
                min = Math.min(min, row.timestampMillis());
                max = Math.max(max, row.timestampMillis());
                count++;
            }
        }
        if (count == 0) {
            return new Timing(0, OptionalLong.empty(), OptionalDouble.empty());
        }
        long durationMillis = max - min;
        OptionalDouble rate = durationMillis > 0 ? OptionalDouble.of(count / (durationMillis / 1000.0))
                : OptionalDouble.empty();
        return new Timing(count, OptionalLong.of(durationMillis), rate);
    }

    /** The table rows in Dynamo's order and with Dynamo's names. */
    public Map<String, SummaryStatistics> statisticsByName() {
        Map<String, SummaryStatistics> rows = new LinkedHashMap<>();
        rows.put("Input Length", inputLength);
        rows.put("Context Length", contextLength);
        rows.put("Unique Prompt Length", uniquePromptLength);
        rows.put("Output Length", outputLength);
        if (theoreticalHitRate != null) {
            rows.put("Theoretical Hit Rates", theoreticalHitRate);
        }
        return rows;
    }

    /** The statistics table exactly as {@code datagen analyze} prints it. */
    public String render() {
        return StatisticsTable.render(statisticsByName());
    }

    /** The seed's full console report: the header lines of {@code datagen analyze}, then the table. */
    public String renderReport(String inputName) {
        return "Analyzing dataset: " + inputName + "\n" + "Using block size: " + blockSizeTokens + "\n\n"
                + "Loading dataset from " + inputName + "...\n" + "Dataset loaded: " + rowCount + " examples\n"
                + "Hash counter built: " + distinctPositionedHashIds + " unique hash IDs\n" + render();
    }
}
