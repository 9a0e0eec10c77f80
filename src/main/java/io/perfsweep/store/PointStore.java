package io.perfsweep.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.perfsweep.metrics.LatencyHistograms;
import io.perfsweep.metrics.RequestRecord;

/**
 * Stores a measured point with its raw records in one transaction, and loads points back.
 * <p>
 * <b>Idempotent by {@code (job, point index)}.</b> Storing a point that is already there writes nothing and returns
 * the stored id ({@code created = false}), so a resumed or redelivered job can store its points again safely. Two
 * concurrent stores of the same point cannot both pass the check: the second fails on the
 * {@code sweep_point_job_index_key} unique constraint and its transaction rolls back, records included. A point is
 * therefore never stored twice and never stored without its records.
 * <p>
 * Every method joins the caller's transaction or starts one, so a caller can also update its job row atomically with
 * the point. Blocking: call from a worker thread (any thread but a Vert.x event loop); no request context needed.
 */
@ApplicationScoped
public class PointStore {

    @Inject
    SweepPointRepository points;

    @Inject
    RequestRecordWriter recordWriter;

    /**
     * Stores the point row, then its records with COPY, and sets the job's {@code points_done} to its stored points,
     * atomically; does nothing when the point exists. The count moves with the point so that an instance killed
     * right after a point (and the orphan sweep that ends its job) never reports fewer points than were kept.
     */
    @Transactional
    public StoreResult store(PointToStore point, List<RequestRecord> records) {
        return store(point, records, List.of());
    }

    /**
     * {@link #store(PointToStore, List)} for a point run several times: {@code records} are every trial's in trial
     * order, {@code point}'s summary the means over them, and each trial's own summary and range of records is kept
     * beside the point in the same transaction.
     */
    @Transactional
    public StoreResult store(PointToStore point, List<RequestRecord> records, List<StoredTrial> trials) {
        Optional<SweepPointEntity> existing = points.findByJobAndIndex(point.jobId(), point.pointIndex());
        if (existing.isPresent()) {
            return new StoreResult(existing.get().id, false, 0);
        }
        SweepPointEntity entity = new SweepPointEntity();
        entity.jobId = point.jobId();
        entity.pointIndex = point.pointIndex();
        entity.label = point.label();
        entity.concurrency = point.concurrency();
        entity.requestRatePerSecond = point.requestRatePerSecond();
        entity.prefixRatio = point.prefixRatio();
        entity.startedAt = point.startedAt();
        entity.finishedAt = point.finishedAt();
        entity.serverMetrics = point.serverMetrics();
        PointColumns.apply(entity, point.summary(), point.gpus());
        entity.histograms = point.histograms() == null ? null : PointHistogramsCodec.encode(point.histograms());
        points.persistAndFlush(entity);
        long written = recordWriter.write(entity.id, records);
        for (StoredTrial trial : trials) {
            SweepPointTrialEntity row = new SweepPointTrialEntity();
            row.pointId = entity.id;
            row.trial = trial.trial();
            row.summary = PointSummaryJson.toJson(trial.summary());
            row.firstSeq = trial.firstSeq();
            row.recordCount = trial.recordCount();
            row.startedAt = trial.startedAt();
            row.finishedAt = trial.finishedAt();
            row.persist();
        }
        points.getEntityManager().createNativeQuery("update job set version = version + 1, points_done = (select count(*)"
                + " from sweep_point where job_id = ?1) where id = ?1").setParameter(1, point.jobId()).executeUpdate();
        return new StoreResult(entity.id, true, written);
    }

    /** Marks a stored point failed: a trial failed after the point's earlier trials, which are kept. */
    @Transactional
    public void markFailed(long pointId, String failure) {
        points.findById(pointId).failure = failure;
    }

    /** A job's stored points in sweep order, with their summaries and trials. */
    @Transactional
    public List<StoredPoint> points(String jobId) {
        List<SweepPointEntity> rows = points.listByJob(jobId);
        Map<Long, List<StoredTrial>> trials = new HashMap<>();
        if (!rows.isEmpty()) {
            SweepPointTrialEntity.<SweepPointTrialEntity> list("pointId in ?1 order by pointId, trial",
                    rows.stream().map(p -> p.id).toList())
                    .forEach(t -> trials.computeIfAbsent(t.pointId, id -> new ArrayList<>()).add(StoredTrial.of(t)));
        }
        return rows.stream().map(p -> StoredPoint.of(p, trials.getOrDefault(p.id, List.of()))).toList();
    }

    /** A point's histograms, decoded so they can be merged and queried; empty when the point kept none. */
    @Transactional
    public Optional<LatencyHistograms> histograms(long pointId) {
        return points.findByIdOptional(pointId).map(p -> p.histograms).map(PointHistogramsCodec::decode);
    }

    /** The histograms of every point of a job added together (e.g. the whole sweep's TTFT distribution). */
    @Transactional
    public LatencyHistograms mergedHistograms(String jobId) {
        LatencyHistograms merged = new LatencyHistograms();
        for (SweepPointEntity point : points.listByJob(jobId)) {
            if (point.histograms != null) {
                merged.add(PointHistogramsCodec.decode(point.histograms));
            }
        }
        return merged;
    }

    /** A point's raw records in the order they were stored. */
    @Transactional
    public List<RequestRecord> records(long pointId) {
        return points.getSession().doReturningWork(c -> RequestRecordReader.read(c, pointId));
    }
}
