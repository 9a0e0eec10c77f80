package io.perfsweep.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PromptHashIdsTest {

    @Test
    void sharedPrefixBlocksShareIdsInFirstSeenOrder() {
        // block 3: p1 = [1,2,3 | 4,5,6 | 7]      → ids 0, 1, 2
        //          p2 = [1,2,3 | 4,5,6 | 8,9]    → shares blocks 0 and 1, new last block → 0, 1, 3
        //          p3 = [4,5,6 | 1,2,3]          → same blocks in another order: new prefix, new ids 4, 5
        //          p4 = [1,2,3]                  → 0
        List<TraceRow> rows = PromptHashIds.toRows(List.of(prompt(1, 2, 3, 4, 5, 6, 7), prompt(1, 2, 3, 4, 5, 6, 8, 9),
                prompt(4, 5, 6, 1, 2, 3), prompt(1, 2, 3)), 3);

        assertThat(rows).extracting(TraceRow::hashIds).containsExactly(List.of(0L, 1L, 2L), List.of(0L, 1L, 3L),
                List.of(4L, 5L), List.of(0L));
        assertThat(rows).extracting(TraceRow::inputLengthTokens).containsExactly(7, 8, 6, 3);
        assertThat(rows).allSatisfy(row -> assertThat(row.satisfiesBlockRule(3)).isTrue());
    }

    @Test
    void rowsCarryTimestampAndOutputLengthAndIdsPersistAcrossCalls() {
        PromptHashIds converter = new PromptHashIds(2);

        TraceRow first = converter.toRow(new PromptHashIds.Prompt(new int[] { 9, 9, 8 }, 250L, 40));
        TraceRow second = converter.toRow(new PromptHashIds.Prompt(new int[] { 9, 9 }, 300L, 41));

        assertThat(first).isEqualTo(TraceRow.of(250, 3, 40, List.of(0L, 1L)));
        assertThat(second).isEqualTo(TraceRow.of(300, 2, 41, List.of(0L)));
        assertThat(converter.hashIds(new int[0])).isEmpty();
    }

    private static PromptHashIds.Prompt prompt(int... tokenIds) {
        return new PromptHashIds.Prompt(tokenIds, null, 16);
    }
}
