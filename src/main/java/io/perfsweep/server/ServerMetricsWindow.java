package io.perfsweep.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.perfsweep.server.WindowStatistics.HistogramPoint;
import io.perfsweep.server.WindowStatistics.Point;

/**
 * The server metrics of one sweep point over its measured window {@code [windowStartNanos, windowEndNanos]}
 * (inclusive, {@link System#nanoTime()} scale, warm-up excluded), computed per (metric, endpoint, label set) as
 * AIPerf does (spec §1.3): gauges and info families by {@link GaugeStats}, counters by {@link CounterStats},
 * histograms by {@link HistogramStats}. The last scrape before the window and the first after it only bracket the
 * counters and histograms (see {@link WindowStatistics}); a series without a sample in or bracketing the window is
 * left out. {@link #endpointInfo()} covers every scrape given.
 */
public final class ServerMetricsWindow {

    private final long windowStartNanos;
    private final long windowEndNanos;
    private final Map<String, List<Scrape>> scrapesByEndpoint;
    private final Map<String, MetricSummary> metrics;

    private ServerMetricsWindow(long windowStartNanos, long windowEndNanos, Map<String, List<Scrape>> byEndpoint,
            Map<String, MetricSummary> metrics) {
        this.windowStartNanos = windowStartNanos;
        this.windowEndNanos = windowEndNanos;
        this.scrapesByEndpoint = byEndpoint;
        this.metrics = metrics;
    }

    /**
     * Computes the window's statistics.
     *
     * @param scrapes every scrape of every endpoint for the point, in any order, warm-up included
     */
    public static ServerMetricsWindow of(List<Scrape> scrapes, long windowStartNanos, long windowEndNanos) {
        return of(scrapes, windowStartNanos, windowEndNanos, false);
    }

    /**
     * The statistics of one time slice {@code [sliceStartNanos, sliceEndNanos]} of a window: gauges over the samples
     * in it, counters and histograms from the last sample before it to the last sample in it (see
     * {@link WindowStatistics#WindowStatistics(long, long, boolean)}).
     */
    static ServerMetricsWindow slice(List<Scrape> scrapes, long sliceStartNanos, long sliceEndNanos) {
        return of(scrapes, sliceStartNanos, sliceEndNanos, true);
    }

    private static ServerMetricsWindow of(List<Scrape> scrapes, long windowStartNanos, long windowEndNanos,
            boolean slice) {
        if (windowEndNanos < windowStartNanos) {
            throw new IllegalArgumentException("the window ends before it starts");
        }
        Map<String, List<Scrape>> byEndpoint = new LinkedHashMap<>();
        scrapes.stream().sorted(Comparator.comparingLong(Scrape::timestampNanos))
                .forEach(s -> byEndpoint.computeIfAbsent(s.endpointUrl(), url -> new ArrayList<>()).add(s));
        byEndpoint.replaceAll((url, list) -> List.copyOf(list));
        Collector collector = new Collector();
        byEndpoint.forEach((url, list) -> list.forEach(collector::add));
        return new ServerMetricsWindow(windowStartNanos, windowEndNanos, Collections.unmodifiableMap(byEndpoint),
                collector.summarise(new WindowStatistics(windowStartNanos, windowEndNanos, slice)));
    }

    public long windowStartNanos() {
        return windowStartNanos;
    }

    public long windowEndNanos() {
        return windowEndNanos;
    }

    /** The window's length in seconds. */
    public double durationSeconds() {
        return (windowEndNanos - windowStartNanos) / 1e9;
    }

    /** The endpoints that answered at least once, in the order of their first scrape. */
    public List<String> endpoints() {
        return List.copyOf(scrapesByEndpoint.keySet());
    }

    /** Every scrape of the endpoint, in time order (warm-up included); empty for an unknown endpoint. */
    public List<Scrape> scrapes(String endpointUrl) {
        return scrapesByEndpoint.getOrDefault(endpointUrl, List.of());
    }

    /** The endpoint's scrapes inside the window, in time order. */
    public List<Scrape> scrapesInWindow(String endpointUrl) {
        return scrapes(endpointUrl).stream()
                .filter(s -> s.timestampNanos() >= windowStartNanos && s.timestampNanos() <= windowEndNanos)
                .toList();
    }

    /** The metrics by name, sorted by name. */
    public Map<String, MetricSummary> metrics() {
        return metrics;
    }

    /** How each endpoint was collected, by URL. */
    public Map<String, EndpointInfo> endpointInfo() {
        Map<String, EndpointInfo> info = new LinkedHashMap<>();
        scrapesByEndpoint.forEach((url, list) -> info.put(url, EndpointInfo.of(list)));
        return info;
    }

    /** Gathers every series' samples across scrapes, keyed by metric name, endpoint and labels. */
    private static final class Collector {
        private final Map<String, MetricFamily> meta = new TreeMap<>();
        private final Map<String, Map<List<Object>, List<Point>>> scalars = new LinkedHashMap<>();
        private final Map<String, Map<List<Object>, List<HistogramPoint>>> histograms = new LinkedHashMap<>();

        void add(Scrape scrape) {
            for (MetricFamily family : scrape.metrics().families().values()) {
                MetricFamily known = meta.get(family.name());
                if (known != null && known.type() != family.type()) {
                    continue; // the same name with another type elsewhere: the first type wins
                }
                if (known == null || (known.help() == null && family.help() != null)) {
                    meta.put(family.name(), family);
                }
                for (Sample sample : family.samples()) {
                    series(scalars, family.name(), scrape.endpointUrl(), sample.labels())
                            .add(new Point(scrape.timestampNanos(), sample.value()));
                }
                for (HistogramSample histogram : family.histograms()) {
                    series(histograms, family.name(), scrape.endpointUrl(), histogram.labels())
                            .add(new HistogramPoint(scrape.timestampNanos(), histogram));
                }
            }
        }

        private static <T> List<T> series(Map<String, Map<List<Object>, List<T>>> all, String name, String url,
                SortedMap<String, String> labels) {
            return all.computeIfAbsent(name, n -> new LinkedHashMap<>())
                    .computeIfAbsent(List.of(url, labels), key -> new ArrayList<>());
        }

        Map<String, MetricSummary> summarise(WindowStatistics statistics) {
            Map<String, MetricSummary> summaries = new LinkedHashMap<>();
            meta.forEach((name, family) -> {
                List<SeriesSummary> series = family.type() == MetricType.HISTOGRAM
                        ? histogramSeries(statistics, histograms.getOrDefault(name, Map.of()))
                        : scalarSeries(statistics, family.type(), scalars.getOrDefault(name, Map.of()));
                if (!series.isEmpty()) {
                    summaries.put(name, new MetricSummary(name, family.type(),
                            family.help() == null ? "" : family.help(), ServerUnits.infer(name, family.unit()),
                            series));
                }
            });
            return Collections.unmodifiableMap(summaries);
        }

        @SuppressWarnings("unchecked")
        private static List<SeriesSummary> scalarSeries(WindowStatistics statistics, MetricType type,
                Map<List<Object>, List<Point>> series) {
            List<SeriesSummary> result = new ArrayList<>();
            series.forEach((key, points) -> {
                SeriesStats stats = type == MetricType.COUNTER ? statistics.counter(points) : statistics.gauge(points);
                if (stats != null) {
                    result.add(new SeriesSummary((String) key.get(0), (SortedMap<String, String>) key.get(1), stats,
                            null));
                }
            });
            return result;
        }

        private static List<SeriesSummary> histogramSeries(WindowStatistics statistics,
                Map<List<Object>, List<HistogramPoint>> series) {
            List<SeriesSummary> result = new ArrayList<>();
            series.forEach((key, points) -> {
                SeriesSummary summary = statistics.histogram((String) key.get(0), points);
                if (summary != null) {
                    result.add(summary);
                }
            });
            return result;
        }
    }
}
