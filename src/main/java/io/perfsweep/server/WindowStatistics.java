package io.perfsweep.server;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;

/**
 * The per-series arithmetic of a window, on time-ordered samples of one series. Gauges use the samples inside the
 * window. Counters and histograms are differences between two samples that bracket it: the last one before it opens
 * (AIPerf's reference) and the first one after it closes (the scraper's final fetch), or the last one inside when none
 * came after; so a counter's total holds everything the window did, not only what came before its last periodic
 * scrape (up to a third of a second of a point's tokens).
 */
final class WindowStatistics {

    /** A scalar sample at a {@link System#nanoTime()} instant. */
    record Point(long nanos, double value) {
    }

    /** A histogram sample at a {@link System#nanoTime()} instant. */
    record HistogramPoint(long nanos, HistogramSample histogram) {
    }

    private final long startNanos;
    private final long endNanos;
    private final boolean slice;

    WindowStatistics(long startNanos, long endNanos) {
        this(startNanos, endNanos, false);
    }

    /**
     * @param slice whether the window is one time slice of a longer one: then counters and histograms end at the last
     *        sample inside it, not at the first after it, so adjacent slices' totals add up to the whole without
     *        counting the same increase twice; a slice without a sample of its own gets a zero total
     */
    WindowStatistics(long startNanos, long endNanos, boolean slice) {
        this.startNanos = startNanos;
        this.endNanos = endNanos;
        this.slice = slice;
    }

    private boolean inWindow(long nanos) {
        return nanos >= startNanos && nanos <= endNanos;
    }

    /** Gauge statistics of the samples in the window, or {@code null} when there are none. */
    GaugeStats gauge(List<Point> points) {
        double[] values = points.stream().filter(p -> inWindow(p.nanos())).mapToDouble(Point::value).toArray();
        return values.length == 0 ? null : GaugeStats.of(values);
    }

    /** Counter statistics, or {@code null} when no sample falls in or brackets the window. */
    CounterStats counter(List<Point> points) {
        Point[] bracket = counterBracket(points);
        if (bracket == null) {
            return null;
        }
        Point ref = bracket[0];
        Point last = bracket[1];
        double total = Math.max(last.value() - ref.value(), 0.0);
        double seconds = (last.nanos() - ref.nanos()) / 1e9;
        return new CounterStats(total, seconds > 0 ? total / seconds : 0.0);
    }

    /**
     * The two samples a counter's difference is taken between, {@code {reference, end}}: the last sample before the
     * window (else the first in it) and the first after it (else the last in it); {@code null} when no sample falls
     * in or brackets the window. Both may be the same sample.
     */
    Point[] counterBracket(List<Point> points) {
        return bracket(points, Point::nanos, Point[]::new);
    }

    /** {@link #counterBracket} for any time-stamped samples, in time order. */
    private <T> T[] bracket(List<T> points, ToLongFunction<T> nanos, IntFunction<T[]> array) {
        T reference = null;
        T first = null;
        T last = null;
        T closing = null;
        for (T p : points) {
            long at = nanos.applyAsLong(p);
            if (at < startNanos) {
                reference = p;
            } else if (inWindow(at)) {
                first = first == null ? p : first;
                last = p;
            } else if (closing == null) {
                closing = p;
            }
        }
        if (!slice && closing != null && (reference != null || first != null)) {
            last = closing;
        }
        if (slice && last == null && reference != null) {
            last = reference;
        }
        if (last == null) {
            return null;
        }
        T[] pair = array.apply(2);
        pair[0] = reference != null ? reference : first;
        pair[1] = last;
        return pair;
    }

    /** Histogram statistics and bucket deltas, or {@code null} when no sample falls in or brackets the window. */
    SeriesSummary histogram(String endpointUrl, List<HistogramPoint> points) {
        HistogramPoint[] bracket = bracket(points, HistogramPoint::nanos, HistogramPoint[]::new);
        if (bracket == null) {
            return null;
        }
        HistogramPoint ref = bracket[0];
        HistogramPoint last = bracket[1];
        HistogramSample end = last.histogram();
        NavigableMap<Double, Long> buckets = bucketDeltas(ref.histogram().buckets(), end.buckets());
        long count = Math.round(end.count() - ref.histogram().count());
        double sum = end.sum() - ref.histogram().sum();
        if (count <= 0) {
            return new SeriesSummary(endpointUrl, end.labels(), HistogramStats.empty(), buckets);
        }
        double seconds = (last.nanos() - ref.nanos()) / 1e9;
        Map<Integer, Double> estimates = new TreeMap<>();
        if (buckets != null) {
            for (int percentile : HistogramStats.PERCENTILES) {
                double estimate = BucketPercentiles.estimate(buckets, percentile);
                if (!Double.isNaN(estimate)) {
                    estimates.put(percentile, estimate);
                }
            }
        }
        HistogramStats stats = new HistogramStats(count, sum, sum / count, seconds > 0 ? count / seconds : null,
                seconds > 0 ? sum / seconds : null, estimates);
        return new SeriesSummary(endpointUrl, end.labels(), stats, buckets);
    }

    /** Per-bucket deltas, or {@code null} when any bucket went down (a reset, as AIPerf treats it). */
    private static NavigableMap<Double, Long> bucketDeltas(NavigableMap<Double, Double> reference,
            NavigableMap<Double, Double> end) {
        NavigableMap<Double, Long> deltas = new TreeMap<>();
        for (Map.Entry<Double, Double> bucket : end.entrySet()) {
            double delta = bucket.getValue() - reference.getOrDefault(bucket.getKey(), 0.0);
            if (delta < 0) {
                return null;
            }
            deltas.put(bucket.getKey(), Math.round(delta));
        }
        return deltas;
    }
}
