package io.perfsweep.server;

/** The kinds of metric family perfsweep keeps from an exposition; summaries and gauge histograms are skipped. */
public enum MetricType {
    /** A value that goes up and down; also every untyped/unknown family and OpenMetrics state sets. */
    GAUGE,
    /** A cumulative count, keyed without its {@code _total} suffix. */
    COUNTER,
    /** Cumulative {@code le} buckets with a sum and a count per label set. */
    HISTOGRAM,
    /** Value 1, payload in the labels ({@code vllm:cache_config_info}); exported as a gauge, as AIPerf does. */
    INFO;

    /** The {@code type} written in {@code server_metrics_export.json}, whose schema knows only three. */
    public String schemaName() {
        return this == INFO ? "gauge" : name().toLowerCase(java.util.Locale.ROOT);
    }
}
