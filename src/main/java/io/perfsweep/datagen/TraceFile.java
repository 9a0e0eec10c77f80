package io.perfsweep.datagen;

import java.util.List;

/**
 * A parsed trace: its rows in file order and the rows that break the ceil rule (reported, never fixed).
 *
 * @param rows the rows in file order
 * @param violations ceil-rule violations with their file line numbers
 * @param blockSizeTokens the block size the rule was checked against
 */
public record TraceFile(List<TraceRow> rows, List<BlockRuleViolation> violations, int blockSizeTokens) {

    public TraceFile {
        rows = List.copyOf(rows);
        violations = List.copyOf(violations);
    }

    /** Whether every row satisfies the ceil rule. */
    public boolean satisfiesBlockRule() {
        return violations.isEmpty();
    }
}
