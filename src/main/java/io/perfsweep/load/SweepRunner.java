package io.perfsweep.load;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.perfsweep.client.ClientOptions;
import io.perfsweep.client.StreamOutcome;
import io.perfsweep.client.StreamRequest;
import io.perfsweep.client.StreamingClient;
import io.perfsweep.metrics.PointSummarizer;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.workload.SyntheticWorkload;
import io.perfsweep.workload.Tokenizer;
import io.perfsweep.workload.WorkloadRequest;
import io.vertx.core.Vertx;

/**
 * Runs a sweep: its points one after another against one target, each with a warm-up kept out of the results and a
 * connection pool sized to the point's concurrency.
 */
public final class SweepRunner {

    private final Vertx vertx;
    private final Tokenizer tokenizer;

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
        var points = spec.plan().points();
        LoadPoint point = points.get(index);
        listener.pointStarted(point, index, points.size());
        PointResult result = runPoint(spec, point, spec.workload().seed() + index, listener, cancelled);
        listener.pointCompleted(result, index, points.size());
        return result;
    }

    private PointResult runPoint(SweepSpec spec, LoadPoint point, long seed, SweepListener listener,
            BooleanSupplier cancelled) {
        var workload = new SyntheticWorkload(tokenizer, spec.workload().isl(), spec.workload().islStd(),
                spec.workload().osl(), spec.workload().oslStd(), seed);
        List<WorkloadRequest> warmup = generate(workload, point.warmupRequestCount());
        List<WorkloadRequest> measured = generate(workload, point.requestCount());
        List<StreamRequest> measuredRequests = toRequests(spec, measured);
        ClientOptions options = spec.client();
        var pooled = options.withMaxConnections(point.concurrency());
        FixedConcurrency.Run run;
        WallClock wallClock;
        Instant startTime;
        try (var client = new StreamingClient(vertx, pooled)) {
            var closedLoop = new FixedConcurrency(client, point.concurrency(), cancelled);
            if (!warmup.isEmpty() && await(closedLoop.run(toRequests(spec, warmup), (index, outcome) -> {
            }), options.requestTimeout(), warmup.size(), point).cancelled()) {
                throw new SweepCancelledException(point);
            }
            wallClock = WallClock.anchoredNow();
            startTime = Instant.now();
            listener.measurementStarted(point);
            var feed = new ListenerFeed(listener, point, measured, new RecordMapper(tokenizer, wallClock));
            run = await(closedLoop.run(measuredRequests, feed), options.requestTimeout(), measured.size(), point);
            listener.measurementFinished(point);
            if (run.cancelled()) {
                throw new SweepCancelledException(point);
            }
        }
        Instant endTime = Instant.now();
        var mapper = new RecordMapper(tokenizer, wallClock);
        var records = new ArrayList<RequestRecord>(measured.size());
        var requestIds = new ArrayList<String>(measured.size());
        for (int i = 0; i < measured.size(); i++) {
            StreamOutcome outcome = run.outcomes().get(i);
            WorkloadRequest request = measured.get(i);
            records.add(mapper.toRecord(outcome, outcome.sentNanos(), request.inputTokens(), request.outputTokens()));
            requestIds.add(measuredRequests.get(i).requestId());
        }
        return new PointResult(point, PointSummarizer.summarize(records, spec.slo()), records, requestIds,
                run.maxInFlight(), startTime, endTime);
    }

    /** Tells the listener of each measured request as it is sent and as it finishes, on the measuring path. */
    private record ListenerFeed(SweepListener listener, LoadPoint point, List<WorkloadRequest> requests,
            RecordMapper mapper, AtomicInteger completed) implements FixedConcurrency.Observer {

        ListenerFeed(SweepListener listener, LoadPoint point, List<WorkloadRequest> requests, RecordMapper mapper) {
            this(listener, point, requests, mapper, new AtomicInteger());
        }

        @Override
        public void sent(int index) {
            listener.requestSent(point);
        }

        @Override
        public void completed(int index, StreamOutcome outcome) {
            WorkloadRequest request = requests.get(index);
            // Closed loop: the intended start is the send itself, as in the records built after the point.
            listener.requestFinished(point, mapper.toUntokenizedRecord(outcome, outcome.sentNanos(),
                    request.inputTokens(), request.outputTokens()));
            listener.requestCompleted(point, completed.incrementAndGet(), outcome.ok());
        }
    }

    private static List<WorkloadRequest> generate(SyntheticWorkload workload, int count) {
        var requests = new ArrayList<WorkloadRequest>(count);
        for (int i = 0; i < count; i++) {
            requests.add(workload.next());
        }
        return requests;
    }

    private static List<StreamRequest> toRequests(SweepSpec spec, List<WorkloadRequest> workload) {
        var extras = spec.extras();
        return workload.stream()
                .map(w -> new StreamRequest(RequestIds.next(spec.benchmarkName()), spec.model(), w.prompt(),
                        w.outputTokens(), extras.minTokens(), extras.ignoreEos(), extras.nvextIgnoreEos()))
                .toList();
    }

    /** Waits for a closed-loop run, bounded by what its requests may take in the worst case. */
    private static FixedConcurrency.Run await(java.util.concurrent.CompletableFuture<FixedConcurrency.Run> run,
            Duration requestTimeout, int requestCount, LoadPoint point) {
        long rounds = (requestCount + point.concurrency() - 1) / point.concurrency() + 1L;
        long boundMillis = requestTimeout.toMillis() * rounds + 60_000;
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
