package io.perfsweep.store;

import java.util.Objects;

/**
 * One share of one attempt of a point driven by several instances: the key its records are stored and deleted by.
 *
 * @param jobId the job
 * @param pointIndex the point's position in the sweep, from 0
 * @param attempt the coordinator's id of this try of the point (a new one for a rerun)
 * @param shareIndex the share, from 0
 */
public record ShareKey(String jobId, int pointIndex, String attempt, int shareIndex) {

    public ShareKey {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(attempt, "attempt");
    }
}
