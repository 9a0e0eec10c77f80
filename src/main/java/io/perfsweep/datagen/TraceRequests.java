package io.perfsweep.datagen;

import java.util.ArrayList;
import java.util.List;

import io.perfsweep.workload.TraceRequest;

/**
 * A parsed trace checked for sending: every row must obey the ceil rule ({@code len(hash_ids) = ceil(input_length /
 * block)}), ask for at least one input and one output token and have no negative {@code delay}. Offending rows are reported by
 * line, never fixed, so
 * a replay never sends a prefix structure the trace does not describe.
 */
public final class TraceRequests {

    /** How many offending lines a report spells out; the rest are counted. */
    public static final int LISTED_LINES = 10;

    private TraceRequests() {
    }

    /**
     * The rows of {@code trace} as requests, in file order. Ceil-rule violations name their file line; rows without
     * input or output tokens name their position among the non-blank lines.
     *
     * @throws IllegalArgumentException naming the first {@value #LISTED_LINES} offending lines when any row breaks a
     *         rule
     */
    public static List<TraceRequest> of(TraceFile trace) {
        List<String> problems = new ArrayList<>();
        trace.violations().forEach(v -> problems.add(v.message()));
        List<TraceRow> rows = trace.rows();
        for (int i = 0; i < rows.size(); i++) {
            TraceRow row = rows.get(i);
            if (row.inputLengthTokens() < 1 || row.outputLengthTokens() < 1) {
                problems.add("row " + (i + 1) + ": input_length " + row.inputLengthTokens()
                        + " and output_length " + row.outputLengthTokens() + " must both be at least 1");
            }
            if (row.delayMillis() != null && row.delayMillis() < 0) {
                problems.add("row " + (i + 1) + ": delay " + row.delayMillis() + " must not be negative");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(report(problems, trace.blockSizeTokens()));
        }
        return rows.stream().map(TraceRequests::request).toList();
    }

    private static TraceRequest request(TraceRow row) {
        long[] ids = row.hashIds().stream().mapToLong(Long::longValue).toArray();
        long delayMillis = row.delayMillis() == null ? 0 : row.delayMillis();
        return new TraceRequest(row.timestampMillis(), row.inputLengthTokens(), row.outputLengthTokens(), ids,
                row.sessionId(), delayMillis);
    }

    private static String report(List<String> problems, int blockSizeTokens) {
        return problems.size() + " trace row(s) cannot be sent as written (block size " + blockSizeTokens
                + "; rows are reported, never fixed): " + listed(problems);
    }

    /** The first {@value #LISTED_LINES} problems joined by {@code ;}, then how many more there are. */
    public static String listed(List<String> problems) {
        int listed = Math.min(problems.size(), LISTED_LINES);
        String more = problems.size() > listed ? "; and " + (problems.size() - listed) + " more" : "";
        return String.join("; ", problems.subList(0, listed)) + more;
    }
}
