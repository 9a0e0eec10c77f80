package io.perfsweep.server;

import java.util.List;
import java.util.Map;

/**
 * One look at a target's Prometheus endpoints before anything is measured: what the server says about itself, such as
 * its KV capacity ({@link ServerFacts#maxKvTokens()}), which a planner profile needs before it can plan its decode
 * points.
 *
 * @param facts the facts of the fetched exposition, or null when no endpoint answered
 * @param failures the failure of each endpoint that did not answer (its message), by endpoint
 */
public record ServerProbe(ServerFacts facts, Map<String, String> failures) {

    public ServerProbe {
        failures = Map.copyOf(failures);
    }

    /**
     * Fetches every endpoint twice (a {@link ServerScraper}'s baseline and final fetch, at most
     * {@link ServerScraper#FETCH_TIMEOUT} each) and reads the facts over both fetches.
     *
     * @param endpoints the endpoints to ask, e.g. {@link MetricsEndpoints#of}; none gives a probe without facts
     */
    public static ServerProbe of(List<String> endpoints) {
        if (endpoints.isEmpty()) {
            return new ServerProbe(null, Map.of());
        }
        ServerCapture capture = ServerScraper.start(endpoints).stop();
        if (!capture.any()) {
            return new ServerProbe(null, capture.failures());
        }
        long first = capture.scrapes().stream().mapToLong(Scrape::timestampNanos).min().orElseThrow();
        long last = capture.scrapes().stream().mapToLong(Scrape::timestampNanos).max().orElseThrow();
        return new ServerProbe(ServerFacts.of(ServerMetricsWindow.of(capture.scrapes(), first, last)),
                capture.failures());
    }

    /** The KV capacity in tokens the server tells, or null. */
    public Long maxKvTokens() {
        return facts == null ? null : facts.maxKvTokens();
    }
}
