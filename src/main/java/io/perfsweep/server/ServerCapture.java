package io.perfsweep.server;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link ServerScraper} gathered during one point.
 *
 * @param endpointsConfigured every endpoint asked for, in order
 * @param endpointsAnswering those that answered at least once with HTTP 200
 * @param scrapes every answered fetch, parsed, in arrival order: a baseline before warm-up, about 3 a second while the point
 *        ran, a final one at its end
 * @param failures the first failure of each endpoint that never answered (its message), by endpoint
 * @param windowStartNanos {@link System#nanoTime()} when the measured phase began (warm-up excluded); 0 when unknown
 * @param windowEndNanos {@link System#nanoTime()} when the measured phase ended
 */
public record ServerCapture(List<String> endpointsConfigured, List<String> endpointsAnswering,
        List<Scrape> scrapes, Map<String, String> failures, long windowStartNanos, long windowEndNanos) {

    /** Nothing scraped: server metrics were off for the point. */
    public static final ServerCapture NONE = new ServerCapture(List.of(), List.of(), List.of(), Map.of(), 0, 0);

    public ServerCapture {
        endpointsConfigured = List.copyOf(endpointsConfigured);
        endpointsAnswering = List.copyOf(endpointsAnswering);
        scrapes = List.copyOf(scrapes);
        failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
    }

    /** Whether any endpoint answered. */
    public boolean any() {
        return !scrapes.isEmpty();
    }

    /** AIPerf's statistics over the measured window (warm-up and the baseline are the counters' reference only). */
    public ServerMetricsWindow window() {
        return ServerMetricsWindow.of(scrapes, windowStartNanos, windowEndNanos);
    }
}
