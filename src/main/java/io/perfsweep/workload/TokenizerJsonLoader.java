package io.perfsweep.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.GptBytePairEncodingParams;

/**
 * Loads a Hugging Face {@code tokenizer.json} of the byte-level BPE kind into a {@link ByteLevelBpeTokenizer}.
 *
 * <p>
 * <b>Why not DJL.</b> {@code ai.djl.huggingface:tokenizers:0.38.0} was tried: its native library does load offline
 * from the jar on Linux x86_64 (it is copied to {@code ~/.djl.ai}), but it truncates to 512 tokens unless told not
 * to, adds ~20 MB of jars with JNI, and one encode of a 2,000-token text took about 6 ms against about 0.5 ms here,
 * which breaks the budget of exact-length prompt synthesis. So the BPE runs on jtokkit instead.
 *
 * <p>
 * <b>How.</b> jtokkit implements tiktoken's BPE: it merges the adjacent pair whose concatenation has the lowest rank.
 * The ranks are the vocabulary ids, with each token spelled back into bytes through GPT-2's byte-to-unicode table.
 * That equals HF's merge-list BPE when the ids follow merge order, which holds for GPT-2, Llama-3, Qwen2/3 and
 * tiktoken-converted files; it is checked against {@code model.merges} at load and the file is refused otherwise.
 *
 * <p>
 * <b>Supported.</b> {@code model.type = BPE} without byte fallback, word prefixes or suffixes; normalizer none or
 * NFC/NFD/NFKC/NFKD; pre-tokenizer {@code ByteLevel} with its GPT-2 regex, or a {@code Sequence} of one
 * {@code Split} (regex or string, behaviour {@code Isolated}) and a {@code ByteLevel} without regex; no added prefix
 * space. {@code added_tokens} are matched literally (lstrip/rstrip/single_word are ignored). Everything else
 * (SentencePiece/Metaspace BPE such as Llama-2 and Gemma, Unigram, WordPiece, several chained {@code Split}s as in
 * DeepSeek-V3) throws {@link UnsupportedTokenizerException}.
 *
 * <p>
 * <b>Residual differences.</b> tiktoken looks a whole pre-token up before merging (HF's {@code ignore_merges}) and may
 * merge a pair that is not in the merge list when the concatenation is a token; both are rare for vocabularies
 * trained as BPE. Regexes run on {@code java.util.regex} with Unicode classes instead of Oniguruma.
 */
final class TokenizerJsonLoader {

    /** GPT-2's pre-tokenizer regex, applied by {@code ByteLevel} when {@code use_regex} is true. */
    static final String GPT2_REGEX = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenizerJsonLoader() {
    }

    /** Reads {@code file} (a {@code tokenizer.json}); a {@code tokenizer_config.json} beside it names the separator. */
    static ByteLevelBpeTokenizer load(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read tokenizer file " + file, e);
        }
        String where = file.toString();
        JsonNode model = root.path("model");
        requireBpeModel(model, where);
        Normalizer.Form normalization = normalization(root.path("normalizer"), where);
        Pattern pattern = preTokenizerPattern(root.path("pre_tokenizer"), where);

        Map<String, Integer> addedIds = new LinkedHashMap<>();
        Map<String, Boolean> special = new HashMap<>();
        for (JsonNode token : root.path("added_tokens")) {
            addedIds.put(token.path("content").asText(), token.path("id").asInt());
            special.put(token.path("content").asText(), token.path("special").asBoolean());
        }
        AddedTokens added = new AddedTokens(addedIds);
        VocabularyRanks ranks = VocabularyRanks.of(model, addedIds.values(), where);
        var params = new GptBytePairEncodingParams(where, pattern, ranks.rankByBytes(), Map.of());
        var bpe = Encodings.newLazyEncodingRegistry().registerGptBytePairEncoding(params).getEncoding(where)
                .orElseThrow();
        OptionalInt separator = separator(file.resolveSibling("tokenizer_config.json"), added, addedIds, special);
        return new ByteLevelBpeTokenizer(where, bpe, ranks.bytesById(), added, normalization, separator);
    }

    private static void requireBpeModel(JsonNode model, String where) {
        String type = model.path("type").asText("BPE");
        if (!"BPE".equals(type)) {
            throw unsupported(where, "model type " + type + " (only byte-level BPE is supported)");
        }
        if (model.path("byte_fallback").asBoolean(false)) {
            throw unsupported(where, "BPE with byte_fallback (SentencePiece-style, e.g. Llama-2)");
        }
        if (!model.path("continuing_subword_prefix").asText("").isEmpty()
                || !model.path("end_of_word_suffix").asText("").isEmpty()) {
            throw unsupported(where, "BPE with continuing_subword_prefix or end_of_word_suffix");
        }
    }

    private static Normalizer.Form normalization(JsonNode normalizer, String where) {
        if (normalizer.isMissingNode() || normalizer.isNull()) {
            return null;
        }
        String type = normalizer.path("type").asText();
        if ("Sequence".equals(type) && normalizer.path("normalizers").isEmpty()) {
            return null;
        }
        try {
            return Normalizer.Form.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw unsupported(where, "normalizer " + type);
        }
    }

    private static Pattern preTokenizerPattern(JsonNode pre, String where) {
        String type = pre.path("type").asText();
        if ("ByteLevel".equals(type)) {
            requireNoPrefixSpace(pre, where);
            if (!pre.path("use_regex").asBoolean(true)) {
                throw unsupported(where, "ByteLevel pre-tokenizer without a regex and without a Split");
            }
            return compile(GPT2_REGEX, where);
        }
        JsonNode steps = pre.path("pretokenizers");
        if (!"Sequence".equals(type) || steps.size() != 2 || !"Split".equals(steps.get(0).path("type").asText())
                || !"ByteLevel".equals(steps.get(1).path("type").asText())) {
            throw unsupported(where, "pre-tokenizer " + pre + " (need ByteLevel, or Sequence[Split, ByteLevel])");
        }
        JsonNode split = steps.get(0);
        JsonNode byteLevel = steps.get(1);
        requireNoPrefixSpace(byteLevel, where);
        if (byteLevel.path("use_regex").asBoolean(true) || !"Isolated".equals(split.path("behavior").asText())
                || split.path("invert").asBoolean(false)) {
            throw unsupported(where, "Split must be Isolated, not inverted, followed by ByteLevel(use_regex=false)");
        }
        JsonNode regex = split.path("pattern").path("Regex");
        String source = regex.isTextual() ? regex.asText() : Pattern.quote(split.path("pattern").path("String").asText());
        return compile(source, where);
    }

    private static void requireNoPrefixSpace(JsonNode byteLevel, String where) {
        if (byteLevel.path("add_prefix_space").asBoolean(false)) {
            throw unsupported(where, "ByteLevel with add_prefix_space=true");
        }
    }

    /**
     * HF's Split keeps the text between matches as pieces of its own, tiktoken drops it: the second alternative
     * turns every such gap into a match. Unicode classes make {@code \s} mean what it means in Oniguruma.
     */
    private static Pattern compile(String regex, String where) {
        try {
            return Pattern.compile("(?:" + regex + ")|(?:(?!(?:" + regex + "))[\\s\\S])+",
                    Pattern.UNICODE_CHARACTER_CLASS);
        } catch (PatternSyntaxException e) {
            throw new UnsupportedTokenizerException(where + ": the pre-tokenizer regex does not compile in Java", e);
        }
    }

    private static OptionalInt separator(Path config, AddedTokens added, Map<String, Integer> addedIds,
            Map<String, Boolean> special) {
        if (Files.isRegularFile(config)) {
            try {
                JsonNode root = JSON.readTree(config.toFile());
                for (String key : new String[] { "bos_token", "eos_token" }) {
                    JsonNode token = root.path(key);
                    int id = added.idOf(token.isObject() ? token.path("content").asText() : token.asText(""));
                    if (id >= 0) {
                        return OptionalInt.of(id);
                    }
                }
            } catch (IOException e) {
                // An unreadable config only loses the preferred separator; the first special token still works.
            }
        }
        return addedIds.entrySet().stream().filter(e -> special.get(e.getKey()))
                .mapToInt(Map.Entry::getValue).findFirst();
    }

    static UnsupportedTokenizerException unsupported(String where, String what) {
        return new UnsupportedTokenizerException(where + ": unsupported tokenizer.json: " + what);
    }
}
