package io.perfsweep.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.perfsweep.report.StoredVerdict;
import io.perfsweep.spec.JobBaseline;
import io.perfsweep.store.JobEntity;
import io.perfsweep.store.JobRepository;
import io.perfsweep.store.JobState;
import io.perfsweep.store.PointStore;
import io.perfsweep.store.StoredPoint;

/**
 * Judges a finished job against the baseline it named ({@link JobBaseline}), from what both stored, with
 * {@code compare}'s defaults (threshold 5 %, 95 % confidence): the verdict block of its {@code job.completed} event.
 * The baseline is looked up now, when the job finishes: a job id that is unknown, a name without a succeeded job, or a
 * baseline that has not succeeded (queued, running, failed) gives {@code inconclusive} with the reason, never a
 * failure of the job that was measured.
 */
@ApplicationScoped
public class JobVerdicts {

    @Inject
    JobRepository jobs;

    @Inject
    PointStore points;

    /** The verdict block of job {@code jobId} against {@code baseline}. */
    @Transactional
    public Map<String, Object> judge(String jobId, JobBaseline baseline) {
        Map<String, Object> asked = new LinkedHashMap<>(baseline.toJson());
        Optional<JobEntity> found = baseline.jobId() != null ? jobs.findByIdOptional(baseline.jobId())
                : jobs.latestSucceeded(baseline.name(), jobId);
        if (found.isEmpty()) {
            return StoredVerdict.inconclusive(asked, baseline.jobId() != null
                    ? "baseline job " + baseline.jobId() + " does not exist"
                    : "no succeeded job named " + baseline.name() + " to compare with");
        }
        JobEntity job = found.get();
        asked.put("jobId", job.id);
        if (job.state != JobState.SUCCEEDED) {
            return StoredVerdict.inconclusive(asked, "baseline job " + job.id + " is " + job.state
                    + ", not SUCCEEDED: only a finished sweep can be compared with");
        }
        List<StoredPoint> baselinePoints = points.points(job.id);
        List<StoredPoint> candidatePoints = points.points(jobId);
        return StoredVerdict.judge(asked, baselinePoints, candidatePoints, p -> points.records(p.id()));
    }
}
