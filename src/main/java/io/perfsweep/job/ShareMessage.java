package io.perfsweep.job;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import io.perfsweep.load.ArrivalSchedule;
import io.perfsweep.load.LoadPoint;
import io.perfsweep.load.PointShares;
import io.perfsweep.spec.ContentHash;
import io.perfsweep.workload.TraceRequest;
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
 * @param speedup the speed-up of a replay share, else null
 * @param traceDigest a replay share's check of the trace: the SHA-256 of the rows the coordinator split (see
 *        {@link #traceDigest}); the worker reads the same trace, splits it the same way and takes rows
 *        {@link PointShares.Share#traceRows()} of its share, so no row travels on the work queue; null for a synthetic
 *        share
 */
@RegisterForReflection
public record ShareMessage(String jobId, int pointIndex, String attempt, int shareIndex, int shares, String coordinator,
        String reportSubject, long readyByEpochMillis, long startOffsetNanos, int concurrency, int requestCount,
        int warmupRequestCount, Double ratePerSecond, String arrival, boolean capped, long scheduleSeed,
        long promptSeed, Double speedup, String traceDigest) {

    /** The message for {@code share}; {@code traceDigest} the digest of a replay point's rows, else null. */
    static ShareMessage of(String jobId, int pointIndex, String attempt, PointShares.Share share, int shares,
            String coordinator, String reportSubject, long readyByEpochMillis, long promptSeed, String traceDigest) {
        LoadPoint point = share.point();
        LoadPoint.OpenLoop loop = point.openLoop();
        return new ShareMessage(jobId, pointIndex, attempt, share.index(), shares, coordinator, reportSubject,
                readyByEpochMillis, share.startOffsetNanos(), point.concurrency(), point.requestCount(),
                point.warmupRequestCount(), loop == null ? null : loop.ratePerSecond(),
                loop == null ? null : loop.arrival().name(), loop != null && loop.capped(),
                loop == null ? 0 : loop.seed(), promptSeed, point.isReplay() ? point.replay().speedup() : null,
                point.isReplay() ? traceDigest : null);
    }

    /**
     * The SHA-256 of a trace's rows as read (every field of every row, in file order): two instances that read the
     * same trace agree on it, and a trace that changed between two reads (a URL serving new content) does not.
     */
    static String traceDigest(List<TraceRequest> rows) {
        var text = new StringBuilder(rows.size() * 32);
        for (TraceRequest row : rows) {
            text.append(row.timestampMillis()).append(',').append(row.inputTokens()).append(',')
                    .append(row.outputTokens()).append(',').append(Arrays.toString(row.hashIds())).append(',')
                    .append(row.sessionId() == null ? "" : row.sessionId().length() + ":" + row.sessionId())
                    .append(',').append(row.delayMillis()).append('\n');
        }
        return ContentHash.sha256Hex(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The load point this share runs. */
    LoadPoint point() {
        if (speedup != null) {
            return LoadPoint.replay(speedup, requestCount);
        }
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
