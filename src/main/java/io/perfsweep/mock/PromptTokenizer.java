package io.perfsweep.mock;

import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.IntArrayList;

import io.perfsweep.encoding.O200kBase;

/**
 * Counts and ids of prompt tokens with o200k_base (jtokkit, offline). The special tokens {@code <|endoftext|>} and
 * {@code <|endofprompt|>} written in the text are one token each, as a Hugging Face tokenizer (and so vLLM or SGLang)
 * reads them; the text between them is tokenized on its own. Hash-id prompts separate their blocks with such a token,
 * so the mock sees the same block boundaries, and the same prefix-cache hits, as a real server.
 */
final class PromptTokenizer {

    private static final String[] SPECIALS = { "<|endoftext|>", "<|endofprompt|>" };
    private static final int[] SPECIAL_IDS = { 199_999, 200_018 };

    private PromptTokenizer() {
    }

    /** The process's shared table ({@link O200kBase}): call from a worker thread before serving. */
    static Encoding encoding() {
        return O200kBase.encoding();
    }

    static int[] tokenIds(String text) {
        if (!text.contains("<|")) {
            return encoding().encodeOrdinary(text).toArray();
        }
        IntArrayList ids = new IntArrayList();
        int from = 0;
        while (true) {
            int at = -1;
            int which = -1;
            for (int s = 0; s < SPECIALS.length; s++) {
                int found = text.indexOf(SPECIALS[s], from);
                if (found >= 0 && (at < 0 || found < at)) {
                    at = found;
                    which = s;
                }
            }
            int end = at < 0 ? text.length() : at;
            if (end > from) {
                IntArrayList piece = encoding().encodeOrdinary(text.substring(from, end));
                for (int i = 0; i < piece.size(); i++) {
                    ids.add(piece.get(i));
                }
            }
            if (at < 0) {
                return ids.toArray();
            }
            ids.add(SPECIAL_IDS[which]);
            from = at + SPECIALS[which].length();
        }
    }

}
