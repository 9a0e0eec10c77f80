package io.perfsweep.report;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import io.perfsweep.metrics.ClientHealth;

/**
 * A {@code profile_export_aiperf.json} read back, ours or AIPerf's: identification plus every metric by tag.
 *
 * @param schemaVersion {@code schema_version}, or null in files that predate it
 * @param aiperfVersion {@code aiperf_version} (the producing tool), or null
 * @param benchmarkId {@code benchmark_id}, or null
 * @param metrics every top-level object with a {@code unit}, by tag
 * @param clientHealth perfsweep's {@code client_health} verdict, or null (AIPerf's files, older exports)
 */
public record AiperfResult(String schemaVersion, String aiperfVersion, String benchmarkId,
        Map<String, Metric> metrics, ClientHealth clientHealth) {

    public AiperfResult {
        metrics = Map.copyOf(metrics);
    }

    /** The metric with this tag, e.g. {@code "time_to_first_token"}. */
    public Optional<Metric> metric(String tag) {
        return Optional.ofNullable(metrics.get(tag));
    }

    /** One statistic, e.g. {@code stat("inter_token_latency", "p50")}; empty when absent. */
    public OptionalDouble stat(String tag, String stat) {
        return metric(tag).map(m -> m.stat(stat)).orElse(OptionalDouble.empty());
    }

    /**
     * One metric: its display unit and whichever statistics the file had ({@code avg}, {@code p50}, {@code count},
     * …).
     */
    public record Metric(String unit, Map<String, Double> stats) {

        public Metric {
            stats = Map.copyOf(stats);
        }

        /** A statistic by name; empty when the file did not have it. */
        public OptionalDouble stat(String name) {
            Double value = stats.get(name);
            return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
        }
    }
}
