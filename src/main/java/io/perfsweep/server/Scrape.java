package io.perfsweep.server;

import java.time.Instant;
import java.util.Objects;

/**
 * One parsed scrape of one metrics endpoint.
 *
 * @param endpointUrl the URL scraped, e.g. {@code http://gpu-a:8000/metrics}
 * @param timestampNanos when the response arrived, on {@link System#nanoTime()}'s scale (the clock windows use)
 * @param takenAt the same moment on the wall clock, for the export's {@code *_ns} and ISO-8601 fields
 * @param fetchLatencyNanos the HTTP round trip of the scrape
 * @param metrics the parsed exposition
 */
public record Scrape(String endpointUrl, long timestampNanos, Instant takenAt, long fetchLatencyNanos,
        ParsedMetrics metrics) {

    public Scrape {
        Objects.requireNonNull(endpointUrl, "endpointUrl");
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Parses {@code text}, in the format its {@code Content-Type} names or else the one it looks like.
     *
     * @param contentType the response's {@code Content-Type}, or {@code null}
     * @throws ExpositionFormatException when the text is malformed
     */
    public static Scrape parse(String endpointUrl, long timestampNanos, Instant takenAt, long fetchLatencyNanos,
            String contentType, String text) {
        return new Scrape(endpointUrl, timestampNanos, takenAt, fetchLatencyNanos,
                ExpositionParser.parse(text, ExpositionParser.Format.of(contentType, text)));
    }

    /** Whether this scrape brought the same content as {@code previous} (the server had not updated). */
    public boolean sameContentAs(Scrape previous) {
        return previous != null && metrics.equals(previous.metrics);
    }

    /** Wall-clock nanoseconds since the epoch of {@link #takenAt}. */
    public long takenAtEpochNanos() {
        return takenAt.getEpochSecond() * 1_000_000_000L + takenAt.getNano();
    }
}
