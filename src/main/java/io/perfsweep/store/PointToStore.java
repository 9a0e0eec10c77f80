package io.perfsweep.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import io.perfsweep.metrics.LatencyHistograms;
import io.perfsweep.metrics.PointSummary;

/**
 * A measured sweep point, ready to store.
 *
 * @param jobId the job it belongs to (must exist)
 * @param pointIndex position in the sweep plan, from 0; with {@code jobId} the point's identity
 * @param label short name of the load level, e.g. {@code c10} or {@code r2.5}
 * @param concurrency closed-loop concurrency, or null for an open-loop point
 * @param requestRatePerSecond open-loop request rate, or null for a closed-loop point
 * @param gpus GPUs serving the target, or null when unknown; divides {@code tokens_per_sec_per_gpu}
 * @param summary the point's AIPerf summary
 * @param histograms the point's latency histograms, or null when none were kept
 * @param prefixRatio the prefix ratio of a router prefix-ratio point, or null for other points
 * @param serverMetrics the target's own metrics over the measured window as JSON, or null when none were scraped
 */
public record PointToStore(String jobId, int pointIndex, String label, Integer concurrency,
        Double requestRatePerSecond, Integer gpus, PointSummary summary, LatencyHistograms histograms,
        Instant startedAt, Instant finishedAt, Double prefixRatio, Map<String, Object> serverMetrics) {

    public PointToStore {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(summary, "summary");
    }

    /** A point that is not a prefix-ratio point. */
    public PointToStore(String jobId, int pointIndex, String label, Integer concurrency, Double requestRatePerSecond,
            Integer gpus, PointSummary summary, LatencyHistograms histograms, Instant startedAt, Instant finishedAt) {
        this(jobId, pointIndex, label, concurrency, requestRatePerSecond, gpus, summary, histograms, startedAt,
                finishedAt, null, null);
    }

    /** This point with the target's own metrics. */
    public PointToStore withServerMetrics(Map<String, Object> metrics) {
        return new PointToStore(jobId, pointIndex, label, concurrency, requestRatePerSecond, gpus, summary, histograms,
                startedAt, finishedAt, prefixRatio, metrics);
    }
}
