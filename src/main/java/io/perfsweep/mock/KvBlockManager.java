package io.perfsweep.mock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * vLLM-style KV block pool with prefix caching, after Dynamo's mocker ({@code docs/mocker/mocker.md}, "KV block
 * manager").
 * <ul>
 * <li>Blocks hold {@code blockSize} tokens. A full, computed prompt block is registered under its chained hash (block i's
 * hash covers blocks 0..i), which is the unit of prefix caching.</li>
 * <li>Active blocks are ref-counted. A block whose count drops to 0 becomes inactive if it is hashed (kept for reuse) or
 * free otherwise; a prefix hit turns an inactive block active again.</li>
 * <li>A sequence's blocks are released tail-first, so deeper blocks enter the LRU earlier and are evicted first
 * ("depth-aware" eviction); eviction takes the least recently released inactive block.</li>
 * </ul>
 * Simplifications: blocks filled by generated tokens are never hashed; when two sequences compute the same block at the
 * same time only the first registers it. Not thread-safe: used on the engine thread only.
 */
final class KvBlockManager {

    /** One KV block; identity matters, not equality. */
    static final class Block {
        private long hash;
        private boolean hashed;
        private int refCount;

        boolean hashed() {
            return hashed;
        }

        long hash() {
            return hash;
        }

        int refCount() {
            return refCount;
        }
    }

    private final int blockSize;
    private final int numGpuBlocks;
    private final Map<Long, Block> cachedByHash = new HashMap<>();
    /** Inactive hashed blocks in release order: the head is evicted first. */
    private final LinkedHashSet<Block> inactive = new LinkedHashSet<>();
    private final Map<Long, List<Block>> blocksBySequence = new HashMap<>();
    private int activeBlocks;
    private long evictedBlocks;

    KvBlockManager(int blockSize, int numGpuBlocks) {
        this.blockSize = blockSize;
        this.numGpuBlocks = numGpuBlocks;
    }

    /** Chained hashes of the full blocks of {@code tokenIds}: element i covers tokens [0, (i+1)·blockSize). */
    static long[] blockHashes(int[] tokenIds, int blockSize) {
        long[] hashes = new long[tokenIds.length / blockSize];
        long previous = 0x6a09e667f3bcc909L;
        for (int block = 0; block < hashes.length; block++) {
            long h = previous;
            for (int i = block * blockSize; i < (block + 1) * blockSize; i++) {
                h = (h ^ tokenIds[i]) * 0x100000001b3L;
            }
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            hashes[block] = h;
            previous = h;
        }
        return hashes;
    }

    /** Blocks needed to hold {@code tokens} tokens. */
    int blocksFor(long tokens) {
        return (int) ((tokens + blockSize - 1) / blockSize);
    }

    /** How many leading blocks of {@code hashes} are cached (active or inactive); no side effect. */
    int prefixHitBlocks(long[] hashes) {
        int hits = 0;
        while (hits < hashes.length && cachedByHash.containsKey(hashes[hits])) {
            hits++;
        }
        return hits;
    }

    /**
     * Gives a new sequence its first {@code hitBlocks} blocks from the prefix cache plus fresh blocks up to
     * {@code tokens} tokens. Returns false, changing nothing, when the pool cannot supply them.
     */
    boolean allocate(long sequenceId, long[] hashes, int hitBlocks, long tokens) {
        if (blocksBySequence.containsKey(sequenceId)) {
            throw new IllegalStateException("sequence already allocated: " + sequenceId);
        }
        int reactivated = 0;
        for (int i = 0; i < hitBlocks; i++) {
            if (cachedByHash.get(hashes[i]).refCount == 0) {
                reactivated++;
            }
        }
        int fresh = Math.max(0, blocksFor(tokens) - hitBlocks);
        if (fresh > freeBlocks() + inactive.size() - reactivated) {
            return false;
        }
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < hitBlocks; i++) {
            Block block = cachedByHash.get(hashes[i]);
            if (block.refCount++ == 0) {
                inactive.remove(block);
                activeBlocks++;
            }
            blocks.add(block);
        }
        takeFresh(blocks, fresh);
        blocksBySequence.put(sequenceId, blocks);
        return true;
    }

    /** Adds fresh blocks so the sequence holds {@code tokens} tokens; false, changing nothing, if the pool is short. */
    boolean grow(long sequenceId, long tokens) {
        List<Block> blocks = blocksBySequence.get(sequenceId);
        int fresh = blocksFor(tokens) - blocks.size();
        if (fresh <= 0) {
            return true;
        }
        if (fresh > freeBlocks() + inactive.size()) {
            return false;
        }
        takeFresh(blocks, fresh);
        return true;
    }

    private void takeFresh(List<Block> blocks, int count) {
        for (int i = 0; i < count; i++) {
            Block block;
            if (freeBlocks() > 0) {
                block = new Block();
            } else {
                Iterator<Block> lru = inactive.iterator();
                block = lru.next();
                lru.remove();
                cachedByHash.remove(block.hash);
                block.hashed = false;
                evictedBlocks++;
            }
            block.refCount = 1;
            activeBlocks++;
            blocks.add(block);
        }
    }

    /** Registers the sequence's computed full prompt blocks (the first {@code computedTokens} tokens) for reuse. */
    void commitPromptBlocks(long sequenceId, long[] hashes, long computedTokens) {
        List<Block> blocks = blocksBySequence.get(sequenceId);
        int full = (int) Math.min(Math.min(computedTokens / blockSize, hashes.length), blocks.size());
        for (int i = 0; i < full; i++) {
            Block block = blocks.get(i);
            if (!block.hashed && !cachedByHash.containsKey(hashes[i])) {
                block.hashed = true;
                block.hash = hashes[i];
                cachedByHash.put(hashes[i], block);
            }
        }
    }

    /** Drops the sequence's references tail-first; hashed blocks stay cached as inactive, others become free. */
    void release(long sequenceId) {
        List<Block> blocks = blocksBySequence.remove(sequenceId);
        if (blocks == null) {
            return;
        }
        for (int i = blocks.size() - 1; i >= 0; i--) {
            Block block = blocks.get(i);
            if (--block.refCount == 0) {
                activeBlocks--;
                if (block.hashed) {
                    inactive.add(block);
                }
            }
        }
    }

    /** The sequence's blocks in order (empty when it holds none). */
    List<Block> blocksOf(long sequenceId) {
        return List.copyOf(blocksBySequence.getOrDefault(sequenceId, List.of()));
    }

    /** Inactive blocks in eviction order, head first. */
    List<Block> inactiveInEvictionOrder() {
        return List.copyOf(inactive);
    }

    int activeBlocks() {
        return activeBlocks;
    }

    int inactiveBlocks() {
        return inactive.size();
    }

    int freeBlocks() {
        return numGpuBlocks - activeBlocks - inactive.size();
    }

    long evictedBlocks() {
        return evictedBlocks;
    }

    int numGpuBlocks() {
        return numGpuBlocks;
    }

    /** Active KV utilisation u = active blocks ÷ total blocks, the decode model's input. */
    double usage() {
        return (double) activeBlocks / numGpuBlocks;
    }
}
