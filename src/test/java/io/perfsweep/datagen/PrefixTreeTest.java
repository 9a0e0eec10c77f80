package io.perfsweep.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class PrefixTreeTest {

    /**
     * Paths (already consecutive ids): [0,1,2,3], [0,1,2,4,5], [0,1,6], [0,1], [7,8]. Visits: 0,1 ×4; 2 ×2; the rest
     * ×1; super-root ×5. Ends: 3, 5, 6, 1, 8.
     *
     * <pre>
     * super-root: core child {0,1} (chain of equal visits 4 → one node labelled 1, length 2, weight 4),
     *             to_leaf 1 (child 7 visited once), end 0             → CDF [4,1,0]/5 = [0.8, 1, 1]
     * node 1:     core child {2} (label 2, length 1, weight 2), to_leaf 1 (child 6), end 1 (path 4)
     *                                                                → CDF [2,1,1]/4 = [0.5, 0.75, 1]
     * node 2:     no core child, to_leaf 2 (children 3 and 4), end 0  → CDF [2,0]/2 = [1, 1]
     * leaves cut off (lengths in blocks): {3} = 1, {4,5} = 2, {6} = 1, {7,8} = 2; max id 8
     * </pre>
     */
    private static final List<List<Long>> PATHS = List.of(List.of(0L, 1L, 2L, 3L), List.of(0L, 1L, 2L, 4L, 5L),
            List.of(0L, 1L, 6L), List.of(0L, 1L), List.of(7L, 8L));

    @Test
    void learnsTheHandComputedCoreRadixTree() {
        PrefixTree.Learned learned = PrefixTree.learn(PATHS, 9);

        CoreRadixTree.Node root = learned.root();
        assertThat(root.cdf()).containsExactly(0.8, 1.0, 1.0);
        CoreRadixTree.Node node1 = root.children().get(0);
        assertThat(node1.label()).isEqualTo(1);
        assertThat(node1.lengthBlocks()).isEqualTo(2);
        assertThat(node1.cdf()).containsExactly(0.5, 0.75, 1.0);
        CoreRadixTree.Node node2 = node1.children().get(0);
        assertThat(node2.label()).isEqualTo(2);
        assertThat(node2.lengthBlocks()).isEqualTo(1);
        assertThat(node2.children()).isEmpty();
        assertThat(node2.cdf()).containsExactly(1.0, 1.0);
        assertThat(learned.leafLengthsBlocks()).containsExactlyInAnyOrder(1, 2, 1, 2);
        assertThat(learned.maxHashId()).isEqualTo(8);
    }

    @Test
    void prefixLengthMultiplierRelabelsIdsIntoDisjointRanges() {
        CoreRadixTree.Node root = PrefixTree.learn(PATHS, 9).root().scaled(2.0);

        // id x becomes blocks x*2+1 .. x*2+2: node {0,1} → label 1*2+2 = 4, length 4 (ids 1..4); node {2} → 6 (5..6)
        CoreRadixTree.Node node1 = root.children().get(0);
        assertThat(node1.label()).isEqualTo(4);
        assertThat(node1.lengthBlocks()).isEqualTo(4);
        assertThat(node1.children().get(0).label()).isEqualTo(6);
        assertThat(node1.children().get(0).lengthBlocks()).isEqualTo(2);
        // < 1 shrinks lengths to max(round(len * m), 1) without relabelling: round(2 * 0.25) = 0 → 1
        assertThat(PrefixTree.learn(PATHS, 9).root().scaled(0.25).children().get(0).lengthBlocks()).isEqualTo(1);
    }

    @Test
    void rejectsTwoParentsAndSingleRowTraces() {
        assertThatThrownBy(() -> PrefixTree.learn(List.of(List.of(0L, 1L), List.of(1L)), 2))
                .hasMessageContaining("two parents");
        assertThatThrownBy(() -> PrefixTree.learn(List.of(List.of(0L, 1L)), 2))
                .hasMessageContaining("too small");
    }
}
