package io.perfsweep.server;

import java.util.List;

/**
 * One metric family of a scrape. Histograms carry {@link #histograms()}, every other type {@link #samples()}.
 *
 * @param name the family name as AIPerf keys it: counters without {@code _total}, info families with {@code _info}
 * @param type what the family is
 * @param help the {@code # HELP} text unescaped, or {@code null}
 * @param unit the OpenMetrics {@code # UNIT}, or {@code null}
 */
public record MetricFamily(String name, MetricType type, String help, String unit, List<Sample> samples,
        List<HistogramSample> histograms) {

    public MetricFamily {
        samples = List.copyOf(samples);
        histograms = List.copyOf(histograms);
    }
}
