package io.perfsweep.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one endpoint was collected, over all of its scrapes ({@code summary.endpoint_info} of the export). An update is
 * a fetch whose content differs from the fetch before it; the first fetch is one. Times ({@code *_ns}) are wall-clock
 * nanoseconds since the epoch; durations and intervals come from the monotonic clock.
 *
 * @param avgUpdateIntervalMs the update span over {@code uniqueUpdates − 1}, 0 with fewer than two updates
 * @param medianUpdateIntervalMs the median interval between updates, {@code null} with fewer than two intervals
 */
public record EndpointInfo(long totalFetches, long firstFetchNs, long lastFetchNs, double avgFetchLatencyMs,
        long uniqueUpdates, long firstUpdateNs, long lastUpdateNs, double durationSeconds, double avgUpdateIntervalMs,
        Double medianUpdateIntervalMs) {

    /** The info of one endpoint's scrapes, sorted by {@link Scrape#timestampNanos()}; there must be at least one. */
    static EndpointInfo of(List<Scrape> scrapes) {
        Scrape previous = null;
        List<Scrape> updates = new ArrayList<>();
        long latencySum = 0;
        for (Scrape scrape : scrapes) {
            latencySum += scrape.fetchLatencyNanos();
            if (!scrape.sameContentAs(previous)) {
                updates.add(scrape);
            }
            previous = scrape;
        }
        Scrape firstUpdate = updates.get(0);
        Scrape lastUpdate = updates.get(updates.size() - 1);
        double durationSeconds = (lastUpdate.timestampNanos() - firstUpdate.timestampNanos()) / 1e9;
        double avgInterval = updates.size() > 1 ? durationSeconds * 1000 / (updates.size() - 1) : 0.0;
        return new EndpointInfo(scrapes.size(), scrapes.get(0).takenAtEpochNanos(),
                scrapes.get(scrapes.size() - 1).takenAtEpochNanos(), latencySum / (double) scrapes.size() / 1e6,
                updates.size(), firstUpdate.takenAtEpochNanos(), lastUpdate.takenAtEpochNanos(), durationSeconds,
                avgInterval, medianIntervalMs(updates));
    }

    private static Double medianIntervalMs(List<Scrape> updates) {
        long[] intervals = new long[updates.size() - 1];
        for (int i = 1; i < updates.size(); i++) {
            intervals[i - 1] = updates.get(i).timestampNanos() - updates.get(i - 1).timestampNanos();
        }
        if (intervals.length < 2) {
            return null;
        }
        java.util.Arrays.sort(intervals);
        int half = intervals.length / 2;
        double median = intervals.length % 2 == 1 ? intervals[half] : (intervals[half - 1] + intervals[half]) / 2.0;
        return median / 1e6;
    }

    /** The object as the export writes it. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("total_fetches", totalFetches);
        json.put("first_fetch_ns", firstFetchNs);
        json.put("last_fetch_ns", lastFetchNs);
        json.put("avg_fetch_latency_ms", avgFetchLatencyMs);
        json.put("unique_updates", uniqueUpdates);
        json.put("first_update_ns", firstUpdateNs);
        json.put("last_update_ns", lastUpdateNs);
        json.put("duration_seconds", durationSeconds);
        json.put("avg_update_interval_ms", avgUpdateIntervalMs);
        json.put("median_update_interval_ms", medianUpdateIntervalMs);
        return json;
    }
}
