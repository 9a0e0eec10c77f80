package io.perfsweep.mock;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.knuddels.jtokkit.api.Encoding;

/**
 * The words the mock emits, one per token: common English words with a leading space, each kept only if it is exactly
 * one o200k_base token and the whole list, joined in two different orders, is still one token per word. So a client that
 * re-tokenizes the joined output with o200k_base counts exactly {@code max_tokens}. o200k's pre-tokenizer splits before
 * every " word", which is why any sequence of these words keeps one token per word; the join check guards that claim.
 */
final class Vocabulary {

    private static final String[] CANDIDATES = { "the", "of", "and", "to", "in", "is", "you", "that", "it", "he",
            "was", "for", "on", "are", "as", "with", "his", "they", "at", "be", "this", "have", "from", "or", "one",
            "had", "by", "word", "but", "not", "what", "all", "were", "we", "when", "your", "can", "said", "there",
            "use", "an", "each", "which", "she", "do", "how", "their", "if", "will", "up", "other", "about", "out",
            "many", "then", "them", "these", "so", "some", "her", "would", "make", "like", "him", "into", "time", "has",
            "look", "two", "more", "write", "go", "see", "number", "no", "way", "could", "people", "my", "than",
            "first", "water", "been", "call", "who", "its", "now", "find", "long", "down", "day", "did", "get", "come",
            "made", "may", "part" };
    private static final int MIN_WORDS = 32;

    private final List<String> words;
    /** Each word JSON-escaped and UTF-8 encoded once, so streaming never re-escapes or re-encodes a token. */
    private final byte[][] escapedUtf8;

    private Vocabulary(List<String> words) {
        this.words = words;
        this.escapedUtf8 = new byte[words.size()][];
        for (int i = 0; i < escapedUtf8.length; i++) {
            escapedUtf8[i] = JsonStringEncoder.getInstance().quoteAsUTF8(words.get(i));
        }
    }

    /** The vocabulary verified against o200k_base, built once (loading the encoding takes about a second). */
    static Vocabulary o200k() {
        return Holder.O200K;
    }

    private static final class Holder {
        static final Vocabulary O200K = verified(PromptTokenizer.encoding());
    }

    /** Builds and verifies the vocabulary against {@code encoding}; fails if fewer than 32 words survive. */
    static Vocabulary verified(Encoding encoding) {
        List<String> kept = new ArrayList<>();
        for (String candidate : CANDIDATES) {
            if (encoding.countTokensOrdinary(" " + candidate) == 1) {
                kept.add(" " + candidate);
            }
        }
        if (kept.size() < MIN_WORDS) {
            throw new IllegalStateException("only " + kept.size() + " vocabulary words are single o200k tokens");
        }
        StringBuilder forward = new StringBuilder();
        StringBuilder strided = new StringBuilder();
        for (int i = 0; i < kept.size(); i++) {
            forward.append(kept.get(i));
            strided.append(kept.get((i * 7 + 3) % kept.size())).append(kept.get(i));
        }
        if (encoding.countTokensOrdinary(forward.toString()) != kept.size()
                || encoding.countTokensOrdinary(strided.toString()) != 2 * kept.size()) {
            throw new IllegalStateException("joined vocabulary words do not keep one o200k token per word");
        }
        return new Vocabulary(List.copyOf(kept));
    }

    /** The word for token {@code tokenIndex} of a request whose word sequence starts at {@code offset}. */
    String word(int offset, int tokenIndex) {
        return words.get(index(offset, tokenIndex));
    }

    /** {@link #word} as JSON-escaped UTF-8 (shared array: do not modify). */
    byte[] escapedWord(int offset, int tokenIndex) {
        return escapedUtf8[index(offset, tokenIndex)];
    }

    private int index(int offset, int tokenIndex) {
        return Math.floorMod(offset + tokenIndex * 7, words.size());
    }

    List<String> words() {
        return words;
    }
}
