package io.perfsweep.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class KvBlockManagerTest {

    private static final int BLOCK = 4;

    private static int[] ids(int from, int count) {
        return IntStream.range(from, from + count).toArray();
    }

    private static int[] concat(int[] a, int[] b) {
        return IntStream.concat(IntStream.of(a), IntStream.of(b)).toArray();
    }

    /** Allocates, computes and commits a whole prompt, as the engine does. */
    private static long[] computed(KvBlockManager kv, long seq, int[] prompt) {
        long[] hashes = KvBlockManager.blockHashes(prompt, BLOCK);
        int hits = kv.prefixHitBlocks(hashes);
        assertThat(kv.allocate(seq, hashes, hits, prompt.length)).isTrue();
        kv.commitPromptBlocks(seq, hashes, prompt.length);
        return hashes;
    }

    @Test
    void hashesAreChainedSoABlockCoversItsWholePrefix() {
        long[] a = KvBlockManager.blockHashes(concat(ids(0, 4), ids(100, 4)), BLOCK);
        long[] b = KvBlockManager.blockHashes(concat(ids(50, 4), ids(100, 4)), BLOCK);
        assertThat(a).hasSize(2);
        assertThat(a[1]).isNotEqualTo(b[1]); // same block content, different prefix
        assertThat(KvBlockManager.blockHashes(ids(0, 7), BLOCK)).hasSize(1); // partial block is not hashed
    }

    @Test
    void secondPromptSharingTheFirstTwoFullBlocksHitsThem() {
        KvBlockManager kv = new KvBlockManager(BLOCK, 100);
        computed(kv, 1, ids(0, 16));
        kv.release(1);
        long[] other = KvBlockManager.blockHashes(concat(ids(0, 8), ids(500, 8)), BLOCK);
        assertThat(kv.prefixHitBlocks(other)).isEqualTo(2);
        long[] shiftedPrefix = KvBlockManager.blockHashes(concat(ids(1, 8), ids(500, 8)), BLOCK);
        assertThat(kv.prefixHitBlocks(shiftedPrefix)).isZero();
    }

    @Test
    void sharedBlocksAreRefCountedAndStayActiveUntilTheLastRelease() {
        KvBlockManager kv = new KvBlockManager(BLOCK, 100);
        computed(kv, 1, ids(0, 8));
        long[] hashes = computed(kv, 2, concat(ids(0, 8), ids(900, 4)));
        assertThat(kv.blocksOf(2).get(0)).isSameAs(kv.blocksOf(1).get(0));
        assertThat(kv.blocksOf(2).get(0).refCount()).isEqualTo(2);
        assertThat(kv.activeBlocks()).isEqualTo(3);

        kv.release(1);
        assertThat(kv.activeBlocks()).isEqualTo(3);
        assertThat(kv.inactiveBlocks()).isZero();
        kv.release(2);
        assertThat(kv.activeBlocks()).isZero();
        assertThat(kv.inactiveBlocks()).isEqualTo(3);
        assertThat(kv.prefixHitBlocks(hashes)).isEqualTo(3);
    }

    @Test
    void releaseIsTailFirstSoDeeperBlocksAreEvictedFirst() {
        KvBlockManager kv = new KvBlockManager(BLOCK, 3);
        long[] hashes = computed(kv, 1, ids(0, 12));
        kv.release(1);
        assertThat(kv.inactiveInEvictionOrder()).extracting(KvBlockManager.Block::hash)
                .containsExactly(hashes[2], hashes[1], hashes[0]);

        assertThat(kv.allocate(2, new long[0], 0, 4)).isTrue(); // pool is full: evicts one block
        assertThat(kv.evictedBlocks()).isEqualTo(1);
        assertThat(kv.prefixHitBlocks(hashes)).isEqualTo(2); // the deepest block went, the prefix survives
    }

    @Test
    void cacheHitMovesABlockBackToTheEndOfTheLru() {
        KvBlockManager kv = new KvBlockManager(BLOCK, 4);
        long[] a = computed(kv, 1, ids(0, 4));
        long[] b = computed(kv, 2, ids(100, 4));
        kv.release(1);
        kv.release(2);
        computed(kv, 3, ids(0, 4)); // reuses a's block
        kv.release(3);
        assertThat(kv.inactiveInEvictionOrder()).extracting(KvBlockManager.Block::hash).containsExactly(b[0], a[0]);
    }

    @Test
    void allocationFailsWithoutSideEffectsWhenThePoolIsShort() {
        KvBlockManager kv = new KvBlockManager(BLOCK, 4);
        computed(kv, 1, ids(0, 12));
        assertThat(kv.allocate(2, new long[0], 0, 8)).isFalse();
        assertThat(kv.blocksOf(2)).isEmpty();
        assertThat(kv.activeBlocks()).isEqualTo(3);
        assertThat(kv.grow(1, 16)).isTrue();
        assertThat(kv.grow(1, 17)).isFalse();
        assertThat(kv.usage()).isEqualTo(1.0);
    }
}
