package io.perfsweep.server;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One histogram series in one scrape: its {@code _bucket}, {@code _sum} and {@code _count} lines grouped by the
 * labels other than {@code le}.
 *
 * @param labels label names to values without {@code le}, sorted by name
 * @param buckets upper bound {@code le} to cumulative count, ascending, {@code +Inf} last when exposed
 * @param sum the {@code _sum}, or {@code NaN} when not exposed
 * @param count the {@code _count}, else the {@code +Inf} bucket, else {@code NaN}
 */
public record HistogramSample(SortedMap<String, String> labels, NavigableMap<Double, Double> buckets, double sum,
        double count) {

    public HistogramSample {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        buckets = Collections.unmodifiableNavigableMap(new TreeMap<>(buckets));
    }
}
