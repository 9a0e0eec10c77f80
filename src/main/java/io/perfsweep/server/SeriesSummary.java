package io.perfsweep.server;

import java.util.NavigableMap;
import java.util.SortedMap;

/**
 * One series of a metric over a window: one endpoint, one label set.
 *
 * @param labels the labels, sorted, empty when the series has none
 * @param buckets histogram bucket deltas over the window, cumulative in {@code le}; {@code null} for other types and
 *        after a detected reset
 */
public record SeriesSummary(String endpointUrl, SortedMap<String, String> labels, SeriesStats stats,
        NavigableMap<Double, Long> buckets) {
}
