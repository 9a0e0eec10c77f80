package io.perfsweep.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.perfsweep.events.JetStreamTopology;
import io.perfsweep.events.NatsClient;
import io.perfsweep.events.PointWorker;
import io.perfsweep.load.LoadPoint;
import io.perfsweep.load.PointShares;
import io.perfsweep.load.SweepCancelledException;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.store.PointShareRow;
import io.perfsweep.store.PointStore;
import io.perfsweep.store.PointToStore;
import io.perfsweep.store.ShareStore;
import io.perfsweep.store.StoreResult;
import io.perfsweep.workload.TraceRequest;
import io.quarkus.logging.Log;

/**
 * The coordinator's side of scale-out (docs/scale-out.md): splits a point into shares, publishes them on the work
 * queue with a deadline to be ready, answers each worker's ready with its clock, sets the start once every share is
 * ready (a moment ahead, broadcast), watches the shares (alive every second, done), and reads the records of a complete attempt
 * back for the exact merge. An attempt
 * that loses a share (never started, failed, went silent) or is cancelled is aborted on every worker and deleted by
 * its key; a point is tried twice, then fails with the reasons.
 */
@ApplicationScoped
public class PointCoordinator {

    /** How many attempts a shared point gets: a rerun after one voided attempt, then it fails. */
    static final int ATTEMPTS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How late after its deadline a ready may still arrive (the worker's request is bounded by the deadline). */
    private static final long READY_GRACE_MILLIS = 1_000;

    @Inject
    NatsClient nats;

    @Inject
    ShareStore shares;

    @Inject
    PointStore points;

    @Inject
    InstanceName instance;

    private final Map<String, SharedAttempt> attempts = new ConcurrentHashMap<>();
    private Dispatcher reports;

    /**
     * Runs point {@code index} of {@code job} on {@code job.workers()} instances and returns its merged records.
     *
     * @throws SweepCancelledException when {@code stop} turned true (every worker was told to stop, nothing is kept)
     * @throws SharedPointException when both attempts were voided
     */
    public SharedAttempt.Merged run(PreparedJob job, int index, BooleanSupplier stop) {
        LoadPoint point = job.sweep().plan().points().get(index);
        String reportSubject = listen();
        voidEarlierAttempts(job.id(), index);
        List<TraceRequest> rows = job.sweep().trace() == null ? List.of() : job.sweep().trace().requests();
        String traceDigest = point.isReplay() ? ShareMessage.traceDigest(rows) : null;
        StringBuilder reasons = new StringBuilder();
        for (int attemptNumber = 1; attemptNumber <= ATTEMPTS; attemptNumber++) {
            String attemptId = UUID.randomUUID().toString();
            List<PointShares.Share> split = PointShares.split(point, job.workers(), rows);
            long readyBy = System.currentTimeMillis() + nats.config().shareReadyTimeout().toMillis();
            var attempt = new SharedAttempt(attemptId, split.size());
            attempts.put(attemptId, attempt);
            try {
                publish(job, index, attemptId, split, readyBy, reportSubject, traceDigest);
                Log.infof("Job %s point %s attempt %d (%s): %d shares, ready by %s", job.id(), point.label(),
                        attemptNumber, attemptId, split.size(), Instant.ofEpochMilli(readyBy));
                String voided = watch(attempt, readyBy, stop, point, job.id(), index);
                if (voided == null) {
                    try {
                        return merge(job, index, attemptId, split.size(), attempt.startAtEpochMillis());
                    } catch (IllegalStateException incomplete) {
                        voided = incomplete.getMessage();
                    }
                }
                voidAttempt(job.id(), index, attemptId);
                Log.warnf("Job %s point %s attempt %d voided: %s", job.id(), point.label(), attemptNumber, voided);
                reasons.append(reasons.isEmpty() ? "" : "; ").append("attempt ").append(attemptNumber).append(": ")
                        .append(voided);
            } catch (RuntimeException e) {
                voidAttempt(job.id(), index, attemptId);
                throw e;
            } finally {
                attempts.remove(attemptId);
            }
        }
        throw new SharedPointException("point " + point.label() + " shared by " + job.workers() + " instances failed"
                + " on each of " + ATTEMPTS + " attempts (" + reasons + ")");
    }

    /**
     * Stores a merged point once, with its workers, and deletes its shares' records, in one transaction; does nothing
     * when the point is already stored.
     */
    @Transactional
    public StoreResult store(PointToStore point, List<RequestRecord> records, List<PointWorker> workers) {
        StoreResult stored = points.store(point, records);
        if (stored.created()) {
            shares.setWorkers(stored.pointId(), workers.stream().map(PointWorker::toJson).toList());
        }
        shares.deletePoint(point.jobId(), point.pointIndex());
        return stored;
    }

    /**
     * Voids what an earlier coordinator of this job left of the point: it died (or lost NATS) mid-point and the job
     * was redelivered here. Its shares still running are told to stop, and its rows are deleted by their attempt key,
     * so nothing of a half-done attempt is merged and no old share sends beside the new attempt's.
     */
    private void voidEarlierAttempts(String jobId, int index) {
        for (ShareStore.Attempt earlier : shares.attempts(jobId, index)) {
            Log.infof("Job %s point %d: attempt %s of coordinator %s (%d shares) left by an earlier run of the job;"
                    + " voiding it", jobId, index, earlier.attempt(), earlier.coordinator(), earlier.shares());
            voidAttempt(jobId, index, earlier.attempt());
        }
    }

    private void publish(PreparedJob job, int index, String attemptId, List<PointShares.Share> split, long readyBy,
            String reportSubject, String traceDigest) {
        long promptSeed = job.sweep().workload().seed() + index;
        for (PointShares.Share share : split) {
            var message = ShareMessage.of(job.id(), index, attemptId, share, split.size(), instance.name(),
                    reportSubject, readyBy, promptSeed + 1_000_003L * share.index(), traceDigest);
            try {
                var headers = new Headers().add("Nats-Msg-Id", attemptId + "-" + share.index());
                nats.jetStream()
                        .publish(NatsMessage.builder().subject(JetStreamTopology.workSubject(nats.config())).headers(headers)
                                .data(JSON.writeValueAsBytes(message)).build());
            } catch (IOException | io.nats.client.JetStreamApiException e) {
                throw new IllegalStateException("cannot publish share " + share.index() + " on "
                        + JetStreamTopology.workSubject(nats.config()) + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Watches the attempt until every share is done (null) or it must be voided (the reason); sets and broadcasts the
     * start once every share is ready.
     */
    private String watch(SharedAttempt attempt, long readyBy, BooleanSupplier stop, LoadPoint point, String jobId,
            int index) {
        long silenceMillis = nats.config().shareSilenceTimeout().toMillis();
        while (true) {
            if (stop.getAsBoolean()) {
                throw new SweepCancelledException(point);
            }
            long now = System.currentTimeMillis();
            if (attempt.startAtEpochMillis() == 0 && attempt.allReady()) {
                broadcastStart(attempt, now + nats.config().shareStartLead().toMillis());
            }
            String problem = attempt.problem(now, readyBy + READY_GRACE_MILLIS, silenceMillis);
            if (problem != null && attempt.anySilent(now, silenceMillis)) {
                // a done report may have been lost with the connection: PostgreSQL says whether the share finished
                shares.shares(jobId, index, attempt.id()).stream().filter(PointShareRow::done)
                        .forEach(row -> attempt.done(row.shareIndex()));
                problem = attempt.problem(now, readyBy + READY_GRACE_MILLIS, silenceMillis);
            }
            if (problem != null) {
                return problem;
            }
            if (attempt.allDone()) {
                return null;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SweepCancelledException(point);
            }
        }
    }

    private void broadcastStart(SharedAttempt attempt, long startAt) {
        attempt.startAt(startAt);
        try {
            nats.connection().publish(JetStreamTopology.workSubject(nats.config()) + ".start",
                    JSON.writeValueAsBytes(new ShareMessage.Start(attempt.id(), startAt)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot publish the start: " + e.getMessage(), e);
        }
        Log.infof("Attempt %s: every share ready, start at %s", attempt.id(), Instant.ofEpochMilli(startAt));
    }

    private SharedAttempt.Merged merge(PreparedJob job, int index, String attemptId, int shareCount, long startAt) {
        List<PointShareRow> rows = shares.shares(job.id(), index, attemptId);
        List<RequestRecord> records = shares.records(job.id(), index, attemptId);
        return SharedAttempt.merge(job.sweep().plan().points().get(index), job.sweep().slo(), rows, shareCount,
                records, Instant.ofEpochMilli(startAt));
    }

    /** Tells every worker to stop the attempt and deletes what it wrote. */
    private void voidAttempt(String jobId, int index, String attemptId) {
        SharedAttempt attempt = attempts.get(attemptId);
        if (attempt != null) {
            attempt.voided();
        }
        try {
            nats.connection().publish(JetStreamTopology.workSubject(nats.config()) + ".abort",
                    attemptId.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            Log.warnf("abort of attempt %s not published: %s", attemptId, e.getMessage());
        }
        int deleted = shares.voidAttempt(jobId, index, attemptId);
        Log.infof("Attempt %s of job %s point %d voided: %d shares deleted", attemptId, jobId, index, deleted);
    }

    /** Subscribes to this instance's report subject once; returns it. */
    private synchronized String listen() {
        String subject = JetStreamTopology.workSubject(nats.config()) + ".instance." + instance.token();
        if (reports == null) {
            reports = nats.connection().createDispatcher(this::onReport);
            reports.subscribe(subject);
        }
        return subject;
    }

    private void onReport(Message message) {
        ShareReport report;
        try {
            report = JSON.readValue(message.getData(), ShareReport.class);
        } catch (IOException e) {
            Log.warnf("unreadable share report ignored: %s", e.getMessage());
            return;
        }
        SharedAttempt attempt = attempts.get(report.attempt());
        boolean go = attempt != null && attempt.report(report, System.currentTimeMillis());
        if (report.kind() == ShareReport.Kind.READY && message.getReplyTo() != null) {
            Instant now = Instant.now();
            try {
                nats.connection().publish(message.getReplyTo(), JSON.writeValueAsBytes(new ShareReport.ClockReading(
                        now.getEpochSecond() * 1_000_000_000L + now.getNano(), go)));
            } catch (IOException e) {
                Log.warnf("clock reading not sent: %s", e.getMessage());
            }
        }
    }
}
