package io.perfsweep.datagen;

/**
 * A row whose hash id count breaks {@code len(hash_ids) == ceil(input_length / block_size)}.
 *
 * @param lineNumber 1-based line in the file (from {@link TraceReader}) or 1-based row position (from a row list)
 * @param inputLengthTokens the row's input length
 * @param hashIdCount the number of hash ids the row carries
 * @param expectedHashIdCount {@code ceil(input_length / block_size)}
 */
public record BlockRuleViolation(long lineNumber, int inputLengthTokens, int hashIdCount, int expectedHashIdCount) {

    /** The violation of {@code row} at {@code lineNumber}, or {@code null} when the row satisfies the rule. */
    static BlockRuleViolation check(long lineNumber, TraceRow row, int blockSizeTokens) {
        if (row.satisfiesBlockRule(blockSizeTokens)) {
            return null;
        }
        int expected = TraceRow.expectedHashIdCount(row.inputLengthTokens(), blockSizeTokens);
        return new BlockRuleViolation(lineNumber, row.inputLengthTokens(), row.hashIds().size(), expected);
    }

    /** A human-readable description naming the line. */
    public String message() {
        return "line " + lineNumber + ": input_length " + inputLengthTokens + " needs " + expectedHashIdCount
                + " hash ids (ceil rule) but the row has " + hashIdCount;
    }
}
