package io.perfsweep.mock;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/** Counts and ids of prompt tokens with o200k_base (jtokkit, offline); special-token text is treated as ordinary. */
final class PromptTokenizer {

    private PromptTokenizer() {
    }

    /** Loaded once (about a second): call from a worker thread before serving, never first on an event loop. */
    private static final class Holder {
        static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }

    static Encoding encoding() {
        return Holder.O200K;
    }

    static int[] tokenIds(String text) {
        return encoding().encodeOrdinary(text).toArray();
    }

    static int count(String text) {
        return encoding().countTokensOrdinary(text);
    }
}
