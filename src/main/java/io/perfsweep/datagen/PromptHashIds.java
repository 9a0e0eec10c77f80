package io.perfsweep.datagen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Turns tokenized prompts into Mooncake rows for users who have prompts, not traces: each prompt is cut into blocks of
 * {@code blockSizeTokens} (the last block partial, so {@code len(hash_ids) == ceil(tokens / block)}) and every block
 * gets a consecutive integer id chained on its prefix ({@link RollingHasher}), so prompts sharing leading blocks share
 * leading ids, numbered in first-seen order across all prompts given to one instance.
 */
public final class PromptHashIds {

    private final int blockSizeTokens;
    private final RollingHasher hasher = new RollingHasher();

    /** A converter whose ids are shared across all calls on this instance. */
    public PromptHashIds(int blockSizeTokens) {
        if (blockSizeTokens <= 0) {
            throw new IllegalArgumentException("block size must be positive, got " + blockSizeTokens);
        }
        this.blockSizeTokens = blockSizeTokens;
    }

    /**
     * One tokenized prompt with the row fields it should carry.
     *
     * @param tokenIds the prompt's token ids
     * @param timestampMillis arrival offset in ms, or {@code null}
     * @param outputLengthTokens the OSL to request
     */
    public record Prompt(int[] tokenIds, Long timestampMillis, int outputLengthTokens) {

        public Prompt {
            tokenIds = tokenIds.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Prompt that && Arrays.equals(tokenIds, that.tokenIds)
                    && Objects.equals(timestampMillis, that.timestampMillis)
                    && outputLengthTokens == that.outputLengthTokens;
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(tokenIds) + outputLengthTokens;
        }

        @Override
        public String toString() {
            return "Prompt[tokens=" + tokenIds.length + ", timestampMillis=" + timestampMillis + ", outputLengthTokens="
                    + outputLengthTokens + "]";
        }
    }

    /** Converts prompts in order with a fresh id space starting at 0. */
    public static List<TraceRow> toRows(List<Prompt> prompts, int blockSizeTokens) {
        PromptHashIds converter = new PromptHashIds(blockSizeTokens);
        List<TraceRow> rows = new ArrayList<>(prompts.size());
        for (Prompt prompt : prompts) {
            rows.add(converter.toRow(prompt));
        }
        return rows;
    }

    /** The Mooncake row of one prompt: {@code input_length} = token count, ids from {@link #hashIds(int[])}. */
    public TraceRow toRow(Prompt prompt) {
        return new TraceRow(prompt.timestampMillis(), prompt.tokenIds().length, prompt.outputLengthTokens(),
                hashIds(prompt.tokenIds()), null, null);
    }

    /** The block ids of one prompt; {@code ceil(tokenIds.length / blockSizeTokens)} of them. */
    public List<Long> hashIds(int[] tokenIds) {
        List<List<Integer>> blocks = new ArrayList<>();
        for (int start = 0; start < tokenIds.length; start += blockSizeTokens) {
            int end = Math.min(tokenIds.length, start + blockSizeTokens);
            List<Integer> block = new ArrayList<>(end - start);
            for (int i = start; i < end; i++) {
                block.add(tokenIds[i]);
            }
            blocks.add(block);
        }
        return hasher.hashBlocks(blocks);
    }
}
