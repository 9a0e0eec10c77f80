package io.perfsweep.load;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import io.perfsweep.client.ClientOptions;
import io.perfsweep.client.StreamOutcome;
import io.perfsweep.client.StreamRequest;
import io.perfsweep.client.StreamingClient;
import io.perfsweep.metrics.ClientHealth;
import io.perfsweep.metrics.PointSummarizer;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.server.ServerCapture;
import io.perfsweep.server.ServerScraper;
import io.perfsweep.workload.Tokenizer;
import io.perfsweep.workload.WorkloadRequest;
import io.vertx.core.Vertx;

/**
 * Runs a sweep: its points one after another against one target, each with a warm-up kept out of the results and a
 * connection pool sized to the point's concurrency.
 */
public final class SweepRunner {

    private static final System.Logger LOG = System.getLogger(SweepRunner.class.getName());

    private final Vertx vertx;
    private final Tokenizer tokenizer;
    private final Set<String> unansweredEndpoints = ConcurrentHashMap.newKeySet();

    public SweepRunner(Vertx vertx, Tokenizer tokenizer) {
        this.vertx = vertx;
        this.tokenizer = tokenizer;
    }

    /** Runs every point of the plan in order and returns their results in the same order. */
    public List<PointResult> run(SweepSpec spec, SweepListener listener) {
        var points = spec.plan().points();
        var results = new ArrayList<PointResult>(points.size());
        for (int i = 0; i < points.size(); i++) {
            results.add(runPoint(spec, i, listener));
        }
        return results;
    }

    /**
     * Runs every point of the plan in order, each {@code trials} times back to back (see {@link #runTrials}), and
     * returns each point's trials in the same order.
     */
    public List<List<PointResult>> run(SweepSpec spec, int trials, SweepListener listener) {
        var points = spec.plan().points();
        var results = new ArrayList<List<PointResult>>(points.size());
        for (int i = 0; i < points.size(); i++) {
            results.add(runTrials(spec, i, trials, listener, () -> false));
        }
        return results;
    }

    /**
     * Runs point {@code index} of the plan {@code trials} times back to back, as AIPerf's {@code --num-profile-runs}
     * does by default: the same requests every trial (the point's seed, AIPerf's {@code --set-consistent-seed}) and
     * the warm-up before the first trial only ({@code --profile-run-disable-warmup-after-first}). Each trial is
     * announced to {@code listener} as a point of its own. One trial is {@link #runPoint(SweepSpec, int,
     * SweepListener, BooleanSupplier)}.
     *
     * @throws SweepCancelledException when {@code cancelled} turned true during a trial: the cancelled trial's
     *         requests are dropped, the earlier trials travel with it ({@link SweepCancelledException#completed()})
     * @throws TrialFailedException when a trial after the first failed: it carries the trials that finished
     */
    public List<PointResult> runTrials(SweepSpec spec, int index, int trials, SweepListener listener,
            BooleanSupplier cancelled) {
        if (trials < 1) {
            throw new IllegalArgumentException("a point runs one trial or more, was " + trials);
        }
        var results = new ArrayList<PointResult>(trials);
        for (int trial = 0; trial < trials; trial++) {
            boolean first = trial == 0;
            try {
                results.add(announced(spec, index, listener, point -> {
                    PointRequests requests = PointRequests.of(spec, point, spec.workload().seed() + index, tokenizer);
                    return measure(spec, point, first ? requests : requests.withoutWarmup(), listener, cancelled);
                }));
            } catch (SweepCancelledException e) {
                throw results.isEmpty() ? e : new SweepCancelledException(e.point(), results);
            } catch (RuntimeException e) {
                if (results.isEmpty()) {
                    throw e;
                }
                throw new TrialFailedException(results, trial + 1, trials, e);
            }
        }
        return results;
    }

    /**
     * Runs one point of the plan, the same way {@link #run} would (same seed for the same index), so a job resumed
     * after a restart measures its remaining points exactly as an uninterrupted run.
     */
    public PointResult runPoint(SweepSpec spec, int index, SweepListener listener) {
        return runPoint(spec, index, listener, () -> false);
    }

    /**
     * Runs one point, stopping early when {@code cancelled} turns true: no request leaves after that, the requests
     * in flight finish, and the point ends with a {@link SweepCancelledException} instead of a partial result.
     */
    public PointResult runPoint(SweepSpec spec, int index, SweepListener listener, BooleanSupplier cancelled) {
        return announced(spec, index, listener,
                point -> runPoint(spec, point, spec.workload().seed() + index, listener, cancelled));
    }

    /**
     * Runs point {@code index} of the plan with requests the caller made, its warm-up first as
     * {@link #runPoint(SweepSpec, int, SweepListener, BooleanSupplier)} does with its own: for workloads whose warm-up
     * must be drawn from the measured prompts (a planner profile's decode points, whose dataset is the measured
     * prompts, as AIPerf's {@code --num-dataset-entries}).
     *
     * @throws SweepCancelledException when {@code cancelled} turned true during the point
     */
    public PointResult runPoint(SweepSpec spec, int index, List<WorkloadRequest> warmup, List<WorkloadRequest> measured,
            SweepListener listener, BooleanSupplier cancelled) {
        return announced(spec, index, listener,
                point -> measure(spec, point, new PointRequests(warmup, measured, null), listener, cancelled));
    }

    /**
     * Runs point {@code index} of the plan as one share of a point several instances drive together
     * (docs/scale-out.md): its warm-up and connections first, then {@code barrier} (which waits for the agreed start),
     * then its measured window. The point's requests are drawn from {@code seed}, one per share, so shares never send
     * the same prompts.
     *
     * @throws SweepCancelledException when {@code cancelled} turned true during the share
     */
    public PointResult runShare(SweepSpec spec, int index, long seed, Runnable barrier, SweepListener listener,
            BooleanSupplier cancelled) {
        return announced(spec, index, listener, point -> measure(spec, point, PointRequests.of(spec, point, seed,
                tokenizer), listener, cancelled, barrier));
    }

    /** Runs point {@code index} of the plan with {@code run}, telling {@code listener} of its start and end. */
    private static PointResult announced(SweepSpec spec, int index, SweepListener listener,
            Function<LoadPoint, PointResult> run) {
        var points = spec.plan().points();
        LoadPoint point = points.get(index);
        listener.pointStarted(point, index, points.size());
        PointResult result = run.apply(point);
        listener.pointCompleted(result, index, points.size());
        return result;
    }

    /** The tokenizer the prompts are cut and the outputs counted with. */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    private PointResult runPoint(SweepSpec spec, LoadPoint point, long seed, SweepListener listener,
            BooleanSupplier cancelled) {
        return measure(spec, point, PointRequests.of(spec, point, seed, tokenizer), listener, cancelled);
    }

    /**
     * Runs one point with requests the caller made (another workload than {@code spec.workload()}, e.g. the
     * prefix-ratio benchmark's), without warm-up. Tells {@code listener} of the measured phase and of each request,
     * not of the point's start and end: a caller that runs one point as several of these reports those itself.
     *
     * @throws SweepCancelledException when {@code cancelled} turned true during the point
     */
    public PointResult runPoint(SweepSpec spec, LoadPoint point, List<WorkloadRequest> measured, SweepListener listener,
            BooleanSupplier cancelled) {
        return measure(spec, point, new PointRequests(List.of(), measured, null), listener, cancelled);
    }

    private PointResult measure(SweepSpec spec, LoadPoint point, PointRequests prepared, SweepListener listener,
            BooleanSupplier cancelled) {
        return measure(spec, point, prepared, listener, cancelled, () -> {
        });
    }

    /** Warm-up, then {@code barrier}, then the measured window. */
    private PointResult measure(SweepSpec spec, LoadPoint point, PointRequests prepared, SweepListener listener,
            BooleanSupplier cancelled, Runnable barrier) {
        ClientWarmup.ensureWarm(vertx, spec.client().endpoint(), tokenizer, point.concurrency());
        List<WorkloadRequest> warmup = prepared.warmup();
        List<WorkloadRequest> measured = prepared.measured();
        List<StreamRequest> measuredRequests = toRequests(spec, measured);
        ClientOptions options = spec.client();
        var pooled = options.withMaxConnections(point.concurrency());
        Measured run;
        ClientHealthMonitor health;
        WallClock wallClock;
        Instant startTime;
        // Started before warm-up, so its baseline precedes the point's first request (AIPerf's order).
        var scraper = ServerScraper.start(spec.serverMetrics(), scrape -> listener.serverScraped(point, scrape));
        try (var client = new StreamingClient(vertx, pooled)) {
            PointLoad load;
            if (point.isReplay()) {
                load = new ReplayLoad(new OpenLoopRate(client, null, cancelled), prepared.replaySchedule());
            } else if (point.isOpenLoop()) {
                load = new OpenLoopLoad(client, point, cancelled);
            } else {
                load = new ClosedLoopLoad(new FixedConcurrency(client, point.concurrency(), cancelled));
            }
            if (!warmup.isEmpty() && load.run(toRequests(spec, warmup), prepared.warmupTurns(), WARMUP_SCHEDULE_SALT,
                    (index, outcome) -> {
                    }, options.requestTimeout(), point).cancelled()) {
                throw new SweepCancelledException(point);
            }
            if (load instanceof ClosedLoopLoad) {
                preconnect(client, Math.min(point.concurrency(), measuredRequests.size()), options.requestTimeout());
            }
            scraper.boundary();
            try (var window = MeasuredWindow.open()) {
                barrier.run();
                scraper.measuredStarted(window.openedNanos());
                wallClock = WallClock.anchoredNow();
                startTime = Instant.now();
                listener.measurementStarted(point);
                var feed = new ListenerFeed(listener, point, measured, new RecordMapper(tokenizer, wallClock));
                health = ClientHealthMonitor.start(vertx);
                try {
                    run = load.run(measuredRequests, prepared.measuredTurns(), 0, feed, options.requestTimeout(),
                            point);
                } catch (RuntimeException e) {
                    health.stop(List.of());
                    throw e;
                }
            }
            listener.measurementFinished(point);
            if (run.cancelled()) {
                health.stop(List.of());
                throw new SweepCancelledException(point);
            }
        } finally {
            scraper.stop();
        }
        Instant endTime = Instant.now();
        ServerCapture server = scraper.stop();
        warnOnce(server);
        var mapper = new RecordMapper(tokenizer, wallClock);
        var records = new ArrayList<RequestRecord>(measured.size());
        var requestIds = new ArrayList<String>(measured.size());
        for (int i = 0; i < measured.size(); i++) {
            StreamOutcome outcome = run.outcomes().get(i);
            WorkloadRequest request = measured.get(i);
            records.add(mapper.toRecord(outcome, run.intendedStartNanos(i, outcome), request.inputTokens(),
                    request.outputTokens()));
            requestIds.add(measuredRequests.get(i).requestId());
        }
        ClientHealth clientHealth = ClientHealth.judge(health.stop(records));
        return new PointResult(point, PointSummarizer.summarize(records, spec.slo()).withClientHealth(clientHealth),
                records, requestIds, run.maxInFlight(), startTime, endTime, server);
    }

    /**
     * Opens a closed loop's connections before its window, so its first round is measured as every later one is: on
     * connections already open, as warm-up requests would have left them (see {@link StreamingClient#preconnect}).
     * A connection opened inside the window (the server closed one) still counts in TTFT and latency, as in AIPerf.
     * Off with {@code -Dperfsweep.client.preconnect=false}, to time the first round's connects as AIPerf does.
     */
    private static void preconnect(StreamingClient client, int connections, Duration requestTimeout) {
        if (!Boolean.parseBoolean(System.getProperty("perfsweep.client.preconnect", "true"))) {
            return;
        }
        Duration bound = requestTimeout.isZero() || requestTimeout.compareTo(PRECONNECT_BOUND) > 0 ? PRECONNECT_BOUND
                : requestTimeout;
        try {
            int opened = client.preconnect(connections, bound).toCompletionStage().toCompletableFuture()
                    .get(bound.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            if (opened < connections) {
                LOG.log(System.Logger.Level.DEBUG, "opened {0} of {1} connections before the window", opened,
                        connections);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) { // the window's requests connect (and fail) themselves
            LOG.log(System.Logger.Level.DEBUG, "connections not opened before the window: {0}", e.toString());
        }
    }

    /** The longest a point waits for its connections before its window; the requests connect themselves after it. */
    private static final Duration PRECONNECT_BOUND = Duration.ofSeconds(10);

    /** Each metrics endpoint that does not answer is reported once per runner (a job, a CLI run), not per point. */
    private void warnOnce(ServerCapture server) {
        server.failures().forEach((endpoint, problem) -> {
            if (unansweredEndpoints.add(endpoint)) {
                LOG.log(System.Logger.Level.WARNING, "server metrics: {0} did not answer ({1}); the points are"
                        + " measured without its metrics", endpoint, problem);
            }
        });
    }

    /** Added to the Poisson seed of a rate point's warm-up so it does not replay the measured arrivals. */
    private static final long WARMUP_SCHEDULE_SALT = 0x5DEECE66DL;

    /** What one phase (warm-up or measurement) of a point produced, closed or open loop. */
    private record Measured(List<StreamOutcome> outcomes, long[] intendedStartNanos, int maxInFlight,
            boolean cancelled) {

        /** The scheduled start of request {@code index}; in a closed loop, its send (unless it is a later turn). */
        long intendedStartNanos(int index, StreamOutcome outcome) {
            return FixedConcurrency.intendedStartNanos(intendedStartNanos, index, outcome);
        }
    }

    /** Drives one phase of a point. */
    private interface PointLoad {
        Measured run(List<StreamRequest> requests, SessionTurns turns, long seedSalt,
                FixedConcurrency.Observer observer, Duration requestTimeout, LoadPoint point);
    }

    private record ClosedLoopLoad(FixedConcurrency closedLoop) implements PointLoad {
        @Override
        public Measured run(List<StreamRequest> requests, SessionTurns turns, long seedSalt,
                FixedConcurrency.Observer observer, Duration requestTimeout, LoadPoint point) {
            // With sessions, slots can idle while turns wait: bound by one request after another.
            long rounds = turns.any() ? requests.size() + 1L
                    : (requests.size() + point.concurrency() - 1) / point.concurrency() + 1L;
            FixedConcurrency.Run run = await(closedLoop.run(requests, observer, turns),
                    requestTimeout.toMillis() * rounds + delaysMillis(turns, requests.size()) + 60_000, point);
            return new Measured(run.outcomes(), run.intendedStartNanos(), run.maxInFlight(), run.cancelled());
        }
    }

    private record OpenLoopLoad(OpenLoopRate openLoop, LoadPoint.OpenLoop rate) implements PointLoad {

        OpenLoopLoad(StreamingClient client, LoadPoint point, BooleanSupplier cancelled) {
            this(new OpenLoopRate(client, point.openLoop().capped() ? point.concurrency() : null, cancelled),
                    point.openLoop());
        }

        @Override
        public Measured run(List<StreamRequest> requests, SessionTurns turns, long seedSalt,
                FixedConcurrency.Observer observer, Duration requestTimeout, LoadPoint point) {
            var schedule = ArrivalSchedule.of(rate.arrival(), rate.ratePerSecond(), requests.size(),
                    rate.seed() + seedSalt);
            long scheduleMillis = requests.isEmpty() ? 0 : schedule.offsetNanos(requests.size() - 1) / 1_000_000;
            // A chain of turns can run one after another: each may take the whole request timeout.
            long rounds = turns.any() ? requests.size() + 1L
                    : (requests.size() + point.concurrency() - 1) / point.concurrency() + 1L;
            OpenLoopRate.Run run = await(openLoop.run(requests, schedule, System.nanoTime(), observer, turns),
                    scheduleMillis + requestTimeout.toMillis() * rounds + delaysMillis(turns, requests.size())
                            + 60_000,
                    point);
            return new Measured(run.outcomes(), run.intendedStartNanos(), run.maxInFlight(), run.cancelled());
        }
    }

    /** A trace replayed on its own timestamps: the rate machinery with the trace's schedule, no cap. */
    private record ReplayLoad(OpenLoopRate openLoop, ArrivalSchedule schedule) implements PointLoad {

        @Override
        public Measured run(List<StreamRequest> requests, SessionTurns turns, long seedSalt,
                FixedConcurrency.Observer observer, Duration requestTimeout, LoadPoint point) {
            long scheduleMillis = schedule.size() == 0 ? 0 : schedule.offsetNanos(schedule.size() - 1) / 1_000_000;
            // A chain of turns can run one after another: each may take the whole request timeout.
            long rounds = turns.any() ? requests.size() + 1L : 2;
            OpenLoopRate.Run run = await(openLoop.run(requests, schedule, System.nanoTime(), observer, turns),
                    scheduleMillis + requestTimeout.toMillis() * rounds + delaysMillis(turns, requests.size())
                            + 60_000,
                    point);
            return new Measured(run.outcomes(), run.intendedStartNanos(), run.maxInFlight(), run.cancelled());
        }
    }

    /** Tells the listener of each measured request as it is sent and as it finishes, on the measuring path. */
    private record ListenerFeed(SweepListener listener, LoadPoint point, List<WorkloadRequest> requests,
            RecordMapper mapper, AtomicInteger completed, AtomicReference<long[]> intendedStartNanos)
            implements
                FixedConcurrency.Observer {

        ListenerFeed(SweepListener listener, LoadPoint point, List<WorkloadRequest> requests, RecordMapper mapper) {
            this(listener, point, requests, mapper, new AtomicInteger(), new AtomicReference<>());
        }

        @Override
        public void scheduled(long[] intendedStartNanos) {
            this.intendedStartNanos.set(intendedStartNanos);
        }

        @Override
        public void sent(int index) {
            listener.requestSent(point);
        }

        @Override
        public void completed(int index, StreamOutcome outcome) {
            WorkloadRequest request = requests.get(index);
            // Closed loop: the intended start is the send itself (a later turn: its previous turn's end plus its
            // delay), as in the records built after the point. Open loop: the schedule, known before the point starts.
            long intended = FixedConcurrency.intendedStartNanos(intendedStartNanos.get(), index, outcome);
            listener.requestFinished(point, mapper.toUntokenizedRecord(outcome, intended,
                    request.inputTokens(), request.outputTokens()));
            listener.requestCompleted(point, completed.incrementAndGet(), outcome.ok());
        }
    }

    /** The sum of the turns' delays, in ms: a bound on what they add to a phase. */
    private static long delaysMillis(SessionTurns turns, int count) {
        long nanos = 0;
        for (int i = 0; i < count; i++) {
            nanos += turns.delayNanos(i);
        }
        return nanos / 1_000_000;
    }

    private static List<StreamRequest> toRequests(SweepSpec spec, List<WorkloadRequest> workload) {
        var extras = spec.extras();
        return workload.stream()
                .map(w -> new StreamRequest(RequestIds.next(spec.benchmarkName()), spec.model(), w.prompt(),
                        w.outputTokens(), extras.minTokens(), extras.ignoreEos(), extras.nvextIgnoreEos()))
                .toList();
    }

    /** Waits for one phase of a point, bounded by what its requests may take in the worst case. */
    private static <T> T await(CompletableFuture<T> run, long boundMillis, LoadPoint point) {
        try {
            return run.get(boundMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SweepException("interrupted while running point " + point.label(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new SweepException("point " + point.label() + " did not finish: " + e.getMessage(), e);
        }
    }
}
