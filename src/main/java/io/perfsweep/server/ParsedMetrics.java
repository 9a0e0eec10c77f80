package io.perfsweep.server;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The families of one exposition, by name in the order they appeared. Two parses of identical content are
 * {@link #equals equal}, which is how a scrape that brought nothing new is recognised.
 */
public record ParsedMetrics(Map<String, MetricFamily> families) {

    public ParsedMetrics {
        families = Collections.unmodifiableMap(new LinkedHashMap<>(families));
    }

    /** The family of that name ({@code vllm:generation_tokens}, not {@code …_total}). */
    public Optional<MetricFamily> family(String name) {
        return Optional.ofNullable(families.get(name));
    }
}
