package io.perfsweep.workload;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.OptionalInt;

import com.knuddels.jtokkit.api.Encoding;

/**
 * A model's own byte-level BPE tokenizer (GPT-2, Llama-3, Qwen2/3 style), loaded from its {@code tokenizer.json} by
 * {@link TokenizerJsonLoader} and run on jtokkit's tiktoken-style BPE.
 */
final class ByteLevelBpeTokenizer implements Tokenizer {

    private final String name;
    private final Encoding bpe;
    private final byte[][] bytesById;
    private final AddedTokens added;
    private final Normalizer.Form normalization;
    private final OptionalInt separator;

    ByteLevelBpeTokenizer(String name, Encoding bpe, byte[][] bytesById, AddedTokens added,
            Normalizer.Form normalization, OptionalInt separator) {
        this.name = name;
        this.bpe = bpe;
        this.bytesById = bytesById;
        this.added = added;
        this.normalization = normalization;
        this.separator = separator;
    }

    @Override
    public int[] encode(String text) {
        // Added tokens are matched on the raw text, the normalizer only sees the gaps (HF: normalized=false).
        return added.encode(text, gap -> bpe.encodeOrdinary(normalize(gap)));
    }

    private String normalize(String text) {
        if (normalization == null || Normalizer.isNormalized(text, normalization)) {
            return text;
        }
        return Normalizer.normalize(text, normalization);
    }

    @Override
    public String decode(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length * 4);
        for (int id : ids) {
            byte[] bytes = added.bytesOf(id);
            if (bytes == null && id >= 0 && id < bytesById.length) {
                bytes = bytesById[id];
            }
            if (bytes == null) {
                throw new IllegalArgumentException("Token id " + id + " is not in " + name);
            }
            out.writeBytes(bytes);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean fallback() {
        return false;
    }

    @Override
    public OptionalInt separatorTokenId() {
        return separator;
    }
}
