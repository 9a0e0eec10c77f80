package io.perfsweep.store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Keeps the planner's files of planner-profile jobs, one row per job. Idempotent by job: storing again (a job resumed
 * after its files were stored but before it was marked done) replaces the row with the same content. Blocking: call
 * from a worker thread.
 */
@ApplicationScoped
public class PlannerProfileStore {

    /**
     * A job's profile as stored.
     *
     * @param jobId the job
     * @param prefillRawData {@code prefill_raw_data.json}
     * @param decodeRawData {@code decode_raw_data.json}
     * @param prefillNpz {@code selected_prefill_interpolation/raw_data.npz}
     * @param decodeNpz {@code selected_decode_interpolation/raw_data.npz}
     * @param maxKvTokens the KV capacity the decode points were planned with
     * @param summary the inputs, the capacity's source and the points left out, as {@code job.completed} carries them
     * @param createdAt when it was stored; null before
     */
    public record StoredPlannerProfile(String jobId, String prefillRawData, String decodeRawData, byte[] prefillNpz,
            byte[] decodeNpz, long maxKvTokens, Map<String, Object> summary, Instant createdAt) {
    }

    /** Stores the profile, replacing one stored before for the same job. */
    @Transactional
    public void store(StoredPlannerProfile profile) {
        PlannerProfileEntity entity = PlannerProfileEntity.<PlannerProfileEntity> findByIdOptional(profile.jobId())
                .orElseGet(PlannerProfileEntity::new);
        boolean created = entity.jobId == null;
        entity.jobId = profile.jobId();
        entity.prefillRawData = profile.prefillRawData();
        entity.decodeRawData = profile.decodeRawData();
        entity.prefillNpz = profile.prefillNpz();
        entity.decodeNpz = profile.decodeNpz();
        entity.maxKvTokens = profile.maxKvTokens();
        entity.summary = profile.summary();
        entity.createdAt = Instant.now();
        if (created) {
            entity.persist();
        }
    }

    /** The job's profile; empty until its last point is stored, and for jobs of other types. */
    @Transactional
    public Optional<StoredPlannerProfile> find(String jobId) {
        return PlannerProfileEntity.<PlannerProfileEntity> findByIdOptional(jobId)
                .map(e -> new StoredPlannerProfile(e.jobId, e.prefillRawData, e.decodeRawData, e.prefillNpz,
                        e.decodeNpz, e.maxKvTokens, e.summary, e.createdAt));
    }
}
