package io.perfsweep.server;

import java.time.Instant;

/**
 * One answered fetch of a Prometheus endpoint, as received.
 *
 * @param endpointUrl the URL fetched
 * @param sentNanos {@link System#nanoTime()} when the request left (the clock the measured window uses)
 * @param receivedNanos {@link System#nanoTime()} when the whole body had arrived; the sample's time
 * @param receivedAt wall-clock time of {@code receivedNanos}
 * @param body the exposition text
 */
public record RawScrape(String endpointUrl, long sentNanos, long receivedNanos, Instant receivedAt, String body) {

    /** The HTTP round trip in nanoseconds (AIPerf's {@code endpoint_latency_ns}). */
    public long latencyNanos() {
        return receivedNanos - sentNanos;
    }
}
