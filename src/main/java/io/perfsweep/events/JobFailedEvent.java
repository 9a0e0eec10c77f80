package io.perfsweep.events;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Data of {@code perfsweep.events.job.failed} (schema {@code perfsweep/job-failed/v1}): a job was rejected before
 * running, failed, or was cancelled.
 *
 * @param jobId the job's id (for a message that was not even JSON: derived from its {@code Nats-Msg-Id} or content)
 * @param jobName the job's name, or null when the message did not carry a usable one
 * @param state {@code REJECTED}, {@code FAILED} or {@code CANCELLED}
 * @param reason why, naming the field and the rule for a rejected job
 * @param pointsDone points finished and kept
 * @param pointsTotal points the job asked for, 0 when unknown
 */
@RegisterForReflection
public record JobFailedEvent(String jobId, String jobName, String state, String reason, int pointsDone,
        int pointsTotal) {
}
