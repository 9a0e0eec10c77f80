package io.perfsweep.encoding;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * The process's one o200k_base table (jtokkit, bundled in its jar): the workload's offline fallback tokenizer and the
 * mock engine's prompt counts and vocabulary read the same instance. Each jtokkit registry loads its own copy (~1.1M
 * objects, ~38 MB, about 0.4 CPU-s), so a {@code run} against the built-in mock loaded it twice before they shared it.
 */
public final class O200kBase {

    private O200kBase() {
    }

    /** Loaded on first use (about a second on a cold JVM): call it first from a worker thread, never an event loop. */
    public static Encoding encoding() {
        return Holder.ENCODING;
    }

    private static final class Holder {
        static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }
}
