package io.perfsweep.server;

import java.util.Map;

/**
 * The unit of a server metric, inferred as AIPerf does from its name's suffix (the longest matching suffix wins),
 * unless an OpenMetrics {@code # UNIT} line declared one.
 */
final class ServerUnits {

    private static final Map<String, String> BY_SUFFIX = Map.ofEntries(
            Map.entry("_seconds", "seconds"),
            Map.entry("_milliseconds", "milliseconds"),
            Map.entry("_ms", "milliseconds"),
            Map.entry("_microseconds", "microseconds"),
            Map.entry("_nanoseconds", "nanoseconds"),
            Map.entry("_tokens", "tokens"),
            Map.entry("_perc", "percent"),
            Map.entry("_percent", "percent"),
            Map.entry("_ratio", "ratio"),
            Map.entry("_bytes", "bytes"),
            Map.entry("_requests", "requests"),
            Map.entry("_reqs", "requests"),
            Map.entry("_blocks", "blocks"),
            Map.entry("_celsius", "celsius"),
            Map.entry("_watts", "watts"),
            Map.entry("_joules", "joules"));

    private ServerUnits() {
    }

    /** The unit, or {@code null} when neither the name nor a declaration tells it. */
    static String infer(String name, String declaredUnit) {
        if (declaredUnit != null && !declaredUnit.isEmpty()) {
            return declaredUnit;
        }
        String best = null;
        for (String suffix : BY_SUFFIX.keySet()) {
            if (name.endsWith(suffix) && (best == null || suffix.length() > best.length())) {
                best = suffix;
            }
        }
        return best == null ? null : BY_SUFFIX.get(best);
    }
}
