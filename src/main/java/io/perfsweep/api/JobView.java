package io.perfsweep.api;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsweep.store.JobEntity;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A job as the API shows it: its state, progress, the spec it runs and, for a job that named a baseline, its verdict
 * against it (null otherwise, and until the job finished); for a search job, what it found (its {@code job.completed}
 * event's {@code search} block; null otherwise, and until it finished).
 */
@RegisterForReflection
public record JobView(String id, String name, String state, String reason, String targetUrl, String model,
        int attempt, int pointsDone, int pointsTotal, Instant createdAt, Instant startedAt, Instant finishedAt,
        JsonNode spec, Map<String, Object> verdict, Map<String, Object> search) {

    static JobView of(JobEntity job, ObjectMapper mapper) {
        JsonNode spec;
        try {
            spec = mapper.readTree(job.specJson);
        } catch (java.io.IOException e) {
            spec = mapper.getNodeFactory().textNode(job.specJson);
        }
        return new JobView(job.id, job.name, job.state.name(), job.reason, job.targetUrl, job.model, job.attempt,
                job.pointsDone, job.pointsTotal, job.createdAt, job.startedAt, job.finishedAt, spec, job.verdict,
                job.search);
    }
}
