package io.perfsweep.datagen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Dynamo's prefix analyzer ({@code benchmarks/prefix_data_generator/prefix_analyzer.py}, anchors §3.3), O(total
 * blocks) with hash sets only.
 *
 * <ol>
 * <li>Count {@code (position, hash_id)} pairs over the whole file; a pair is repeated when its count is &gt; 1.</li>
 * <li>Per row, structurally: if every pair of the row is repeated (vacuously so for an empty row), context =
 * {@code input_length} and unique prompt = 0; else context = repeated pairs × block size and unique prompt =
 * {@code input_length − context}. This looks at later rows too.</li>
 * <li>Theoretical hit rate, causally in file order with an infinite cache: {@code first_unseen_index / len(hash_ids)},
 * then every id of the row joins the seen set; rows with empty {@code hash_ids} are skipped.</li>
 * </ol>
 */
public final class TraceAnalyzer {

    private TraceAnalyzer() {
    }

    /** Analyzes parsed file rows and carries over the reader's ceil-rule violations (with file line numbers). */
    public static TraceAnalysis analyze(TraceFile file) {
        return analyze(file.rows(), file.blockSizeTokens(), file.violations());
    }

    /** Analyzes rows in order; ceil-rule violations are reported with 1-based row positions. */
    public static TraceAnalysis analyze(List<TraceRow> rows, int blockSizeTokens) {
        List<BlockRuleViolation> violations = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            BlockRuleViolation violation = BlockRuleViolation.check(i + 1L, rows.get(i), blockSizeTokens);
            if (violation != null) {
                violations.add(violation);
            }
        }
        return analyze(rows, blockSizeTokens, violations);
    }

    private static TraceAnalysis analyze(List<TraceRow> rows, int blockSizeTokens,
            List<BlockRuleViolation> violations) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("cannot analyze an empty trace");
        }
        PairCounts pairs = PairCounts.of(rows);
        List<Integer> inputLengths = new ArrayList<>(rows.size());
        List<Integer> contextLengths = new ArrayList<>(rows.size());
        List<Integer> uniquePromptLengths = new ArrayList<>(rows.size());
        List<Integer> outputLengths = new ArrayList<>(rows.size());
        for (TraceRow row : rows) {
            int contextLength = structuralContextLength(row, pairs, blockSizeTokens);
            inputLengths.add(row.inputLengthTokens());
            contextLengths.add(contextLength);
            uniquePromptLengths.add(row.inputLengthTokens() - contextLength);
            outputLengths.add(row.outputLengthTokens());
        }
        double[] hitRates = theoreticalHitRates(rows);
        return new TraceAnalysis(blockSizeTokens, rows.size(), pairs.distinctPairs(), pairs.distinctIds(),
                SummaryStatistics.ofIntegers(inputLengths), SummaryStatistics.ofIntegers(contextLengths),
                SummaryStatistics.ofIntegers(uniquePromptLengths), SummaryStatistics.ofIntegers(outputLengths),
                hitRates.length == 0 ? null : SummaryStatistics.ofDoubles(hitRates), TraceAnalysis.timing(rows),
                violations);
    }

    private static int structuralContextLength(TraceRow row, PairCounts pairs, int blockSizeTokens) {
        List<Long> ids = row.hashIds();
        int repeated = 0;
        for (int position = 0; position < ids.size(); position++) {
            if (pairs.isRepeated(position, ids.get(position))) {
                repeated++;
            }
        }
        return repeated == ids.size() ? row.inputLengthTokens() : repeated * blockSizeTokens;
    }

    /** Causal, block-granular hit rates in file order; rows without hash ids produce no value. */
    static double[] theoreticalHitRates(List<TraceRow> rows) {
        Set<Long> seen = new HashSet<>();
        double[] rates = new double[rows.size()];
        int count = 0;
        for (TraceRow row : rows) {
            List<Long> ids = row.hashIds();
            if (ids.isEmpty()) {
                continue;
            }
            int firstUnseen = 0;
            while (firstUnseen < ids.size() && seen.contains(ids.get(firstUnseen))) {
                firstUnseen++;
            }
            rates[count++] = (double) firstUnseen / ids.size();
            seen.addAll(ids);
        }
        return Arrays.copyOf(rates, count);
    }

    /** The {@code Counter} of {@code (position, hash_id)} pairs reduced to "seen" and "seen more than once". */
    private record PairCounts(Set<PositionedId> seen, Set<PositionedId> repeated, int distinctIds) {

        static PairCounts of(List<TraceRow> rows) {
            Set<PositionedId> seen = new HashSet<>();
            Set<PositionedId> repeated = new HashSet<>();
            Set<Long> ids = new HashSet<>();
            for (TraceRow row : rows) {
                List<Long> hashIds = row.hashIds();
                for (int position = 0; position < hashIds.size(); position++) {
                    PositionedId pair = new PositionedId(position, hashIds.get(position));
                    if (!seen.add(pair)) {
                        repeated.add(pair);
                    }
                }
                ids.addAll(hashIds);
            }
            return new PairCounts(seen, repeated, ids.size());
        }

        boolean isRepeated(int position, long hashId) {
            return repeated.contains(new PositionedId(position, hashId));
        }

        int distinctPairs() {
            return seen.size();
        }
    }

    private record PositionedId(int position, long hashId) {
    }
}
