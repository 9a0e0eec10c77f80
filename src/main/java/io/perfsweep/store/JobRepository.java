package io.perfsweep.store;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

/** Stores and lists jobs; every listing is newest first and uses one of the {@code job_*_idx} indexes. */
@ApplicationScoped
public class JobRepository implements PanacheRepositoryBase<JobEntity, String> {

    private static final Sort NEWEST_FIRST = Sort.descending("createdAt");

    /**
     * Stores the job unless a job with its id (the dedup key) exists, and returns the stored one. A job submitted
     * twice therefore keeps its first spec; a concurrent duplicate fails on the primary key and rolls back.
     */
    @Transactional
    public JobEntity persistIfAbsent(JobEntity job) {
        Optional<JobEntity> existing = findByIdOptional(job.id);
        if (existing.isPresent()) {
            return existing.get();
        }
        persist(job);
        return job;
    }

    /** The latest succeeded job of this name (by when it finished) other than {@code exceptId}, if any. */
    public Optional<JobEntity> latestSucceeded(String name, String exceptId) {
        return find("name = ?1 and state = ?2 and id <> ?3", Sort.descending("finishedAt"), name, JobState.SUCCEEDED,
                exceptId).firstResultOptional();
    }

    /** Jobs with this name, newest first. */
    public List<JobEntity> listByName(String name, Page page) {
        return find("name", NEWEST_FIRST, name).page(page).list();
    }

    /** Jobs in this state, newest first. */
    public List<JobEntity> listByState(JobState state, Page page) {
        return find("state", NEWEST_FIRST, state).page(page).list();
    }

    /** Jobs against this target URL, newest first. */
    public List<JobEntity> listByTarget(String targetUrl, Page page) {
        return find("targetUrl", NEWEST_FIRST, targetUrl).page(page).list();
    }
}
