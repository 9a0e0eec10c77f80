package io.perfsweep.job;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.perfsweep.events.EventPublisher;
import io.perfsweep.events.EventType;
import io.perfsweep.events.JobCompletedEvent;
import io.perfsweep.events.JobFailedEvent;
import io.perfsweep.events.PointCompletedEvent;
import io.perfsweep.events.PointMetrics;
import io.perfsweep.events.PointWorker;
import io.perfsweep.load.LoadPoint;
import io.perfsweep.load.PointResult;
import io.perfsweep.load.PrefixRatioRunner;
import io.perfsweep.load.SearchOutcome;
import io.perfsweep.load.SweepCancelledException;
import io.perfsweep.load.SweepException;
import io.perfsweep.load.SweepListener;
import io.perfsweep.load.SweepRunner;
import io.perfsweep.load.TrialFailedException;
import io.perfsweep.metrics.LatencyHistograms;
import io.perfsweep.metrics.PointSummary;
import io.perfsweep.report.AiperfExport;
import io.perfsweep.server.PointServerMetrics;
import io.perfsweep.spec.InvalidJobException;
import io.perfsweep.store.JobEntity;
import io.perfsweep.store.JobState;
import io.perfsweep.store.PointStore;
import io.perfsweep.store.PointToStore;
import io.perfsweep.store.StoreResult;
import io.perfsweep.store.StoredPoint;
import io.perfsweep.store.StoredTrial;
import io.perfsweep.telemetry.SweepTelemetry;
import io.perfsweep.workload.Tokenizers;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;

/**
 * Runs jobs: one at a time per target URL (a lane, run on one thread at a time and removed once its jobs ended),
 * any number of targets side by side. Points already stored are skipped, so a job resumed after a crash measures
 * only what is missing, each point exactly once.
 */
@ApplicationScoped
public class JobRunner {

    @Inject
    Vertx vertx;

    @Inject
    JobStates states;

    @Inject
    JobVerdicts verdicts;

    @Inject
    PointStore points;

    @Inject
    EventPublisher events;

    @Inject
    SweepTelemetry telemetry;

    @Inject
    PlannerProfiles plannerProfiles;

    @Inject
    PointCoordinator coordinator;

    /** Lazily: CLI commands switch the datasource off, and an inactive datasource must not be injected directly. */
    @Inject
    InjectableInstance<AgroalDataSource> dataSource;

    /** The lanes of the targets with a job queued or running here; a lane is removed when its last job ends. */
    private final Map<String, Lane> lanes = new HashMap<>();
    /** Threads for the lanes, one per busy lane at a time; an idle thread ends after a second. */
    private final ExecutorService laneThreads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.SECONDS,
            new SynchronousQueue<>(), new LaneThreads());
    /** The jobs queued or running here, with how many times each was submitted (a redelivered duplicate waits). */
    private final Map<String, Integer> jobsHere = new ConcurrentHashMap<>();
    /** Cancels of jobs queued or running here; a cancel for any other job is not kept, nor one whose job ended. */
    private final Set<String> cancelRequests = ConcurrentHashMap.newKeySet();

    /** A target's queue: its jobs run one after another, each after the one submitted before it ended. */
    private static final class Lane {
        CompletableFuture<JobState> tail = CompletableFuture.completedFuture(null);
        int jobs;
    }

    /** Queues the job on its target's lane; the future completes with the job's final state. */
    public CompletableFuture<JobState> submit(PreparedJob job) {
        String target = job.sweep().client().baseUrl();
        jobsHere.merge(job.id(), 1, Integer::sum);
        CompletableFuture<JobState> run;
        synchronized (lanes) {
            Lane lane = lanes.computeIfAbsent(target, url -> new Lane());
            lane.jobs++;
            run = lane.tail.handle((state, failure) -> null).thenApplyAsync(ignored -> runInLane(job, target),
                    laneThreads);
            lane.tail = run;
        }
        return run.whenComplete((state, failure) -> {
            synchronized (lanes) {
                Lane lane = lanes.get(target);
                if (lane != null && --lane.jobs == 0) {
                    lanes.remove(target);
                }
            }
            jobsHere.computeIfPresent(job.id(), (id, count) -> {
                if (count > 1) {
                    return count - 1;
                }
                cancelRequests.remove(id);
                return null;
            });
        });
    }

    private JobState runInLane(PreparedJob job, String target) {
        Thread thread = Thread.currentThread();
        String name = thread.getName();
        thread.setName("perfsweep-lane-" + target);
        try {
            return run(job);
        } finally {
            thread.setName(name);
        }
    }

    /**
     * Asks a job queued or running here to stop; it stops before its next point and keeps the points it finished. A
     * cancel for a job that is not here (another instance runs it, or it ended) is not kept: every instance hears
     * every cancel, so keeping them would grow without end.
     */
    public void cancel(String jobId) {
        boolean here = jobsHere.computeIfPresent(jobId, (id, count) -> {
            cancelRequests.add(id);
            return count;
        }) != null;
        if (here) {
            Log.infof("Cancel requested for job %s", jobId);
        } else {
            Log.debugf("Cancel of job %s ignored: it does not run here", jobId);
        }
    }

    /** How many cancels are kept, for tests: at most one per job queued or running here. */
    int cancelsKept() {
        return cancelRequests.size();
    }

    /** How many targets have a lane, for tests: those with a job queued or running here. */
    int lanes() {
        synchronized (lanes) {
            return lanes.size();
        }
    }

    /**
     * Runs the job while holding its target's lock. When another instance runs a job against the same target, this
     * lane waits (its message kept alive by the intake) and tries again every second, so jobs for one target run one
     * at a time across every instance; a cancel ends the wait.
     */
    private JobState run(PreparedJob job) {
        String target = job.sweep().client().baseUrl();
        Optional<TargetLock> lock = tryLock(target);
        if (lock.isEmpty()) {
            Log.infof("Job %s waits: another instance runs a job against %s", job.id(), target);
        }
        while (lock.isEmpty()) {
            if (cancelRequests.remove(job.id())) {
                return fail(job, JobState.CANCELLED, "cancelled while waiting for its target", 0);
            }
            sleepOneSecond();
            lock = tryLock(target);
        }
        try {
            return runLocked(job);
        } finally {
            release(lock.get(), target);
        }
    }

    private static void release(TargetLock lock, String target) {
        try {
            lock.close();
        } catch (SQLException e) {
            Log.warnf("Releasing the lock of %s failed (%s); its session was ended, which releases it", target,
                    e.getMessage());
        }
    }

    private Optional<TargetLock> tryLock(String target) {
        try {
            return TargetLock.tryAcquire(dataSource.get(), target);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the target lock: " + e.getMessage(), e);
        }
    }

    private static void sleepOneSecond() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the target lock", e);
        }
    }

    private JobState runLocked(PreparedJob queued) {
        if (!start(queued.id())) {
            return states.find(queued.id()).map(entity -> entity.state).orElse(JobState.FAILED);
        }
        PreparedJob job = queued;
        if (queued.plannerProfile() != null) {
            // the decode points depend on the engine's KV capacity, read from its metrics as the job starts
            try {
                job = plannerProfiles.resolve(queued);
            } catch (InvalidJobException e) {
                return fail(queued, JobState.FAILED, e.reason(), 0);
            }
        }
        var sweep = job.sweep();
        try (var listener = new TelemetryListener(
                telemetry.meters(sweep.benchmarkName(), sweep.client().baseUrl(), sweep.model()),
                new LaneLog(job.id()))) {
            return runPoints(job, listener);
        }
    }

    /** Starts the job unless it ended meanwhile, e.g. cancelled while it waited (the row's version then changed). */
    private boolean start(String id) {
        try {
            return states.start(id);
        } catch (RuntimeException e) {
            if (states.find(id).map(entity -> entity.state.terminal()).orElse(false)) {
                return false;
            }
            throw e;
        }
    }

    private JobState runPoints(PreparedJob job, SweepListener listener) {
        if (job.search() != null) {
            return runSearch(job, listener);
        }
        Instant startedAt = Instant.now();
        var plan = job.sweep().plan().points();
        var finished = new ArrayList<PointMetrics>();
        var errorsByType = new TreeMap<String, Long>();
        var stored = points.points(job.id()).stream().map(StoredPoint::pointIndex).toList();
        var tokenizer = Tokenizers.resolve(job.identity().model());
        var runner = new SweepRunner(vertx, tokenizer);
        var prefixRunner = job.prefixRatio() == null ? null : new PrefixRatioRunner(vertx, tokenizer);
        var summaries = new ArrayList<PointSummary>();
        for (int i = 0; i < plan.size(); i++) {
            if (cancelRequests.remove(job.id())) {
                return fail(job, JobState.CANCELLED, "cancelled after " + finished.size() + " of " + plan.size()
                        + " points", finished.size());
            }
            if (Duration.between(startedAt, Instant.now()).compareTo(job.maxDuration()) > 0) {
                return fail(job, JobState.FAILED, "exceeded maxDurationSeconds = " + job.maxDuration().toSeconds()
                        + " after " + finished.size() + " of " + plan.size() + " points", finished.size());
            }
            PointDone done;
            try {
                done = stored.contains(i) ? storedPoint(job, i)
                        : prefixRunner != null ? runAndStorePrefixRatio(job, prefixRunner, i, listener, startedAt)
                                : job.workers() > 1 ? runAndStoreShared(job, i, startedAt)
                                        : runAndStore(job, runner, i, listener, startedAt);
            } catch (SweepCancelledException e) {
                return cancelledDuringPoint(job, e.point(), finished.size(), plan.size());
            } catch (TrialFailedException e) {
                return fail(job, JobState.FAILED, e.getMessage(), finished.size() + 1);
            } catch (SharedPointException e) {
                return fail(job, JobState.FAILED, e.getMessage(), finished.size());
            }
            PointSummary summary = done.summary();
            summary.errorCountsByType().forEach((type, count) -> errorsByType.merge(type, count, Long::sum));
            summaries.add(summary);
            finished.add(EventPayloads.pointMetrics(i, job.pointLabel(i), plan.get(i).concurrency(), summary,
                    job.gpuCount(), done.server()).withWorkers(done.workers()));
        }
        String dead = everyRequestFailed(finished, errorsByType);
        if (dead != null) {
            return fail(job, JobState.FAILED, dead, finished.size());
        }
        PlannerProfileOutcome profile = null;
        if (job.plannerProfile() != null) {
            try {
                profile = plannerProfiles.finish(job, summaries);
            } catch (IllegalArgumentException e) {
                return fail(job, JobState.FAILED, e.getMessage(), finished.size());
            }
        }
        Map<String, Object> verdict = job.baseline() == null ? null : verdicts.judge(job.id(), job.baseline());
        states.finish(job.id(), JobState.SUCCEEDED, null, verdict);
        events.publish(EventType.JOB_COMPLETED, job.id(), new JobCompletedEvent(job.identity(), finished,
                profile != null ? profile.plannerBlock()
                        : EventPayloads.plannerProfile(finished, job.gpuCount(), maxKvTokens(job, finished)),
                startedAt, Instant.now(),
                job.prefixRatio() == null ? null : PrefixRatioSummaries.of(job, summaries).toMap(),
                profile == null ? null : profile.summary(job.plannerProfile(), job.id()), verdict));
        return JobState.SUCCEEDED;
    }

    /**
     * A search job: each probe the search asks for is the next point of the job (stored, announced and exported as a
     * sweep's point; one already stored is read back, so a resumed search replays its probes and goes on where it
     * stopped); then what it found goes into the job's row and its {@code job.completed} event.
     */
    private JobState runSearch(PreparedJob job, SweepListener listener) {
        Instant startedAt = Instant.now();
        var stored = points.points(job.id()).stream().map(StoredPoint::pointIndex).toList();
        var runner = new SweepRunner(vertx, Tokenizers.resolve(job.identity().model()));
        var finished = new ArrayList<PointMetrics>();
        var errorsByType = new TreeMap<String, Long>();
        SearchOutcome outcome;
        try {
            outcome = job.search().run((plan, index) -> {
                PreparedJob probing = job.withPlan(plan);
                if (cancelRequests.remove(job.id())) {
                    throw new JobStopped(JobState.CANCELLED, "cancelled after " + index + " probe(s)");
                }
                if (Duration.between(startedAt, Instant.now()).compareTo(job.maxDuration()) > 0) {
                    throw new JobStopped(JobState.FAILED, "exceeded maxDurationSeconds = "
                            + job.maxDuration().toSeconds() + " after " + index + " probe(s)");
                }
                states.plan(job.id(), index + 1);
                PointDone done = stored.contains(index) ? storedPoint(probing, index)
                        : runAndStore(probing, runner, index, listener, startedAt);
                finished.add(EventPayloads.pointMetrics(index, probing.pointLabel(index),
                        plan.points().get(index).concurrency(), done.summary(), job.gpuCount(), done.server()));
                done.summary().errorCountsByType().forEach((type, count) -> errorsByType.merge(type, count, Long::sum));
                return done.summary();
            });
        } catch (JobStopped e) {
            return fail(job, e.state, e.reason, finished.size());
        } catch (SweepCancelledException e) {
            return cancelledDuringPoint(job, e.point(), finished.size(), finished.size() + 1);
        } catch (TrialFailedException e) {
            return fail(job, JobState.FAILED, e.getMessage(), finished.size() + 1);
        }
        String dead = everyRequestFailed(finished, errorsByType); // a dead target is no SLO limit, as in a sweep
        if (dead != null) {
            return fail(job, JobState.FAILED, dead, finished.size());
        }
        Map<String, Object> search = outcome.toJson();
        Log.infof("Job %s: %s", job.id(), outcome.lines().get(0));
        Map<String, Object> verdict = job.baseline() == null ? null : verdicts.judge(job.id(), job.baseline());
        states.finish(job.id(), JobState.SUCCEEDED, null, verdict, search);
        events.publish(EventType.JOB_COMPLETED, job.id(), new JobCompletedEvent(job.identity(), finished,
                EventPayloads.plannerProfile(finished, job.gpuCount(), maxKvTokens(job, finished)), startedAt,
                Instant.now(), null, null, verdict, search));
        return JobState.SUCCEEDED;
    }

    /** Ends a search before its next probe: a cancel, or the job's duration spent. */
    private static final class JobStopped extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient JobState state;
        private final String reason;

        JobStopped(JobState state, String reason) {
            super(reason, null, false, false);
            this.state = state;
            this.reason = reason;
        }
    }

    /**
     * A point that is cancelled or overruns the job's duration stops sending at once; its in-flight requests finish
     * and nothing of it is stored, so a cancel takes effect within one request's time.
     */
    private PointDone runAndStore(PreparedJob job, SweepRunner runner, int index, SweepListener listener,
            Instant startedAt) {
        Instant deadline = startedAt.plus(job.maxDuration());
        BooleanSupplier stop = () -> cancelRequests.contains(job.id()) || Instant.now().isAfter(deadline);
        List<PointResult> trials;
        TrialFailedException failed = null;
        try {
            trials = job.plannerProfile() != null
                    ? List.of(job.plannerProfile().runPoint(runner, job.sweep(), index, listener, stop))
                    : runner.runTrials(job.sweep(), index, job.trials(), listener, stop);
        } catch (TrialFailedException e) {
            trials = e.completed();
            failed = e;
        } catch (SweepCancelledException e) {
            if (e.completed().isEmpty() || cancelRequests.contains(job.id())) {
                throw e; // a cancel drops the point, as it drops a sweep's unfinished point
            }
            // the job's time ran out during a later trial: the trials before it are whole measurements, kept as the
            // trials before a failed one are, and the job fails with the reason
            trials = e.completed();
            failed = new TrialFailedException(trials, trials.size() + 1, job.trials(), new SweepException(
                    "exceeded maxDurationSeconds = " + job.maxDuration().toSeconds() + " during it"));
        }
        PointResult result = PointResult.ofTrials(trials);
        var server = PointServerMetrics.of(result.server(), result.summary(), result.records(), result.startTime(),
                result.endTime(), job.sliceDurationSeconds());
        StoreResult storedPoint = points.store(pointToStore(job, index, result)
                .withServerMetrics(server.map(s -> stored(job, index, s)).orElse(null)), result.records(),
                storedTrials(trials, failed != null));
        if (failed != null) {
            // the trials that finished are kept; the point says why the next one failed, and the job ends with it
            points.markFailed(storedPoint.pointId(), failed.getMessage());
            throw failed;
        }
        Map<String, Object> published = server.map(EventPayloads::serverView).orElse(null);
        publishPointCompleted(job, index, job.pointLabel(index), result, published);
        return new PointDone(result.summary(), published);
    }

    /**
     * A point driven by {@code job.workers()} instances (docs/scale-out.md): the coordinator runs its shares and
     * merges their records exactly; the point is then stored once with its workers and published like any other.
     */
    private PointDone runAndStoreShared(PreparedJob job, int index, Instant startedAt) {
        Instant deadline = startedAt.plus(job.maxDuration());
        var merged = coordinator.run(job, index,
                () -> cancelRequests.contains(job.id()) || Instant.now().isAfter(deadline));
        PointResult result = merged.result();
        coordinator.store(pointToStore(job, index, result), result.records(), merged.workers());
        PointMetrics metrics = EventPayloads.pointMetrics(index, job.pointLabel(index), result.point().concurrency(),
                result.summary(), job.gpuCount(), null).withWorkers(merged.workers());
        events.publish(EventType.POINT_COMPLETED, job.id(),
                new PointCompletedEvent(job.identity(), job.sweep().plan().points().size(), metrics));
        return new PointDone(result.summary(), null, merged.workers());
    }

    /**
     * Why a job whose points measured no successful request at all fails (a dead or refusing target), with the
     * failures counted by kind; null when some request succeeded.
     */
    private static String everyRequestFailed(List<PointMetrics> finished, Map<String, Long> errorsByType) {
        return finished.stream().allMatch(point -> point.requestCount() == 0)
                ? "every request failed (" + errorsByType + ")"
                : null;
    }

    /** Point {@code index} of {@code job} as stored: its label, level, summary and latency histograms. */
    private static PointToStore pointToStore(PreparedJob job, int index, PointResult result) {
        var level = JobInputConfig.point(result.point(), result.summary());
        return new PointToStore(job.id(), index, job.pointLabel(index), level.concurrency(), level.requestRate(),
                job.gpuCount(), result.summary(), histograms(result), result.startTime(), result.endTime());
    }

    private static LatencyHistograms histograms(PointResult result) {
        var histograms = new LatencyHistograms();
        result.records().forEach(histograms::record);
        return histograms;
    }

    /**
     * Each trial of a point run several times, its records' range among the point's; none for one trial, unless a
     * later trial failed (the one kept is then a trial of several).
     */
    private static List<StoredTrial> storedTrials(List<PointResult> trials, boolean laterTrialFailed) {
        if (trials.size() == 1 && !laterTrialFailed) {
            return List.of();
        }
        var stored = new ArrayList<StoredTrial>();
        int firstSeq = 0;
        for (int i = 0; i < trials.size(); i++) {
            PointResult trial = trials.get(i);
            stored.add(new StoredTrial(i + 1, trial.summary(), firstSeq, trial.records().size(), trial.startTime(),
                    trial.endTime()));
            firstSeq += trial.records().size();
        }
        return stored;
    }

    /** What the job keeps of a point for its completion event: its summary and the server's view of it. */
    private record PointDone(PointSummary summary, Map<String, Object> server, List<PointWorker> workers) {

        PointDone(PointSummary summary, Map<String, Object> server) {
            this(summary, server, null);
        }
    }

    /** The server metrics stored with a point, its export carrying the same benchmark id as its AIPerf export. */
    private static Map<String, Object> stored(PreparedJob job, int index, PointServerMetrics server) {
        return server.toStoredJson(server.exportContext(AiperfExport.PRODUCER_VERSION,
                job.sweep().benchmarkName() + "-" + job.pointLabel(index), Map.of()));
    }

    /**
     * The KV capacity for the planner block: the job's own figure, else what the server told (the last point that
     * told it), else null.
     */
    private static Long maxKvTokens(PreparedJob job, List<PointMetrics> finished) {
        if (job.maxKvTokens() != null) {
            return job.maxKvTokens();
        }
        Long told = null;
        for (PointMetrics point : finished) {
            Long tokens = EventPayloads.serverMaxKvTokens(point);
            told = tokens != null ? tokens : told;
        }
        return told;
    }

    /** One ratio of a prefix-ratio job: every URL's requests stored as one point, with the ratio. */
    private PointDone runAndStorePrefixRatio(PreparedJob job, PrefixRatioRunner runner, int index,
            SweepListener listener, Instant startedAt) {
        Instant deadline = startedAt.plus(job.maxDuration());
        var ratio = runner.runRatio(job.sweep(), job.prefixRatio(), index, listener,
                () -> cancelRequests.contains(job.id()) || Instant.now().isAfter(deadline));
        PointResult result = ratio.pooled();
        points.store(new PointToStore(job.id(), index, ratio.label(), result.point().concurrency(), null,
                job.gpuCount(), result.summary(), histograms(result), result.startTime(), result.endTime(),
                ratio.ratio(), null),
                result.records());
        publishPointCompleted(job, index, ratio.label(), result, null);
        return new PointDone(result.summary(), null);
    }

    private void publishPointCompleted(PreparedJob job, int index, String label, PointResult result,
            Map<String, Object> server) {
        PointMetrics metrics = EventPayloads.pointMetrics(index, label, result.point().concurrency(), result.summary(),
                job.gpuCount(), server);
        events.publish(EventType.POINT_COMPLETED, job.id(),
                new PointCompletedEvent(job.identity(), job.sweep().plan().points().size(), metrics));
    }

    private JobState cancelledDuringPoint(PreparedJob job, LoadPoint point, int pointsDone, int pointCount) {
        if (cancelRequests.remove(job.id())) {
            return fail(job, JobState.CANCELLED, "cancelled during point " + point.label() + "; kept " + pointsDone
                    + " of " + pointCount + " points", pointsDone);
        }
        return fail(job, JobState.FAILED, "exceeded maxDurationSeconds = " + job.maxDuration().toSeconds()
                + " during point " + point.label() + "; kept " + pointsDone + " of " + pointCount + " points",
                pointsDone);
    }

    private PointDone storedPoint(PreparedJob job, int index) {
        StoredPoint point = points.points(job.id()).stream().filter(p -> p.pointIndex() == index).findFirst()
                .orElseThrow();
        List<PointWorker> workers = point.workers().isEmpty() ? null
                : point.workers().stream().map(JobRunner::worker).toList();
        return new PointDone(point.summary(), EventPayloads.serverView(point.serverMetrics()), workers);
    }

    /** A shared point's worker as stored in {@code sweep_point.workers}. */
    private static PointWorker worker(Map<String, Object> stored) {
        return new PointWorker((String) stored.get("instance"), stored.get("concurrency") instanceof Number n
                ? n.intValue()
                : null, ((Number) stored.get("requests")).longValue(),
                stored.get("startSkewMs") instanceof Number skew ? skew.doubleValue() : null);
    }

    private JobState fail(PreparedJob job, JobState state, String reason, int pointsDone) {
        JobEntity entity = states.finish(job.id(), state, reason);
        events.publish(EventType.JOB_FAILED, job.id(), new JobFailedEvent(job.id(), entity.name, state.name(), reason,
                pointsDone, entity.pointsTotal));
        Log.infof("Job %s %s: %s", job.id(), state, reason);
        return state;
    }

    @PreDestroy
    void stop() {
        laneThreads.shutdownNow();
    }

    /** Names lane threads while idle; a running lane thread is named after its target. */
    private static final class LaneThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            return new Thread(runnable, "perfsweep-lane-idle-" + count.incrementAndGet());
        }
    }

    /** Logs point boundaries of a job. */
    private record LaneLog(String jobId) implements SweepListener {
        @Override
        public void pointStarted(LoadPoint point, int index, int pointCount) {
            Log.infof("Job %s: point %d/%d (%s) started", jobId, index + 1, pointCount, point.label());
        }
    }
}
