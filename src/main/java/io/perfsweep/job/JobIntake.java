package io.perfsweep.job;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.nats.client.Dispatcher;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.perfsweep.events.EventPublisher;
import io.perfsweep.events.EventType;
import io.perfsweep.events.JobFailedEvent;
import io.perfsweep.events.NatsClient;
import io.perfsweep.store.JobLeases;
import io.perfsweep.store.JobState;
import io.quarkus.logging.Log;

/**
 * Takes jobs from the shared durable JetStream consumer, handling up to {@code perfsweep.nats.intake-parallelism}
 * messages at once (a slow trace URL holds one handler, not the intake), and never lets a message stop it:
 * an invalid job is stored as REJECTED and terminated (never redelivered), a duplicate of a finished job is
 * acknowledged, a valid job runs while its message is kept alive with in-progress signals and is acknowledged only
 * when it ends, so a killed service's job is redelivered and resumed. Infrastructure trouble (database away, a trace
 * URL not answering) naks the message with {@code perfsweep.nats.retry-delay}; a trace URL still unavailable on the
 * last delivery rejects the job with the reason.
 * <p>
 * A job that stops unexpectedly is redelivered at most {@code perfsweep.nats.max-deliver} times in all: on its last
 * delivery the job is stored as FAILED with the reason and a {@code job.failed} event is sent, and the message is
 * terminated, so no job is left RUNNING once JetStream would stop delivering it. An instance that dies on a job's last
 * delivery cannot do that; its lease in PostgreSQL ({@link JobLeases}) then runs out, and the orphan pass of any
 * instance ends the job FAILED with the reason and the event.
 * <p>
 * While {@code perfsweep.limits.max-queued-jobs} jobs wait to run ({@link QueuedJobsCeiling}), the intake takes no
 * more: further jobs stay in the JetStream stream, bounded by the stream's own limits, and are taken in order as room
 * frees. A valid job is never rejected for lack of room, and a job left in the stream costs no memory here and never
 * reaches its ack-wait.
 */
@ApplicationScoped
public class JobIntake {

    @Inject
    ShareWorker shareWorker;

    @Inject
    NatsClient nats;

    @Inject
    JobSubmissions submissions;

    @Inject
    JobRunner runner;

    @Inject
    QueuedJobsCeiling ceiling;

    @Inject
    JobStates states;

    @Inject
    EventPublisher events;

    @Inject
    JobLeases leases;

    /** The messages of the jobs this instance holds, with their job ids. */
    private final Map<Message, String> held = new ConcurrentHashMap<>();
    /**
     * Messages being read and checked (a trace URL fetched), kept alive like held ones: a fetch that takes longer
     * than the ack-wait would otherwise have JetStream deliver the same job again while the first delivery reads it.
     */
    private final Set<Message> taking = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private boolean paused;
    private Thread consumer;
    private ScheduledExecutorService keepAlive;
    private int parallelism;
    private ExecutorService handlers;
    private Semaphore handlerSlots;
    private Dispatcher cancellations;

    /** Starts consuming; called once at service start-up. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        var config = nats.config();
        long periodMillis = Math.max(200, config.ackWait().toMillis() / 3);
        keepAlive = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "perfsweep-job-keepalive"));
        keepAlive.scheduleAtFixedRate(this::keepHeldJobsAlive, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        keepAlive.scheduleWithFixedDelay(this::failOrphans, 0, Math.max(1000, config.ackWait().toMillis()),
                TimeUnit.MILLISECONDS);
        parallelism = Math.max(1, config.intakeParallelism());
        handlerSlots = new Semaphore(parallelism);
        var handlerThreads = new AtomicInteger();
        handlers = Executors.newFixedThreadPool(parallelism,
                r -> new Thread(r, "perfsweep-job-intake-" + handlerThreads.incrementAndGet()));
        consumer = new Thread(this::consume, "perfsweep-job-intake");
        consumer.start();
    }

    /** Stops taking new jobs; held messages are left unacknowledged, so JetStream redelivers them. */
    public synchronized void stop() {
        running = false;
        if (consumer != null) {
            consumer.interrupt();
        }
        if (keepAlive != null) {
            keepAlive.shutdownNow();
        }
        if (handlers != null) {
            handlers.shutdownNow();
        }
    }

    private void consume() {
        var config = nats.config();
        JetStreamSubscription subscription = null;
        while (running) {
            try {
                if (subscription == null) {
                    subscribeToCancellations();
                    subscription = nats.jetStream().subscribe(config.jobsSubject(),
                            PullSubscribeOptions.bind(config.stream(), config.durable()));
                    Log.infof("Taking jobs from %s (consumer %s)", config.jobsSubject(), config.durable());
                }
                if (!roomForAnotherJob()) {
                    sleep(Duration.ofSeconds(1));
                    continue;
                }
                handlerSlots.acquire();
                List<Message> messages;
                try {
                    messages = subscription.fetch(1, Duration.ofSeconds(1));
                } catch (RuntimeException e) {
                    handlerSlots.release();
                    throw e;
                }
                if (messages.isEmpty()) {
                    handlerSlots.release();
                }
                for (Message message : messages) {
                    handlers.execute(() -> {
                        try {
                            handle(message);
                        } finally {
                            handlerSlots.release();
                        }
                    });
                }
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                Log.errorf("Job intake cannot take jobs (%s); retrying in 1 s", e.getMessage());
                subscription = null;
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    /** Whether the queue has room; logs when the intake pauses and when it resumes. */
    private boolean roomForAnotherJob() {
        boolean room = ceiling.intakeHasRoom(parallelism - handlerSlots.availablePermits());
        if (room == paused) {
            paused = !room;
            if (paused) {
                Log.infof("Job intake paused: %d jobs wait to run (perfsweep.limits.max-queued-jobs); new jobs wait in"
                        + " the stream", ceiling.queuedJobs());
            } else {
                Log.info("Job intake resumed: the queue has room");
            }
        }
        return room;
    }

    /** Cancel requests arrive on a plain subject every instance hears; the one running the job stops it. */
    private void subscribeToCancellations() {
        if (cancellations == null) {
            cancellations = nats.connection().createDispatcher(
                    message -> {
                        String jobId = new String(message.getData(), StandardCharsets.UTF_8).trim();
                        runner.cancel(jobId);
                        shareWorker.cancel(jobId);
                    });
            cancellations.subscribe(nats.config().cancelSubject());
        }
    }

    /** Handles one job message; whatever it contains, the intake goes on. */
    void handle(Message message) {
        String natsMsgId = message.getHeaders() == null ? null : message.getHeaders().getFirst("Nats-Msg-Id");
        Submission submission;
        taking.add(message);
        try {
            submission = submissions.accept(message.getData(), natsMsgId);
        } catch (TraceUnavailableException e) {
            if (lastDelivery(message)) {
                submissions.reject(message.getData(), natsMsgId, e.getMessage() + ", on each of "
                        + message.metaData().deliveredCount() + " deliveries (perfsweep.nats.max-deliver)");
                message.term();
            } else {
                Log.warnf("Job message not taken now (%s); redelivering in %s", e.getMessage(), retryDelay());
                message.nakWithDelay(retryDelay());
            }
            return;
        } catch (RuntimeException e) {
            if (lastDelivery(message)) {
                rejectForGood(message, natsMsgId, e);
            } else {
                Log.errorf(e, "Job message could not be handled now; redelivering in %s", retryDelay());
                message.nakWithDelay(retryDelay());
            }
            return;
        } finally {
            taking.remove(message);
        }
        switch (submission.outcome()) {
            case REJECTED -> message.term();
            case ALREADY_FINISHED -> message.ack();
            case RUN -> {
                try {
                    leases.hold(submission.jobId(), (int) message.metaData().deliveredCount(), lease());
                } catch (RuntimeException e) {
                    Log.errorf(e, "Job %s could not be held now; redelivering in %s", submission.jobId(), retryDelay());
                    message.nakWithDelay(retryDelay());
                    return;
                }
                held.put(message, submission.jobId());
                message.inProgress();
                runner.submit(submission.job()).whenComplete((state, failure) -> {
                    held.remove(message);
                    if (failure == null) {
                        message.ack();
                    } else if (lastDelivery(message)) {
                        failForGood(submission.jobId(), failure, message);
                    } else {
                        Log.errorf(failure, "Job %s stopped unexpectedly; redelivering", submission.jobId());
                        message.nakWithDelay(retryDelay());
                    }
                });
            }
        }
    }

    private Duration retryDelay() {
        return nats.config().retryDelay();
    }

    /** Signals JetStream and PostgreSQL that the jobs held here are alive. */
    private void keepHeldJobsAlive() {
        taking.forEach(Message::inProgress);
        held.keySet().forEach(Message::inProgress);
        try {
            leases.renew(List.copyOf(held.values()), lease());
        } catch (RuntimeException e) { // the next period tries again; a lease is several periods long
            Log.warnf("Job leases not renewed: %s", e.getMessage());
        }
    }

    /**
     * How long a held job stays alive in PostgreSQL without a renewal: three ack waits, so several missed renewals
     * (a database restart) never end a job that still runs, while a job whose instance died on its last delivery ends
     * a few ack waits later.
     */
    private Duration lease() {
        return nats.config().ackWait().multipliedBy(3);
    }

    /**
     * Ends the jobs that nothing will run again: held on their last delivery by an instance that died (SIGKILL, a
     * lost node), so JetStream does not redeliver them and no {@code whenComplete} above ever ran. Every instance
     * looks, at start-up and every ack wait; each job ends once, with a {@code job.failed} event.
     */
    private void failOrphans() {
        try {
            int maxDeliver = nats.config().maxDeliver();
            if (maxDeliver <= 0) {
                return; // unlimited deliveries: JetStream always delivers a dead instance's job again
            }
            for (JobLeases.Orphan orphan : leases.failOrphans(maxDeliver)) {
                Log.errorf("Job %s FAILED: %s", orphan.id(), orphan.reason());
                events.publish(EventType.JOB_FAILED, orphan.id(), new JobFailedEvent(orphan.id(), orphan.name(),
                        JobState.FAILED.name(), orphan.reason(), orphan.pointsDone(), orphan.pointsTotal()));
            }
        } catch (RuntimeException e) { // the database or NATS is away: the next pass tries again
            Log.warnf("Orphaned jobs not checked: %s", e.getMessage());
        }
    }

    /** Whether JetStream will not deliver this message again ({@code perfsweep.nats.max-deliver} reached). */
    private boolean lastDelivery(Message message) {
        int maxDeliver = nats.config().maxDeliver();
        return maxDeliver > 0 && message.metaData().deliveredCount() >= maxDeliver;
    }

    /**
     * A message that failed unexpectedly on every delivery (not a trouble that passes, then): rejected with the cause,
     * stored and published, instead of JetStream dropping it unseen after its last delivery.
     */
    private void rejectForGood(Message message, String natsMsgId, RuntimeException failure) {
        String reason = "the job message could not be handled on any of " + message.metaData().deliveredCount()
                + " deliveries (perfsweep.nats.max-deliver); last: " + failure;
        try {
            submissions.reject(message.getData(), natsMsgId, reason);
            Log.errorf(failure, "Job message rejected: %s", reason);
        } catch (RuntimeException e) {
            Log.errorf(e, "Job message lost after its last delivery (%s): it could not be stored as rejected either",
                    reason);
        }
        message.term();
    }

    /** Ends a job that stopped unexpectedly on its last delivery: FAILED with the cause, a job.failed, no redelivery. */
    private void failForGood(String jobId, Throwable failure, Message message) {
        String reason = "stopped unexpectedly on each of " + message.metaData().deliveredCount()
                + " deliveries (perfsweep.nats.max-deliver); last: " + failure;
        try {
            var entity = states.finish(jobId, JobState.FAILED, reason);
            events.publish(EventType.JOB_FAILED, jobId, new JobFailedEvent(jobId, entity.name,
                    JobState.FAILED.name(), reason, entity.pointsDone, entity.pointsTotal));
            Log.errorf(failure, "Job %s FAILED: %s", jobId, reason);
            message.term();
        } catch (RuntimeException e) {
            Log.errorf(e, "Job %s could not be stored as FAILED; redelivering", jobId);
            message.nakWithDelay(retryDelay());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
