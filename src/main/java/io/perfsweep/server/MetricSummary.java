package io.perfsweep.server;

import java.util.List;

/**
 * One metric over a window, all endpoints merged under its name as AIPerf exports it.
 *
 * @param description the {@code # HELP} text, or {@code ""}
 * @param unit the inferred unit, or {@code null}
 */
public record MetricSummary(String name, MetricType type, String description, String unit,
        List<SeriesSummary> series) {

    public MetricSummary {
        series = List.copyOf(series);
    }
}
