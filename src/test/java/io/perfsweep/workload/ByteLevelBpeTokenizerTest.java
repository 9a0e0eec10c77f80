package io.perfsweep.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

class ByteLevelBpeTokenizerTest {

    @TempDir
    Path dir;

    @Test
    void encodesWithMergesAndSplitRegex() throws IOException {
        Tokenizer t = TokenizerJsonLoader.load(TinyTokenizerJson.write(dir.resolve("tokenizer.json"),
                TinyTokenizerJson.QWEN_REGEX));

        // Expected ids cross-checked once with HF tokenizers 0.21 (through DJL) on the same file.
        assertThat(t.encode("hello world")).containsExactly(259, 264);
        assertThat(t.encode("hello  world!")).containsExactly(259, 32, 264, 33);
        assertThat(t.encode("héllo<|endoftext|> world\n")).containsExactly(104, 195, 169, 257, 111, 266, 264, 10);
        assertThat(t.encode("a, b")).containsExactly(97, 44, 32, 98);
        assertThat(t.count("hello world")).isEqualTo(2);
        assertThat(t.fallback()).isFalse();
        assertThat(t.separatorTokenId()).hasValue(TinyTokenizerJson.END_OF_TEXT);
    }

    @Test
    void textBetweenRegexMatchesIsAPieceOfItsOwn() throws IOException {
        // With only letters matched, ", " is a gap: HF keeps it as one piece, so the ", " merge applies.
        Tokenizer t = TokenizerJsonLoader.load(TinyTokenizerJson.write(dir.resolve("tokenizer.json"), "\\p{L}+"));

        assertThat(t.encode("hello, world")).containsExactly(259, 265, 119, 111, 262, 100);
    }

    @Test
    void decodeRoundTripsTextIncludingSpecialTokens() throws IOException {
        Tokenizer t = TokenizerJsonLoader.load(TinyTokenizerJson.write(dir.resolve("tokenizer.json"),
                TinyTokenizerJson.QWEN_REGEX));

        for (String text : new String[] { "hello world", "héllo<|endoftext|> world\n", "日本語 and ü, 42!\t\r\n x" }) {
            assertThat(t.decode(t.encode(text))).isEqualTo(text);
        }
        assertThat(t.decode(new int[] { 259, 264, 266 })).isEqualTo("hello world<|endoftext|>");
    }

    @Test
    void acceptsMergesWrittenAsPairs() throws IOException {
        Path file = TinyTokenizerJson.write(dir.resolve("tokenizer.json"), root -> root.set("model",
                TinyTokenizerJson.base(TinyTokenizerJson.MERGES, false).get("model")));

        assertThat(TokenizerJsonLoader.load(file).encode("hello world")).containsExactly(259, 264);
    }

    @Test
    void refusesIdsThatDoNotFollowMergeOrder() throws IOException {
        Path file = TinyTokenizerJson.write(dir.resolve("tokenizer.json"), root -> {
            ObjectNode vocab = (ObjectNode) root.path("model").path("vocab");
            vocab.put("he", 258);
            vocab.put("hell", 256);
        });

        assertThatThrownBy(() -> TokenizerJsonLoader.load(file)).isInstanceOf(UnsupportedTokenizerException.class)
                .hasMessageContaining("do not follow merge order");
    }

    @Test
    void refusesSentencePieceStyleFiles() throws IOException {
        Path file = TinyTokenizerJson.write(dir.resolve("tokenizer.json"),
                root -> root.putObject("pre_tokenizer").put("type", "Metaspace"));

        assertThatThrownBy(() -> TokenizerJsonLoader.load(file)).isInstanceOf(UnsupportedTokenizerException.class)
                .hasMessageContaining("Metaspace");
    }

    @Test
    void refusesUnigramModels() throws IOException {
        Path file = TinyTokenizerJson.write(dir.resolve("tokenizer.json"),
                root -> ((ObjectNode) root.path("model")).put("type", "Unigram"));

        assertThatThrownBy(() -> TokenizerJsonLoader.load(file)).isInstanceOf(UnsupportedTokenizerException.class)
                .hasMessageContaining("Unigram");
    }
}
