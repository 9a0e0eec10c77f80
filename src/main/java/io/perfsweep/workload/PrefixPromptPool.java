package io.perfsweep.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * AIPerf's prefix prompt pool ({@code --num-prefix-prompts K --prefix-prompt-length L}): K corpus prompts of L tokens
 * each; a request's first turn gets a random one prepended as {@code prefix + " " + content}
 * ({@code composer/synthetic.py}).
 *
 * <p>
 * Immutable after construction; {@link #prepend} is thread-safe if the caller's {@link Random} is.
 */
public final class PrefixPromptPool {

    private final List<String> prefixes;

    /** Draws the K prefix start positions from {@code random}. */
    public PrefixPromptPool(PromptSynthesizer prompts, int prefixCount, int prefixTokens, Random random) {
        if (prefixCount < 1 || prefixTokens < 1) {
            throw new IllegalArgumentException(
                    "A prefix pool needs at least 1 prefix of at least 1 token, got " + prefixCount + " x "
                            + prefixTokens);
        }
        List<String> pool = new ArrayList<>(prefixCount);
        for (int i = 0; i < prefixCount; i++) {
            pool.add(prompts.prompt(prefixTokens, random));
        }
        this.prefixes = List.copyOf(pool);
    }

    public List<String> prefixes() {
        return prefixes;
    }

    /** {@code content} with a random pool prefix in front, separated by one space. */
    public String prepend(String content, Random random) {
        return prefixes.get(random.nextInt(prefixes.size())) + " " + content;
    }
}
