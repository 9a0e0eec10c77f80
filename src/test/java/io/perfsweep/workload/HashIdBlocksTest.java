package io.perfsweep.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HashIdBlocksTest {

    private static PromptSynthesizer prompts;
    private static Tokenizer tokenizer;

    @BeforeAll
    static void tokenizeCorpusOnce() {
        tokenizer = Tokenizers.fallback("test-model");
        prompts = new PromptSynthesizer(tokenizer);
    }

    @Test
    void sameIdsGiveTheSameTextAcrossInstances() {
        HashIdBlocks a = new HashIdBlocks(prompts, 512, 0);
        HashIdBlocks b = new HashIdBlocks(prompts, 512, 0);

        assertThat(a.prompt(new long[] { 7, 8, 9 }, 1500)).isEqualTo(b.prompt(new long[] { 7, 8, 9 }, 1500));
        assertThat(new HashIdBlocks(prompts, 512, 1).prompt(new long[] { 7 }, 512))
                .isNotEqualTo(a.prompt(new long[] { 7 }, 512));
    }

    @Test
    void sharedLeadingIdsGiveASharedTextPrefix() {
        HashIdBlocks blocks = new HashIdBlocks(prompts, 512, 0);
        String first = blocks.prompt(new long[] { 1, 2, 3, 4 }, 2000);
        String second = blocks.prompt(new long[] { 1, 2, 5 }, 1100);
        String sharedTwoBlocks = blocks.prompt(new long[] { 1, 2 }, 1024);

        assertThat(first).startsWith(sharedTwoBlocks);
        assertThat(second).startsWith(sharedTwoBlocks);
        assertThat(first.substring(sharedTwoBlocks.length())).doesNotStartWith(
                second.substring(sharedTwoBlocks.length(), sharedTwoBlocks.length() + 40));
    }

    @Test
    void promptHasExactlyTheInputLengthAndStartsEachBlockWithTheSeparator() {
        HashIdBlocks blocks = new HashIdBlocks(prompts, 512, 0);
        Random random = new Random(3);
        for (int i = 0; i < 100; i++) {
            int inputTokens = 1 + random.nextInt(5_000);
            long[] ids = random.longs((inputTokens + 511) / 512, 0, 50).toArray();
            String prompt = blocks.prompt(ids, inputTokens);

            assertThat(tokenizer.count(prompt)).isEqualTo(inputTokens);
            assertThat(prompt).startsWith("<|endoftext|>");
            // each block: a separator, and a second one after its head unless it is a short last block
            int lastBlock = blocks.lastBlockTokens(ids.length, inputTokens);
            int separators = 2 * ids.length - (lastBlock <= HashIdBlocks.HEAD_TOKENS + 2 ? 1 : 0);
            assertThat(prompt.split("<\\|endoftext\\|>", -1)).hasSize(separators + 1);
        }
    }

    /**
     * Different ids give different text from a block's first tokens on, so a server's prefix cache hits only where the
     * trace shares ids. The corpus has about 10,000 starts: with one start per block, 5,000 ids shared whole blocks in
     * about a thousand pairs (a fresh trace's first row was once served 256 cached tokens by the mock).
     */
    @Test
    void differentIdsDifferWithinTheFirstKvBlockEvenWhenTheyShareACorpusStart() {
        HashIdBlocks blocks = new HashIdBlocks(prompts, 64, 0);
        Set<List<Integer>> firstBlocks = new HashSet<>();
        for (long id = 0; id < 5_000; id++) {
            int[] tokens = tokenizer.encode(blocks.prompt(new long[] { id }, 64));
            firstBlocks.add(Arrays.stream(tokens).boxed().toList());
        }
        assertThat(firstBlocks).hasSize(5_000);
    }

    @Test
    void smallBlocksWork() {
        HashIdBlocks blocks = new HashIdBlocks(prompts, 16, 0);

        assertThat(tokenizer.count(blocks.prompt(new long[] { 1, 2, 3 }, 33))).isEqualTo(33);
        assertThat(blocks.prompt(new long[] { 1, 2, 3 }, 33)).endsWith("<|endoftext|>");
    }

    @Test
    void requiresCeilOfInputLengthOverBlockSizeIds() {
        HashIdBlocks blocks = new HashIdBlocks(prompts, 512, 0);

        assertThat(blocks.lastBlockTokens(1, 1)).isEqualTo(1);
        assertThat(blocks.lastBlockTokens(1, 512)).isEqualTo(512);
        assertThat(blocks.lastBlockTokens(2, 513)).isEqualTo(1);
        assertThat(blocks.lastBlockTokens(3, 1100)).isEqualTo(76);
        assertThatThrownBy(() -> blocks.prompt(new long[] { 1, 2 }, 512))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ceil(512/512) = 1 hash ids, got 2");
        assertThatThrownBy(() -> blocks.prompt(new long[] { 1 }, 513))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("= 2 hash ids, got 1");
        assertThatThrownBy(() -> blocks.prompt(new long[0], 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void prefixPoolPrependsOneOfItsPrefixesWithASpace() {
        PrefixPromptPool pool = new PrefixPromptPool(prompts, 5, 300, new Random(1));
        Random random = new Random(2);

        assertThat(pool.prefixes()).hasSize(5).allSatisfy(p -> assertThat(tokenizer.count(p)).isEqualTo(300));
        String prompt = pool.prepend("content", random);
        assertThat(pool.prefixes()).anySatisfy(p -> assertThat(prompt).isEqualTo(p + " content"));
        assertThat(new PrefixPromptPool(prompts, 5, 300, new Random(1)).prefixes()).isEqualTo(pool.prefixes());
    }
}
