package io.perfsweep.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptSynthesizerTest {

    private static PromptSynthesizer o200k;
    private static PromptSynthesizer tinyBpe;

    @BeforeAll
    static void tokenizeCorpusOnce(@TempDir Path dir) throws IOException {
        o200k = new PromptSynthesizer(Tokenizers.fallback("test-model"));
        // Few merges: almost every byte is a token, so slices re-tokenize differently at their ends more often.
        tinyBpe = new PromptSynthesizer(TokenizerJsonLoader.load(TinyTokenizerJson.write(dir.resolve("t.json"),
                TinyTokenizerJson.QWEN_REGEX)));
    }

    @Test
    void promptsHaveExactlyTheRequestedTokenCount() {
        for (PromptSynthesizer prompts : new PromptSynthesizer[] { o200k, tinyBpe }) {
            for (long seed = 0; seed < 40; seed++) {
                Random random = new Random(seed);
                for (int tokens : new int[] { 1, 2, 3, 7, 50, 128, 511, 512, 2000 }) {
                    String prompt = prompts.prompt(tokens, random);
                    assertThat(prompts.tokenizer().count(prompt)).as("seed %d, %d tokens", seed, tokens)
                            .isEqualTo(tokens);
                }
            }
        }
    }

    @Test
    void everyStartPositionGivesAnExactPrompt() {
        // Includes the seam where the corpus wraps around to its beginning.
        for (int start = 0; start < o200k.corpusTokens(); start += 37) {
            assertThat(o200k.tokenizer().count(o200k.promptAt(start, 64))).isEqualTo(64);
        }
        int end = o200k.corpusTokens() - 3;
        assertThat(o200k.tokenizer().count(o200k.promptAt(end, 20))).isEqualTo(20);
    }

    @Test
    void hundredThousandTokenPromptsWrapAroundTheCorpus() {
        assertThat(o200k.corpusTokens()).isLessThan(100_000);
        for (long seed = 0; seed < 3; seed++) {
            String prompt = o200k.prompt(100_000, new Random(seed));
            assertThat(o200k.tokenizer().count(prompt)).isEqualTo(100_000);
        }
    }

    @Test
    void sameStartGivesTheSamePrompt() {
        assertThat(o200k.promptAt(123, 300)).isEqualTo(o200k.promptAt(123, 300));
        assertThat(o200k.prompt(300, new Random(9))).isEqualTo(o200k.prompt(300, new Random(9)));
    }

    @Test
    void rejectsZeroTokens() {
        assertThatThrownBy(() -> o200k.promptAt(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoThousandTokenPromptTakesWellUnderAMillisecondWhenWarm() {
        Random random = new Random(1);
        for (int i = 0; i < 500; i++) {
            o200k.prompt(2000, random);
        }
        int rounds = 200;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            o200k.prompt(2000, random);
        }
        double micros = (System.nanoTime() - start) / 1e3 / rounds;
        System.out.printf("2000-token prompt: %.0f us%n", micros);
        // Generous bound for a loaded 2-core CI machine; typically a few hundred microseconds.
        assertThat(micros).isLessThan(3_000);
    }
}
