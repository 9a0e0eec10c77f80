package io.perfsweep.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.perfsweep.metrics.TimeSlices;

/**
 * The server's metrics per time slice of a point's measured window, on the slices the client's metrics are cut on
 * ({@link TimeSlices}): AIPerf's per-series {@code timeslices} of {@code server_metrics_export.json} (spec §1.5) and
 * the timeline the report plots (the server's running and waiting requests and KV usage beside the client's requests
 * in flight). A scrape belongs to the slice its response arrived in.
 */
public final class ServerTimeslices {

    /** How far around a slice scrapes are looked at: the counters' reference sample lies before the slice. */
    private static final long MARGIN_NANOS = 5_000_000_000L;

    private final TimeSlices slices;
    private final List<ServerMetricsWindow> windows;
    private final List<Map<String, ServerGauges>> gauges;

    private ServerTimeslices(TimeSlices slices, List<ServerMetricsWindow> windows,
            List<Map<String, ServerGauges>> gauges) {
        this.slices = slices;
        this.windows = windows;
        this.gauges = gauges;
    }

    /**
     * Slices {@code scrapes} (every scrape of the point, any order).
     *
     * @param slices the point's slices; their monotonic mapping places the scrapes
     */
    public static ServerTimeslices of(List<Scrape> scrapes, TimeSlices slices) {
        List<Scrape> ordered = scrapes.stream()
                .sorted((a, b) -> Long.compare(a.timestampNanos(), b.timestampNanos())).toList();
        long[] times = ordered.stream().mapToLong(Scrape::timestampNanos).toArray();
        List<ServerMetricsWindow> windows = new ArrayList<>();
        List<Map<String, ServerGauges>> gauges = new ArrayList<>();
        for (TimeSlices.Slice slice : slices.slices()) {
            long start = slices.monotonicOf(slice.startEpochNanos());
            long end = slices.monotonicOf(slice.endEpochNanos()) - 1;
            List<Scrape> around = ordered.subList(firstAtOrAfter(times, start - MARGIN_NANOS),
                    firstAtOrAfter(times, end + MARGIN_NANOS + 1));
            windows.add(ServerMetricsWindow.slice(around, start, end));
            gauges.add(meanGauges(ordered.subList(firstAtOrAfter(times, start), firstAtOrAfter(times, end + 1))));
        }
        return new ServerTimeslices(slices, List.copyOf(windows), List.copyOf(gauges));
    }

    /** The index of the first of the sorted {@code times} at or after {@code nanos}; their length when none is. */
    private static int firstAtOrAfter(long[] times, long nanos) {
        int low = 0;
        int high = times.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (times[middle] < nanos) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    public TimeSlices slices() {
        return slices;
    }

    /** Each endpoint's running, waiting and KV usage averaged over its scrapes in one slice, by endpoint. */
    private static Map<String, ServerGauges> meanGauges(List<Scrape> inSlice) {
        Map<String, List<ServerGauges>> byEndpoint = new LinkedHashMap<>();
        inSlice.forEach(s -> byEndpoint.computeIfAbsent(s.endpointUrl(), url -> new ArrayList<>())
                .add(ServerGauges.of(s)));
        Map<String, ServerGauges> means = new LinkedHashMap<>();
        byEndpoint.forEach((url, list) -> means.put(url, new ServerGauges(mean(list, ServerGauges::running),
                mean(list, ServerGauges::waiting), mean(list, ServerGauges::kvCacheUsage))));
        return means;
    }

    private static Double mean(List<ServerGauges> list, Function<ServerGauges, Double> figure) {
        double[] values = list.stream().map(figure).filter(Objects::nonNull).mapToDouble(Double::doubleValue)
                .toArray();
        if (values.length == 0) {
            return null;
        }
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    /**
     * AIPerf's {@code timeslices} of one series of the whole window's export: per slice {@code start_ns},
     * {@code end_ns}, {@code is_complete: false} for a short slice only, and for a gauge {@code avg min max}, for a
     * counter {@code total rate}, for a histogram {@code count sum avg buckets}. A slice where the series has no
     * sample is left out.
     */
    List<Map<String, Object>> seriesTimeslices(String metric, SeriesSummary series) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (TimeSlices.Slice slice : slices.slices()) {
            SeriesSummary inSlice = find(windows.get(slice.index()), metric, series);
            if (inSlice == null) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("start_ns", slice.startEpochNanos());
            entry.put("end_ns", slice.endEpochNanos());
            if (!slice.complete()) {
                entry.put("is_complete", false);
            }
            if (inSlice.stats() instanceof GaugeStats g) {
                entry.put("avg", g.avg());
                entry.put("min", g.min());
                entry.put("max", g.max());
            } else if (inSlice.stats() instanceof CounterStats c) {
                entry.put("total", c.total());
                entry.put("rate", c.rate());
            } else if (inSlice.stats() instanceof HistogramStats h) {
                entry.put("count", h.count());
                if (h.count() > 0) {
                    entry.put("sum", h.sum());
                    entry.put("avg", h.avg());
                }
                entry.put("buckets", inSlice.buckets() == null ? null
                        : ServerMetricsExport.bucketsJson(inSlice.buckets()));
            }
            result.add(entry);
        }
        return result;
    }

    /**
     * AIPerf's {@code rate_avg rate_min rate_max rate_std} of a counter series over its complete slices' rates
     * (population std); empty when no complete slice has the series.
     */
    Map<String, Object> counterRates(String metric, SeriesSummary series) {
        List<Double> rates = new ArrayList<>();
        for (TimeSlices.Slice slice : slices.slices()) {
            SeriesSummary inSlice = slice.complete() ? find(windows.get(slice.index()), metric, series) : null;
            if (inSlice != null && inSlice.stats() instanceof CounterStats c) {
                rates.add(c.rate());
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        if (rates.isEmpty()) {
            return json;
        }
        double avg = rates.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double squares = rates.stream().mapToDouble(r -> (r - avg) * (r - avg)).sum();
        json.put("rate_avg", avg);
        json.put("rate_min", rates.stream().mapToDouble(Double::doubleValue).min().orElse(0));
        json.put("rate_max", rates.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        json.put("rate_std", Math.sqrt(squares / rates.size()));
        return json;
    }

    private static SeriesSummary find(ServerMetricsWindow window, String metric, SeriesSummary series) {
        MetricSummary summary = window.metrics().get(metric);
        if (summary == null) {
            return null;
        }
        return summary.series().stream().filter(s -> s.endpointUrl().equals(series.endpointUrl())
                && s.labels().equals(series.labels())).findFirst().orElse(null);
    }

    /**
     * The timeline the report plots, one row per slice: {@code timeslice_index}, {@code start_ns}, {@code end_ns},
     * {@code client_in_flight} (from {@code clientInFlight}, {@link TimeSlices#inFlight}), {@code server_running} and
     * {@code server_waiting} (each endpoint's mean over its scrapes in the slice, summed over endpoints) and
     * {@code kv_cache_usage} 0–1 (the highest endpoint's mean); a figure the server does not expose, or a slice
     * without a scrape, is {@code null}.
     */
    public List<Map<String, Object>> timeline(double[] clientInFlight) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TimeSlices.Slice slice : slices.slices()) {
            Map<String, ServerGauges> byEndpoint = gauges.get(slice.index());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("timeslice_index", slice.index());
            row.put("start_ns", slice.startEpochNanos());
            row.put("end_ns", slice.endEpochNanos());
            row.put("client_in_flight", clientInFlight[slice.index()]);
            row.put("server_running", sum(byEndpoint, ServerGauges::running));
            row.put("server_waiting", sum(byEndpoint, ServerGauges::waiting));
            row.put("kv_cache_usage", byEndpoint.values().stream().map(ServerGauges::kvCacheUsage)
                    .filter(Objects::nonNull).max(Double::compare).orElse(null));
            rows.add(row);
        }
        return rows;
    }

    private static Double sum(Map<String, ServerGauges> byEndpoint, Function<ServerGauges, Double> figure) {
        List<Double> values = byEndpoint.values().stream().map(figure).filter(Objects::nonNull).toList();
        return values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).sum();
    }
}
