package io.perfsweep.workload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Prompts of an exact token count cut from the bundled corpus (AIPerf {@code prompt.py}): the corpus is tokenized
 * once, a prompt is a slice of its ids (wrapping around) decoded back to text.
 *
 * <p>
 * <b>Fix-up.</b> Decoding and re-encoding is not always the identity: a slice that starts inside a word, or the seam
 * where the corpus wraps around, re-tokenizes into a different number of tokens. So every prompt is re-counted and
 * the slice is lengthened or shortened by the difference until {@code tokenizer.count(prompt) == tokens} (a few
 * rounds); if that oscillates, the same is tried from a start a fixed stride further on. The result is therefore
 * exact for the tokenizer given, and deterministic for a start position.
 *
 * <p>
 * Immutable and thread-safe; randomness comes from the caller's {@link Random}.
 */
public final class PromptSynthesizer {

    private static final String CORPUS_RESOURCE = "/workload/corpus.txt";
    private static final int ROUNDS_PER_START = 4;
    private static final int MAX_STARTS = 64;
    private static final int START_STRIDE = 7_919;

    private final Tokenizer tokenizer;
    private final int[] corpusIds;

    /** Tokenizes the bundled corpus with {@code tokenizer} (a few milliseconds). */
    public PromptSynthesizer(Tokenizer tokenizer) {
        this(tokenizer, bundledCorpus());
    }

    PromptSynthesizer(Tokenizer tokenizer, String corpus) {
        this.tokenizer = tokenizer;
        this.corpusIds = tokenizer.encode(corpus);
        if (corpusIds.length < 2) {
            throw new IllegalArgumentException("The prompt corpus must hold at least two tokens");
        }
    }

    static String bundledCorpus() {
        try (InputStream in = PromptSynthesizer.class.getResourceAsStream(CORPUS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + CORPUS_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + CORPUS_RESOURCE, e);
        }
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** Number of tokens in the corpus, the range of start positions. */
    public int corpusTokens() {
        return corpusIds.length;
    }

    /** A prompt of exactly {@code tokens} tokens from a random corpus position drawn from {@code random}. */
    public String prompt(int tokens, Random random) {
        return promptAt(random.nextInt(corpusIds.length), tokens);
    }

    /** A prompt of exactly {@code tokens} tokens (at least 1) starting at corpus token {@code start}. */
    public String promptAt(int start, int tokens) {
        if (tokens < 1) {
            throw new IllegalArgumentException("A prompt needs at least 1 token, got " + tokens);
        }
        int from = Math.floorMod(start, corpusIds.length);
        for (int attempt = 0; attempt < MAX_STARTS; attempt++) {
            String text = exactFrom(from, tokens);
            if (text != null) {
                return text;
            }
            from = (from + START_STRIDE) % corpusIds.length;
        }
        throw new IllegalStateException("No prompt of exactly " + tokens + " tokens found with " + tokenizer.name());
    }

    private String exactFrom(int start, int tokens) {
        int sliceLength = tokens;
        for (int round = 0; round < ROUNDS_PER_START && sliceLength >= 1; round++) {
            String text = tokenizer.decode(slice(start, sliceLength));
            int count = tokenizer.count(text);
            if (count == tokens) {
                return text;
            }
            sliceLength += tokens - count;
        }
        return null;
    }

    /** {@code length} corpus ids from {@code start}, wrapping around the end. */
    int[] slice(int start, int length) {
        int[] out = new int[length];
        int filled = 0;
        int from = start;
        while (filled < length) {
            int run = Math.min(length - filled, corpusIds.length - from);
            System.arraycopy(corpusIds, from, out, filled, run);
            filled += run;
            from = 0;
        }
        return out;
    }
}
