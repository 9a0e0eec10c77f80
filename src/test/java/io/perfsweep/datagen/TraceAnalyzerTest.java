package io.perfsweep.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class TraceAnalyzerTest {

    private static final int BLOCK = 4;

    /**
     * Block size 4. (position, id) counter over the file: (0,0)×3, (1,1)×2, (2,2)×1, (0,3)×2, (1,4)×2, (1,5)×1.
     *
     * <pre>
     * row ids      ISL OSL | repeated pairs      context        unique | causal hit (seen before the row)
     * 1   [0,1]      8   2 | 2 of 2 (all)        = ISL  8         0    | {}            0/2 = 0
     * 2   [0,1,2]   10   4 | 2 of 3              2*4 = 8          2    | {0,1}         2/3
     * 3   [3,4]      5   6 | 2 of 2 (all)        = ISL  5         0    | {0,1,2}       0/2 = 0
     * 4   [0,5]      7   8 | 1 of 2              1*4 = 4          3    | {0..4}        1/2 = 0.5
     * 5   []         0  10 | 0 of 0 (all, vacuous) = ISL 0        0    | skipped
     * 6   [3,4]      6  12 | 2 of 2 (all)        = ISL  6         0    | {0..5}        2/2 = 1
     * </pre>
     *
     * Row 1 shows structural vs causal: its context is its whole ISL because row 2 repeats its blocks later, yet its
     * causal hit rate is 0. Row 6 repeats row 3 entirely: context = ISL and hit rate 1.
     *
     * <p>
     * Input [8,10,5,7,0,6]: mean 36/6 = 6; squared deviations 4+16+1+1+36+0 = 58, std sqrt(58/6) =
     * 3.1091263510296048; sorted [0,5,6,7,8,10]: P25 at index 1.25 = 5 + 0.25 = 5.25, median (6+7)/2 = 6.5, P75 at
     * 3.75 = 8 − 1·0.25 = 7.75. Context [8,8,5,4,0,6]: mean 31/6, P25 4.25, median 5.5, P75 8 − 2·0.25 = 7.5. Unique
     * [0,2,0,3,0,0]: mean 5/6, P75 at 3.75 between 0 and 2 = 1.5. Output [2..12 step 2]: mean 7, P25 4.5, P75 9.5.
     * Hit rates [0, 2/3, 0, 0.5, 1]: mean 2.1666…/5 = 0.4333…, P25 0, median 0.5, P75 2/3. Std values are numpy's.
     */
    private static final List<TraceRow> HAND_MADE = List.of(row(0, 8, 2, 0, 1), row(0, 10, 4, 0, 1, 2),
            row(1000, 5, 6, 3, 4), row(2000, 7, 8, 0, 5), row(3000, 0, 10), row(4000, 6, 12, 3, 4));

    private static final String HAND_MADE_TABLE = """
            +-----------------------+--------------------+--------------------+-----+------+--------+--------------------+------+
            |                       |        Mean        |      Std Dev       | Min | P25  | Median |        P75         | Max  |
            +-----------------------+--------------------+--------------------+-----+------+--------+--------------------+------+
            |     Input Length      |        6.0         | 3.1091263510296048 | 0.0 | 5.25 |  6.5   |        7.75        | 10.0 |
            |    Context Length     | 5.166666666666667  | 2.733536577809454  | 0.0 | 4.25 |  5.5   |        7.5         | 8.0  |
            | Unique Prompt Length  | 0.8333333333333334 | 1.2133516482134197 | 0.0 | 0.0  |  0.0   |        1.5         | 3.0  |
            |     Output Length     |        7.0         | 3.415650255319866  | 2.0 | 4.5  |  7.0   |        9.5         | 12.0 |
            | Theoretical Hit Rates | 0.4333333333333333 |  0.38873012632302  | 0.0 | 0.0  |  0.5   | 0.6666666666666666 | 1.0  |
            +-----------------------+--------------------+--------------------+-----+------+--------+--------------------+------+
            """;

    private static TraceRow row(long timestampMillis, int isl, int osl, long... ids) {
        return TraceRow.of(timestampMillis, isl, osl, LongStream.of(ids).boxed().toList());
    }

    @Test
    void handMadeTraceGivesTheHandComputedTable() {
        TraceAnalysis analysis = TraceAnalyzer.analyze(HAND_MADE, BLOCK);

        assertThat(analysis.render()).isEqualTo(HAND_MADE_TABLE);
        assertThat(analysis.rowCount()).isEqualTo(6);
        assertThat(analysis.distinctPositionedHashIds()).isEqualTo(6);
        assertThat(analysis.distinctHashIds()).isEqualTo(6);
        assertThat(analysis.violations()).isEmpty();
    }

    @Test
    void structuralContextDiffersFromCausalHitRate() {
        TraceAnalysis analysis = TraceAnalyzer.analyze(HAND_MADE, BLOCK);

        assertThat(analysis.contextLength().mean()).isEqualTo(31.0 / 6); // [8, 8, 5, 4, 0, 6]
        assertThat(TraceAnalyzer.theoreticalHitRates(HAND_MADE)).containsExactly(0.0, 2.0 / 3, 0.0, 0.5, 1.0);
        // First row alone: a fully repeated row has context = its ISL although nothing was cached before it.
        assertThat(TraceAnalyzer.theoreticalHitRates(HAND_MADE.subList(0, 1))).containsExactly(0.0);
    }

    @Test
    void emptyHashIdRowsAreSkippedForHitRatesOnly() {
        List<TraceRow> rows = List.of(row(0, 0, 1), row(1, 4, 1, 7), row(2, 0, 1), row(3, 4, 1, 7));

        TraceAnalysis analysis = TraceAnalyzer.analyze(rows, BLOCK);

        assertThat(analysis.inputLength().count()).isEqualTo(4);
        assertThat(analysis.theoreticalHitRate().count()).isEqualTo(2); // rates 0 and 1
        assertThat(analysis.theoreticalHitRate().mean()).isEqualTo(0.5);
    }

    @Test
    void traceWithoutAnyHashIdsHasNoHitRateRow() {
        TraceAnalysis analysis = TraceAnalyzer.analyze(List.of(row(0, 0, 1)), BLOCK);

        assertThat(analysis.theoreticalHitRate()).isNull();
        assertThat(analysis.render()).doesNotContain("Theoretical Hit Rates");
    }

    @Test
    void ceilRuleViolationsAreReportedWithRowNumbersAndTheRowsAnalysedAsTheyAre() {
        // block 4: row 2 has 3 ids for ISL 8 (needs 2); row 3 has 1 id for ISL 5 (needs 2).
        List<TraceRow> rows = List.of(row(0, 8, 1, 0, 1), row(1, 8, 1, 0, 1, 2), row(2, 5, 1, 0));

        TraceAnalysis analysis = TraceAnalyzer.analyze(rows, BLOCK);

        assertThat(analysis.violations()).containsExactly(new BlockRuleViolation(2, 8, 3, 2),
                new BlockRuleViolation(3, 5, 1, 2));
        assertThat(analysis.inputLength().mean()).isEqualTo(7.0);
    }

    @Test
    void timingExtrasGiveDurationAndMeanRate() {
        TraceAnalysis.Timing timing = TraceAnalyzer.analyze(HAND_MADE, BLOCK).timing();

        assertThat(timing.durationMillis()).hasValue(4000);
        assertThat(timing.meanRequestsPerSecond()).hasValue(1.5); // 6 rows over 4 s
    }

    @Test
    void analyzesAMooncakeSizedTraceWithLinearStructures() {
        List<TraceRow> rows = syntheticMooncakeLike(24_000);

        TraceAnalysis analysis = TraceAnalyzer.analyze(rows, 512);

        assertThat(analysis.rowCount()).isEqualTo(24_000);
        assertThat(analysis.theoreticalHitRate().mean()).isBetween(0.0, 1.0);
    }

    /** 24,000 rows of ~17 blocks: one of 50 shared 12-block prefixes, then 5 unique blocks. */
    static List<TraceRow> syntheticMooncakeLike(int rowCount) {
        List<TraceRow> rows = new ArrayList<>(rowCount);
        long nextUniqueId = 1_000_000;
        for (int i = 0; i < rowCount; i++) {
            List<Long> ids = new ArrayList<>();
            long prefix = i % 50;
            for (int b = 0; b < 12; b++) {
                ids.add(prefix * 12 + b);
            }
            for (int b = 0; b < 5; b++) {
                ids.add(nextUniqueId++);
            }
            rows.add(TraceRow.of(i * 10L, 16 * 512 + 100, 200, ids));
        }
        return rows;
    }
}
