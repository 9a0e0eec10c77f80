package io.perfsweep.metrics;

import java.util.OptionalLong;

/** Nullable token counts as optional values. */
final class Tokens {

    private Tokens() {
    }

    static OptionalLong of(Integer count) {
        return count == null ? OptionalLong.empty() : OptionalLong.of(count);
    }
}
