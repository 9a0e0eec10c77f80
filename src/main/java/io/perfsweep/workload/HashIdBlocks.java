package io.perfsweep.workload;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prompts from Mooncake-style hash ids (AIPerf {@code prompt.py}): each hash id is one block of {@code blockSize}
 * tokens, the same id always the same text, so shared leading ids give a shared text prefix (a KV-cache hit).
 *
 * <p>
 * A block is the tokenizer's separator token (BOS/EOS, see {@link Tokenizer#separatorTokenId()}) followed by
 * {@code blockSize - 1} corpus tokens from starts derived from the id and the seed (a short head, a second separator,
 * then the rest, so different ids differ from their first tokens on). Because the separator is a
 * special token it never merges with its neighbours, so the blocks' counts add up exactly. The last block is partial:
 * {@code input_length - (n - 1) * blockSize} tokens, which must lie in {@code (0, blockSize]}, i.e. there must be
 * {@code ceil(input_length / blockSize)} ids. A partial block starts as that id's full block does (the same starts).
 *
 * <p>
 * Thread-safe. Full blocks are cached per id (about 2 KB of text per id at 512 tokens), as AIPerf caches them.
 */
public final class HashIdBlocks {

    /** AIPerf's {@code --isl-block-size} default and the block size of public Mooncake traces. */
    public static final int DEFAULT_BLOCK_SIZE_TOKENS = 512;
    /** Tokens of a block's head (see {@link #block}): with its two separators, well inside a server's first KV block. */
    static final int HEAD_TOKENS = 16;

    private final PromptSynthesizer prompts;
    private final int blockSizeTokens;
    private final long seed;
    private final String separator;
    private final Map<Long, String> fullBlocks = new ConcurrentHashMap<>();

    public HashIdBlocks(PromptSynthesizer prompts, int blockSizeTokens, long seed) {
        if (blockSizeTokens < 1) {
            throw new IllegalArgumentException("Block size must be at least 1 token, got " + blockSizeTokens);
        }
        Tokenizer tokenizer = prompts.tokenizer();
        int separatorId = tokenizer.separatorTokenId().orElseThrow(() -> new IllegalArgumentException(
                "Tokenizer " + tokenizer.name() + " has no special token to separate hash-id blocks"));
        this.prompts = prompts;
        this.blockSizeTokens = blockSizeTokens;
        this.seed = seed;
        this.separator = tokenizer.decode(new int[] { separatorId });
    }

    public int blockSizeTokens() {
        return blockSizeTokens;
    }

    /** The prompt of {@code inputTokens} tokens for a trace row's {@code hashIds}. */
    public String prompt(long[] hashIds, int inputTokens) {
        int lastBlockTokens = lastBlockTokens(hashIds.length, inputTokens);
        StringBuilder out = new StringBuilder(inputTokens * 5);
        for (int i = 0; i < hashIds.length - 1; i++) {
            out.append(fullBlock(hashIds[i]));
        }
        if (lastBlockTokens == blockSizeTokens) {
            out.append(fullBlock(hashIds[hashIds.length - 1]));
        } else {
            out.append(block(hashIds[hashIds.length - 1], lastBlockTokens));
        }
        return out.toString();
    }

    /** Tokens in the last block; fails unless there are exactly {@code ceil(inputTokens / blockSize)} ids. */
    int lastBlockTokens(int hashIdCount, int inputTokens) {
        long remainder = inputTokens - (long) (hashIdCount - 1) * blockSizeTokens;
        if (hashIdCount < 1 || remainder <= 0 || remainder > blockSizeTokens) {
            long needed = Math.max(1, (inputTokens + (long) blockSizeTokens - 1) / blockSizeTokens);
            throw new IllegalArgumentException("input_length " + inputTokens + " needs ceil(" + inputTokens + "/"
                    + blockSizeTokens + ") = " + needed + " hash ids, got " + hashIdCount
                    + ": the last block must hold between 1 and " + blockSizeTokens + " tokens, not " + remainder);
        }
        return (int) remainder;
    }

    private String fullBlock(long hashId) {
        return fullBlocks.computeIfAbsent(hashId, id -> block(id, blockSizeTokens));
    }

    /**
     * Separator plus {@code tokens - 1} corpus tokens; the starts depend only on the id and the seed. A block of more
     * than {@value #HEAD_TOKENS} + 2 tokens opens with a head of {@value #HEAD_TOKENS} tokens from a second start and a
     * second separator: the corpus has only about 10,000 starts, so in a trace of thousands of ids many share one, and
     * with one start per block their whole blocks were the same text, a prefix-cache hit the trace does not describe
     * (seen: a first row of a fresh trace served 256 cached tokens). Two ids now share a block's first 64 tokens only
     * when both their starts agree, about once in 10^8 pairs.
     */
    private String block(long hashId, int tokens) {
        if (tokens == 1) {
            return separator;
        }
        var random = new SplittableRandom(seed ^ (hashId * 0x9E37_79B9_7F4A_7C15L));
        int start = random.nextInt(prompts.corpusTokens());
        int headStart = random.nextInt(prompts.corpusTokens());
        if (tokens <= HEAD_TOKENS + 2) { // a short partial block: its head only
            return separator + prompts.promptAt(headStart, tokens - 1);
        }
        // the separators are special tokens that never merge with their neighbours, so the counts add up exactly
        return separator + prompts.promptAt(headStart, HEAD_TOKENS) + separator
                + prompts.promptAt(start, tokens - 2 - HEAD_TOKENS);
    }
}
