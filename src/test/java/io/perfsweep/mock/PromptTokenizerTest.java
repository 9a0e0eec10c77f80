package io.perfsweep.mock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The mock counts prompts as a Hugging Face tokenizer would: special-token text is one token, never merged. */
class PromptTokenizerTest {

    @Test
    void specialTokenTextIsOneTokenAndSplitsTheTextAroundIt() {
        int[] hello = PromptTokenizer.encoding().encodeOrdinary("hello").toArray();
        int[] world = PromptTokenizer.encoding().encodeOrdinary(" world").toArray();

        int[] ids = PromptTokenizer.tokenIds("hello<|endoftext|> world<|endofprompt|><|endoftext|>");

        int[] expected = new int[hello.length + 1 + world.length + 2];
        System.arraycopy(hello, 0, expected, 0, hello.length);
        expected[hello.length] = 199_999;
        System.arraycopy(world, 0, expected, hello.length + 1, world.length);
        expected[expected.length - 2] = 200_018;
        expected[expected.length - 1] = 199_999;
        assertThat(ids).containsExactly(expected);
        assertThat(PromptTokenizer.tokenIds("plain text")).containsExactly(
                PromptTokenizer.encoding().encodeOrdinary("plain text").toArray());
    }
}
