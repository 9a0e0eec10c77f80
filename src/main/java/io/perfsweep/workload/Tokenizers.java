package io.perfsweep.workload;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Process-wide tokenizers by model id or path, resolved once each (so the fallback warning appears once). */
public final class Tokenizers {

    private static final Map<String, Tokenizer> RESOLVED = new ConcurrentHashMap<>();

    private Tokenizers() {
    }

    /** {@link TokenizerResolver#resolve} with the environment's Hugging Face cache, memoised per argument. */
    public static Tokenizer resolve(String modelOrPath) {
        return RESOLVED.computeIfAbsent(modelOrPath, key -> TokenizerResolver.fromEnvironment().resolve(key));
    }

    /** The bundled approximation ({@code o200k_base}) standing in for {@code model}, without any warning. */
    public static Tokenizer fallback(String model) {
        return new FallbackTokenizer(model);
    }
}
