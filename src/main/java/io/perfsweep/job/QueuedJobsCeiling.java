package io.perfsweep.job;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.nats.client.JetStreamApiException;
import io.perfsweep.config.PerfsweepConfig;
import io.perfsweep.events.NatsClient;
import io.perfsweep.store.JobRepository;
import io.perfsweep.store.JobState;

/**
 * The ceiling on jobs waiting to run, {@code perfsweep.limits.max-queued-jobs}: a job is queued from the moment it is
 * stored until it starts running. It is counted in PostgreSQL, so the ceiling holds across every instance.
 * <p>
 * The two ways in behave differently, and neither loses a job. The REST API answers 429 with {@code Retry-After}
 * ({@link QueueFullException}): its caller is there to retry, and counting also the jobs already waiting in the
 * JetStream stream keeps it from piling more behind them. The NATS intake never rejects a valid job for lack of room:
 * it stops pulling while the ceiling is reached, so published jobs stay in the stream (bounded by the stream's own
 * limits) and are taken, in order, as room frees.
 */
@ApplicationScoped
public class QueuedJobsCeiling {

    /** What a refused REST caller is told to wait: jobs take minutes, so sooner is pointless. */
    public static final int RETRY_AFTER_SECONDS = 30;

    @Inject
    PerfsweepConfig config;

    @Inject
    JobRepository jobs;

    @Inject
    NatsClient nats;

    /** Jobs stored and not yet running, across every instance. */
    @Transactional
    public long queuedJobs() {
        return jobs.count("state", JobState.QUEUED);
    }

    /**
     * Whether the intake may take one more job from the stream, counting the {@code inHand} messages it is still
     * handling as queued (they may become so), so parallel handling never takes the queue past its ceiling.
     */
    public boolean intakeHasRoom(int inHand) {
        return queuedJobs() + inHand < config.limits().maxQueuedJobs();
    }

    /**
     * Throws {@link QueueFullException} when the queued jobs and those waiting in the stream reach the ceiling, so a
     * REST submission is refused rather than left behind a paused intake.
     */
    public void checkRoomForOneMore() {
        int max = config.limits().maxQueuedJobs();
        long waiting = queuedJobs() + waitingInStream();
        if (waiting >= max) {
            throw new QueueFullException(waiting, max, RETRY_AFTER_SECONDS);
        }
    }

    /** Messages published on the jobs subject that the intake has not taken yet. */
    private long waitingInStream() {
        var nats = this.nats.config();
        try {
            return this.nats.connection().jetStreamManagement().getConsumerInfo(nats.stream(), nats.durable())
                    .getNumPending();
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException("cannot read the job consumer of stream " + nats.stream() + ": "
                    + e.getMessage(), e);
        }
    }
}
