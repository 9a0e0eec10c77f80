package io.perfsweep.workload;

import java.util.OptionalInt;

/**
 * Text to token ids and back for one model, as AIPerf uses it: {@code encode} adds no special tokens
 * ({@code add_special_tokens=False}), {@code decode} keeps them ({@code skip_special_tokens=False}).
 *
 * <p>
 * Implementations are immutable and thread-safe.
 */
public interface Tokenizer {

    /** Token ids of {@code text}; added/special tokens written literally in the text are recognised as one id each. */
    int[] encode(String text);

    /** Text of {@code ids}; invalid UTF-8 (a slice cut inside a character) becomes U+FFFD. */
    String decode(int[] ids);

    /** Number of tokens in {@code text}, equal to {@code encode(text).length}. */
    default int count(String text) {
        return encode(text).length;
    }

    /** Human-readable name: the tokenizer file or the fallback encoding and the model it stands in for. */
    String name();

    /** True when this is the bundled approximation, not the model's own tokenizer: counts are approximate. */
    boolean fallback();

    /**
     * A special token that never merges with its neighbours when the text is re-tokenized (AIPerf uses BOS, else
     * EOS), used to separate hash-id blocks; empty when the tokenizer has none.
     */
    OptionalInt separatorTokenId();
}
