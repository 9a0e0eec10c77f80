package io.perfsweep.store;

import java.time.Instant;
import java.util.Map;

import io.perfsweep.metrics.PointSummary;

/**
 * A sweep point as loaded back: its identity, load level and summary (histograms load separately, they are big);
 * {@code prefixRatio} is null except for the points of a prefix-ratio job; {@code serverMetrics} (the target's own
 * metrics as JSON) is null when none were scraped.
 */
public record StoredPoint(long id, String jobId, int pointIndex, String label, Integer concurrency,
        Double requestRatePerSecond, Integer gpus, PointSummary summary, Instant startedAt, Instant finishedAt,
        Double prefixRatio, Map<String, Object> serverMetrics) {

    static StoredPoint of(SweepPointEntity point) {
        return new StoredPoint(point.id, point.jobId, point.pointIndex, point.label, point.concurrency,
                point.requestRatePerSecond, point.gpus, PointSummaryJson.fromJson(point.summary), point.startedAt,
                point.finishedAt, point.prefixRatio, point.serverMetrics);
    }
}
