package io.perfsweep.job;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.perfsweep.store.JobEntity;
import io.perfsweep.store.JobRepository;
import io.perfsweep.store.JobState;

/** A job's life in PostgreSQL, one short transaction per step, so a crash never leaves a step half done. */
@ApplicationScoped
public class JobStates {

    @Inject
    JobRepository jobs;

    @Transactional
    public Optional<JobEntity> find(String id) {
        return jobs.findByIdOptional(id);
    }

    /** Stores a new job as QUEUED; an existing job with the same id wins (deduplication) and is returned. */
    @Transactional
    public JobEntity queue(JobEntity job) {
        return jobs.persistIfAbsent(job);
    }

    /** Stores a rejected job with its reason, unless a job with that id exists already. */
    @Transactional
    public JobEntity reject(String id, String name, String specJson, String reason) {
        JobEntity job = JobEntity.queued(id, name, specJson, null, null, 0);
        job.moveTo(JobState.REJECTED, reason, Instant.now());
        return jobs.persistIfAbsent(job);
    }

    /**
     * Moves a queued or interrupted job to RUNNING and counts the attempt.
     *
     * @return false when the job is already finished (a redelivered message of a completed job)
     */
    @Transactional
    public boolean start(String id) {
        JobEntity job = jobs.findById(id);
        if (job == null || job.state.terminal()) {
            return false;
        }
        Instant firstStart = job.startedAt;
        job.moveTo(JobState.RUNNING, null, Instant.now());
        if (firstStart != null) {
            job.startedAt = firstStart;
        }
        job.attempt++;
        return true;
    }

    /**
     * Cancels a job that has not started; empty when it runs, has ended or is unknown. A concurrent {@link #start}
     * makes one of the two fail on the row's version.
     */
    @Transactional
    public Optional<JobEntity> cancelQueued(String id, String reason) {
        JobEntity job = jobs.findById(id);
        if (job == null || job.state != JobState.QUEUED) {
            return Optional.empty();
        }
        job.moveTo(JobState.CANCELLED, reason, Instant.now());
        return Optional.of(job);
    }

    /** Sets how many points the job runs, once its plan is complete (a planner profile's, when it starts). */
    @Transactional
    public void plan(String id, int pointsTotal) {
        jobs.findById(id).pointsTotal = pointsTotal;
    }

    /** Moves a job to a terminal state with its reason (null when it succeeded). */
    @Transactional
    public JobEntity finish(String id, JobState state, String reason) {
        return finish(id, state, reason, null);
    }

    /** {@link #finish(String, JobState, String)}, keeping the comparison with the job's baseline beside it. */
    @Transactional
    public JobEntity finish(String id, JobState state, String reason, Map<String, Object> verdict) {
        return finish(id, state, reason, verdict, null);
    }

    /** {@link #finish(String, JobState, String, Map)}, keeping also what a search job found. */
    @Transactional
    public JobEntity finish(String id, JobState state, String reason, Map<String, Object> verdict,
            Map<String, Object> search) {
        JobEntity job = jobs.findById(id);
        job.moveTo(state, reason, Instant.now());
        if (verdict != null) {
            job.verdict = verdict;
        }
        if (search != null) {
            job.search = search;
        }
        return job;
    }
}
