package io.perfsweep.store;

import java.time.Instant;
import java.util.Objects;

import io.perfsweep.metrics.PointSummary;

/**
 * One trial of a point run several times, to store or as loaded back.
 *
 * @param trial from 1, in the order the trials ran
 * @param summary the trial's own AIPerf summary
 * @param firstSeq the {@code seq} of the trial's first record among the point's records
 * @param recordCount how many records the trial has
 * @param startedAt wall-clock start of the trial's measured phase
 * @param finishedAt wall-clock end of it
 */
public record StoredTrial(int trial, PointSummary summary, int firstSeq, int recordCount, Instant startedAt,
        Instant finishedAt) {

    public StoredTrial {
        Objects.requireNonNull(summary, "summary");
        if (trial < 1 || firstSeq < 0 || recordCount < 0) {
            throw new IllegalArgumentException("trial from 1, seq and count from 0: " + trial + ", " + firstSeq + ", "
                    + recordCount);
        }
    }

    static StoredTrial of(SweepPointTrialEntity entity) {
        return new StoredTrial(entity.trial, PointSummaryJson.fromJson(entity.summary), entity.firstSeq,
                entity.recordCount, entity.startedAt, entity.finishedAt);
    }
}
