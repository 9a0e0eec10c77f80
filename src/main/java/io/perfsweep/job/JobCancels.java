package io.perfsweep.job;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.perfsweep.events.EventPublisher;
import io.perfsweep.events.EventType;
import io.perfsweep.events.JobFailedEvent;
import io.perfsweep.events.NatsClient;
import io.perfsweep.store.JobEntity;
import io.perfsweep.store.JobState;
import io.quarkus.logging.Log;

/**
 * Cancels a job wherever it is. A job that still waits ({@code QUEUED}: its message not yet taken, or taken by an
 * instance that died before it started) is cancelled in PostgreSQL at once, with its {@code job.failed} event, so the
 * instance that takes it later finds it finished and skips it; a cancel broadcast only, as before, was lost when no
 * instance held the job. A job that runs is cancelled by the broadcast on {@code perfsweep.cancel}, which every
 * instance hears and the one running it obeys between requests.
 */
@ApplicationScoped
public class JobCancels {

    static final String QUEUED_REASON = "cancelled before it started";

    @Inject
    JobStates states;

    @Inject
    EventPublisher events;

    @Inject
    NatsClient nats;

    /** Cancels the job: its state now ({@code CANCELLED} when it had not started) or empty when it is unknown. */
    public Optional<JobState> cancel(String id) {
        Optional<JobEntity> waiting;
        try {
            waiting = states.cancelQueued(id, QUEUED_REASON);
        } catch (RuntimeException startedMeanwhile) {
            // an instance moved it to RUNNING between the read and the write (the row's version changed)
            Log.debugf(startedMeanwhile, "job %s started while it was being cancelled", id);
            waiting = Optional.empty();
        }
        // Broadcast in both cases: an instance whose lane holds the job forgets it at once instead of at its turn.
        nats.connection().publish(nats.config().cancelSubject(), id.getBytes(StandardCharsets.UTF_8));
        if (waiting.isPresent()) {
            JobEntity job = waiting.get();
            events.publish(EventType.JOB_FAILED, id, new JobFailedEvent(id, job.name, JobState.CANCELLED.name(),
                    QUEUED_REASON, job.pointsDone, job.pointsTotal));
            Log.infof("Job %s CANCELLED: %s", id, QUEUED_REASON);
            return Optional.of(JobState.CANCELLED);
        }
        return states.find(id).map(job -> job.state);
    }
}
