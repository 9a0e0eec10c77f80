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

        assertThat(ids).startsWith(hello).endsWith(199_999, 200_018, 199_999);
        assertThat(ids).hasSize(hello.length + 1 + world.length + 2);
        assertThat(PromptTokenizer.tokenIds("plain text")).containsExactly(
                PromptTokenizer.encoding().encodeOrdinary("plain text").toArray());
    }
}
