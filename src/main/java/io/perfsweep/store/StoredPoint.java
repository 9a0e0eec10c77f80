package io.perfsweep.store;

import java.time.Instant;

import io.perfsweep.metrics.PointSummary;

/**
 * A sweep point as loaded back: its identity, load level and summary (histograms load separately, they are big);
 * {@code prefixRatio} is null except for the points of a prefix-ratio job.
 */
public record StoredPoint(long id, String jobId, int pointIndex, String label, Integer concurrency,
        Double requestRatePerSecond, Integer gpus, PointSummary summary, Instant startedAt, Instant finishedAt,
        Double prefixRatio) {

    static StoredPoint of(SweepPointEntity point) {
        return new StoredPoint(point.id, point.jobId, point.pointIndex, point.label, point.concurrency,
                point.requestRatePerSecond, point.gpus, PointSummaryJson.fromJson(point.summary), point.startedAt,
                point.finishedAt, point.prefixRatio);
    }
}
