package io.perfsweep.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.perfsweep.metrics.PointSummary;

/**
 * A sweep point as loaded back: its identity, load level and summary (histograms load separately, they are big);
 * {@code prefixRatio} is null except for the points of a prefix-ratio job; {@code serverMetrics} (the target's own
 * metrics as JSON) is null when none were scraped; {@code trials} is empty for a point run once, else each trial in
 * order, and {@code summary} then holds the means over them; {@code failure} says why a trial failed after those
 * (null when none did); {@code workers} lists the instances that drove a shared point (docs/scale-out.md), empty for
 * a point one instance ran.
 */
public record StoredPoint(long id, String jobId, int pointIndex, String label, Integer concurrency,
        Double requestRatePerSecond, Integer gpus, PointSummary summary, Instant startedAt, Instant finishedAt,
        Double prefixRatio, Map<String, Object> serverMetrics, List<StoredTrial> trials, String failure,
        List<Map<String, Object>> workers) {

    public StoredPoint {
        trials = trials == null ? List.of() : List.copyOf(trials);
        workers = workers == null ? List.of() : List.copyOf(workers);
    }

    /** A point one instance ran. */
    public StoredPoint(long id, String jobId, int pointIndex, String label, Integer concurrency,
            Double requestRatePerSecond, Integer gpus, PointSummary summary, Instant startedAt, Instant finishedAt,
            Double prefixRatio, Map<String, Object> serverMetrics, List<StoredTrial> trials, String failure) {
        this(id, jobId, pointIndex, label, concurrency, requestRatePerSecond, gpus, summary, startedAt, finishedAt,
                prefixRatio, serverMetrics, trials, failure, List.of());
    }

    /** A point run once. */
    public StoredPoint(long id, String jobId, int pointIndex, String label, Integer concurrency,
            Double requestRatePerSecond, Integer gpus, PointSummary summary, Instant startedAt, Instant finishedAt,
            Double prefixRatio, Map<String, Object> serverMetrics) {
        this(id, jobId, pointIndex, label, concurrency, requestRatePerSecond, gpus, summary, startedAt, finishedAt,
                prefixRatio, serverMetrics, List.of(), null);
    }

    /** A point that did not fail. */
    public StoredPoint(long id, String jobId, int pointIndex, String label, Integer concurrency,
            Double requestRatePerSecond, Integer gpus, PointSummary summary, Instant startedAt, Instant finishedAt,
            Double prefixRatio, Map<String, Object> serverMetrics, List<StoredTrial> trials) {
        this(id, jobId, pointIndex, label, concurrency, requestRatePerSecond, gpus, summary, startedAt, finishedAt,
                prefixRatio, serverMetrics, trials, null);
    }

    static StoredPoint of(SweepPointEntity point, List<StoredTrial> trials) {
        return new StoredPoint(point.id, point.jobId, point.pointIndex, point.label, point.concurrency,
                point.requestRatePerSecond, point.gpus, PointSummaryJson.fromJson(point.summary), point.startedAt,
                point.finishedAt, point.prefixRatio, point.serverMetrics, trials, point.failure, point.workers);
    }
}
