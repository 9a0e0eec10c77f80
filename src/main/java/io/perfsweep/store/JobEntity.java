package io.perfsweep.store;

import java.time.Instant;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One benchmark job (table {@code job}). The id is the dedup key; {@link #version} guards concurrent updates with
 * optimistic locking, so two runners can never both move a job on.
 */
@Entity
@Table(name = "job")
public class JobEntity extends PanacheEntityBase {

    @Id
    @Column(name = "id")
    public String id;

    @Column(name = "name", nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false)
    public JobState state;

    /** Why the job failed, was rejected or cancelled; null otherwise. */
    @Column(name = "reason")
    public String reason;

    /** The job spec as received, as JSON text; stored as {@code jsonb} so it can be queried. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "spec", nullable = false, columnDefinition = "jsonb")
    public String specJson;

    @Column(name = "target_url")
    public String targetUrl;

    @Column(name = "model")
    public String model;

    /** How many times a runner has started this job (restarts after a crash count). */
    @Column(name = "attempt", nullable = false)
    public int attempt;

    @Column(name = "points_total", nullable = false)
    public int pointsTotal;

    @Column(name = "points_done", nullable = false)
    public int pointsDone;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /**
     * The comparison with the job's baseline when it names one ({@code job.completed}'s {@code verdict} block), else
     * null.
     */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "verdict", columnDefinition = "jsonb")
    public Map<String, Object> verdict;

    /** What a search job found ({@code job.completed}'s {@code search} block), else null. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "search", columnDefinition = "jsonb")
    public Map<String, Object> search;

    @Version
    @Column(name = "version", nullable = false)
    public long version;

    /** A new job in state {@link JobState#QUEUED}, created now. */
    public static JobEntity queued(String id, String name, String specJson, String targetUrl, String model,
            int pointsTotal) {
        JobEntity job = new JobEntity();
        job.id = id;
        job.name = name;
        job.state = JobState.QUEUED;
        job.specJson = specJson;
        job.targetUrl = targetUrl;
        job.model = model;
        job.pointsTotal = pointsTotal;
        job.createdAt = Instant.now();
        return job;
    }

    /**
     * Sets the state and the matching timestamp: {@code startedAt} on {@link JobState#RUNNING}, {@code finishedAt}
     * on a terminal state. Which transitions are allowed is the job runner's business, not the store's.
     */
    public void moveTo(JobState next, String why, Instant now) {
        state = next;
        reason = why;
        if (next == JobState.RUNNING) {
            startedAt = now;
        } else if (next.terminal()) {
            finishedAt = now;
        }
    }
}
