package io.perfsweep.job;

import io.perfsweep.load.ArrivalSchedule;
import io.perfsweep.load.LoadPoint;
import io.perfsweep.load.PointShares;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One share of a point on the work queue {@code perfsweep.work} (docs/scale-out.md): what an instance runs and when.
 *
 * @param jobId the job (its spec is read from PostgreSQL)
 * @param pointIndex the point's position in the sweep
 * @param attempt the coordinator's id of this try of the point
 * @param shareIndex this share, from 0
 * @param shares how many shares the point has
 * @param coordinator the name of the instance that holds the job
 * @param reportSubject where the worker reports ready, alive, done or failed (the coordinator listens there)
 * @param readyByEpochMillis when the share must be ready (warm, waiting for the start), on the coordinator's wall
 *        clock; a share taken later is dropped, its attempt is void
 * @param startOffsetNanos how long after the agreed start this share begins (evenly spaced rate shares)
 * @param concurrency streams of a closed-loop share, or the cap of a rate share
 * @param requestCount measured requests
 * @param warmupRequestCount warm-up requests, sent before the agreed start
 * @param ratePerSecond requests/s of a rate share, or null for a closed loop
 * @param arrival {@code CONSTANT} or {@code POISSON} for a rate share, else null
 * @param capped whether a rate share's concurrency caps it
 * @param scheduleSeed the Poisson seed of a rate share
 * @param promptSeed the seed of the share's synthetic prompts
 */
@RegisterForReflection
public record ShareMessage(String jobId, int pointIndex, String attempt, int shareIndex, int shares, String coordinator,
        String reportSubject, long readyByEpochMillis, long startOffsetNanos, int concurrency, int requestCount,
        int warmupRequestCount, Double ratePerSecond, String arrival, boolean capped, long scheduleSeed,
        long promptSeed) {

    /** The message for {@code share}. */
    static ShareMessage of(String jobId, int pointIndex, String attempt, PointShares.Share share, int shares,
            String coordinator, String reportSubject, long readyByEpochMillis, long promptSeed) {
        LoadPoint point = share.point();
        LoadPoint.OpenLoop loop = point.openLoop();
        return new ShareMessage(jobId, pointIndex, attempt, share.index(), shares, coordinator, reportSubject,
                readyByEpochMillis, share.startOffsetNanos(), point.concurrency(), point.requestCount(),
                point.warmupRequestCount(), loop == null ? null : loop.ratePerSecond(),
                loop == null ? null : loop.arrival().name(), loop != null && loop.capped(),
                loop == null ? 0 : loop.seed(), promptSeed);
    }

    /** The load point this share runs. */
    LoadPoint point() {
        if (ratePerSecond == null) {
            return new LoadPoint(concurrency, requestCount, warmupRequestCount);
        }
        return LoadPoint.rate(ratePerSecond, requestCount, warmupRequestCount, ArrivalSchedule.Arrival.valueOf(arrival),
                capped ? concurrency : null, scheduleSeed);
    }

    /**
     * The start every share of an attempt agreed on, broadcast by the coordinator on {@code <work-subject>.start} once
     * every share is ready.
     *
     * @param attempt the attempt
     * @param startAtEpochMillis the start of the measured window on the coordinator's wall clock
     */
    @RegisterForReflection
    public record Start(String attempt, long startAtEpochMillis) {
    }

    /** Its key in PostgreSQL. */
    io.perfsweep.store.ShareKey key() {
        return new io.perfsweep.store.ShareKey(jobId, pointIndex, attempt, shareIndex);
    }
}
