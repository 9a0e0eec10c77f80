package io.perfsweep.load;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.perfsweep.client.ClientOptions;
import io.perfsweep.client.EndpointKind;
import io.perfsweep.client.LoopbackStreamSink;
import io.perfsweep.client.StreamOutcome;
import io.perfsweep.client.StreamRequest;
import io.perfsweep.client.StreamingClient;
import io.perfsweep.metrics.PointSummarizer;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.metrics.Slo;
import io.perfsweep.workload.Tokenizer;
import io.quarkus.runtime.configuration.DurationConverter;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * Compiles the measuring path before the first measured request, without sending anything to the target.
 * <p>
 * A cold JVM interprets the client's read path (Netty's HTTP codec, the SSE parser, the chunk scanner, the closed
 * loop's refill) for its first few thousand events and compiles it while it stamps arrivals; measured here, the first
 * two rounds of a 100-stream point then read TTFT 200–300 ms late, and several events arrive in one read, which shrinks
 * ITL. So the first point of a process first drives the same client, closed loop and record path against an in-process
 * {@link LoopbackStreamSink} in rounds, until it is steady or its bound ({@link #maxNanos(int)}) has passed. Steady
 * means two things at once, {@link #STEADY_ROUNDS} rounds in a row: a round costs no more than the best round before it
 * (within {@link #STEADY_TOLERANCE}), and the JIT compilers spent at most {@link #QUIET_JIT_SHARE} of the round's wall
 * time compiling. The second matters on a small machine: rounds stop getting faster while C2 still compiles the
 * per-request path, and a compiler thread that keeps one of two cores busy into the measured window delays the event
 * loops there (measured: ~900 compilations inside a 100-stream point's window after a cost-only warm-up). Requests of
 * the warm-up never reach the target and never appear in a result; a user's warm-up requests
 * ({@code warmupRequestCount}) are a different thing (they warm the target).
 * <p>
 * Disabled with the system property {@code perfsweep.client.self-warmup=false}, for measuring its effect.
 */
public final class ClientWarmup {

    /** Streams in flight per round: enough to exercise the pool and both event loops of a 2-core machine. */
    static final int CONCURRENCY = 32;
    /**
     * Requests per round. Short responses ({@link LoopbackStreamSink#EVENTS} events) and many requests, so the
     * per-request path (pool, headers, body, record) gets as many invocations as the per-event one needs.
     */
    static final int ROUND_REQUESTS = 256;
    /** At least this many rounds: C2 compiles a method after about 10k invocations or loop iterations. */
    static final int MIN_ROUNDS = 8;
    /**
     * At least this many rounds when C2 is off (the {@code perfsweep} launcher's {@code -XX:TieredStopAtLevel=1}): C1
     * compiles after a few hundred invocations, and a round makes 256 of the per-request path, a few thousand of the
     * per-read one and 8,192 of the per-event one.
     */
    static final int MIN_ROUNDS_C1 = 3;
    /** Steady when this many rounds in a row cost at most the best earlier round times (1 + tolerance). */
    static final int STEADY_ROUNDS = 3;
    static final double STEADY_TOLERANCE = 0.25;
    /**
     * A round is JIT-quiet when the compilers' time in it (summed over compiler threads) is at most this share of its
     * wall time: about one compiler thread's worth. Measured on 2 cores, a stricter share is never met within the
     * bound (C2 works through the start-up backlog for tens of seconds), so this one only keeps the warm-up going
     * while several compiler threads are busy at once.
     */
    static final double QUIET_JIT_SHARE = 1.0;
    /** The compilers have settled when this many samples in a row add no compilation time. */
    static final int SETTLED_SAMPLES = 3;
    static final long SETTLE_SAMPLE_MILLIS = 10;
    /**
     * A bound on start-up cost for a first point of many streams. Measured on the 2-core build machine at 100 streams,
     * zero warm-up requests: after 8 s (25 rounds) the measured window saw 880 compilations instead of 2,300 after the
     * earlier 3–6 s warm-up of 96 long responses a round (same machine, same hour), and the mean TTFT error was
     * +9…12 ms (the earlier build's dated run in docs/benchmarks.md: +21 ms).
     */
    static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(8);
    /** A first point of at most this many streams is light: its events arrive slowly enough for a shorter warm-up. */
    static final int LIGHT_STREAMS = 10;
    /**
     * The bound for a light first point. The 8 s bound made every run's first request wait 13 s instead of 5 s on
     * 2 cores (docs/benchmarks.md, 2026-12-03), and at one or four streams a light point reads within 2 ms of the truth
     * with far less JIT work done: it sends about 100 events a second, so the interpreter's and the compilers' work
     * costs little per event, and the point itself warms the path for the heavier points that follow it in a sweep.
     */
    static final long LIGHT_MAX_NANOS = TimeUnit.SECONDS.toNanos(2);

    private static final System.Logger LOG = System.getLogger(ClientWarmup.class.getName());
    private static final Set<EndpointKind> WARM = EnumSet.noneOf(EndpointKind.class);

    private ClientWarmup() {
    }

    /**
     * What a warm-up did: rounds run, wall time, whether it reached steady state, and the JIT compilers' time over the
     * whole warm-up and in its last round (-1 where the JVM does not report it).
     */
    public record Report(int rounds, long nanos, boolean steady, long firstRoundNanos, long lastRoundNanos,
            long jitMillis, long lastRoundJitMillis) {
    }

    /**
     * Warms the path for {@code endpoint} once per process, for as long as a first point of {@code streams} needs (see
     * {@link #maxNanos(int)}); later calls return at once. Never again later: a warm-up while another job's window is
     * measuring would distort that job, and by then the earlier points have run the path.
     */
    static synchronized void ensureWarm(Vertx vertx, EndpointKind endpoint, Tokenizer tokenizer, int streams) {
        if (WARM.contains(endpoint) || !Boolean.parseBoolean(System.getProperty("perfsweep.client.self-warmup",
                "true"))) {
            return;
        }
        WARM.add(endpoint);
        try {
            Report report = run(vertx, endpoint, tokenizer, maxNanos(streams));
            LOG.log(System.Logger.Level.INFO, "client warm-up: {0} rounds in {1} ms (first round {2} ms, last {3} ms;"
                    + " JIT {4} ms, {5} ms in the last round){6}", report.rounds(), report.nanos() / 1_000_000,
                    report.firstRoundNanos() / 1_000_000, report.lastRoundNanos() / 1_000_000, report.jitMillis(),
                    report.lastRoundJitMillis(), report.steady() ? "" : ", not steady within the bound");
        } catch (RuntimeException e) { // never fail a sweep for its warm-up: it only costs exactness, and says so
            LOG.log(System.Logger.Level.WARNING, "client warm-up failed; the first requests may read late", e);
        }
    }

    /**
     * Runs a warm-up against a fresh loopback sink. The sink runs on a Vert.x of its own, as a server would: it stays
     * out of the service's HTTP server metrics and leaves the client's event loops to the client.
     */
    public static Report run(Vertx vertx, EndpointKind endpoint, Tokenizer tokenizer, long maxNanos) {
        Vertx sinkVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        try {
            return run(vertx, endpoint, tokenizer, maxNanos, sinkVertx);
        } finally {
            sinkVertx.close();
        }
    }

    private static Report run(Vertx vertx, EndpointKind endpoint, Tokenizer tokenizer, long maxNanos, Vertx sinkVertx) {
        LoopbackStreamSink sink = await(LoopbackStreamSink.start(sinkVertx).toCompletionStage().toCompletableFuture());
        try (var client = new StreamingClient(vertx,
                ClientOptions.of(sink.baseUrl(), endpoint).withMaxConnections(CONCURRENCY))) {
            var loop = new FixedConcurrency(client, CONCURRENCY, () -> false);
            var mapper = new RecordMapper(tokenizer, WallClock.anchoredNow());
            var requests = new ArrayList<StreamRequest>(ROUND_REQUESTS);
            for (int i = 0; i < ROUND_REQUESTS; i++) {
                requests.add(new StreamRequest("warmup-" + i, "warmup", "warm up the measuring path",
                        LoopbackStreamSink.EVENTS, true, true, false));
            }
            long start = System.nanoTime();
            long jitStart = JitClock.millis();
            long best = Long.MAX_VALUE;
            long first = 0;
            long last = 0;
            long lastJit = 0;
            int rounds = 0;
            int steadyRounds = 0;
            int minRounds = minRounds();
            while (rounds < minRounds || steadyRounds < STEADY_ROUNDS) {
                if (System.nanoTime() - start > maxNanos) {
                    return report(rounds, start, jitStart, false, first, last, lastJit);
                }
                RoundCost cost = timedRound(loop, requests, mapper);
                last = cost.nanos();
                lastJit = cost.jitMillis();
                first = rounds == 0 ? last : first;
                boolean quiet = lastJit <= QUIET_JIT_SHARE * last / 1e6;
                // the first round has nothing to compare with: it never counts as steady
                steadyRounds = rounds > 0 && last <= best * (1 + STEADY_TOLERANCE) && quiet ? steadyRounds + 1 : 0;
                best = Math.min(best, last);
                rounds++;
            }
            if (!JitClock.optimizingCompiler() && settle(start, maxNanos)) {
                RoundCost cost = timedRound(loop, requests, mapper); // per-request paths cross their thresholds now
                last = cost.nanos();
                lastJit = cost.jitMillis();
                rounds++;
                settle(start, maxNanos);
            }
            return report(rounds, start, jitStart, true, first, last, lastJit);
        } finally {
            sink.close();
        }
    }

    /**
     * Waits, within the warm-up's bound, until the compilers have finished their queue ({@link #SETTLED_SAMPLES}
     * samples {@link #SETTLE_SAMPLE_MILLIS} ms apart without compilation time added); true once they have. Why: C1
     * raises its compile thresholds with the length of its queue, and during the rounds the queue is long, so methods
     * run once per request (Vert.x's {@code beginRequest}, the request head's encoding) stay interpreted however many
     * requests the rounds send, and compile only at the first measured requests (seen with
     * {@code -XX:+PrintCompilation}). A round after the queue has drained compiles them; a second wait lets those
     * compilations finish before the window opens. With C2 on, its queue does not drain within the bound, so only
     * C1-only runs (the launcher's flags) settle.
     */
    private static boolean settle(long start, long maxNanos) {
        long before = JitClock.millis();
        int unchanged = 0;
        while (unchanged < SETTLED_SAMPLES) {
            if (System.nanoTime() - start > maxNanos) {
                return false;
            }
            try {
                Thread.sleep(SETTLE_SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            long now = JitClock.millis();
            unchanged = now == before ? unchanged + 1 : 0;
            before = now;
        }
        return true;
    }

    static int minRounds() {
        return JitClock.optimizingCompiler() ? MIN_ROUNDS : MIN_ROUNDS_C1;
    }

    /**
     * The bound set with {@code -Dperfsweep.client.self-warmup-max} (a duration: 3s, 500ms; 0s runs none), else
     * {@link #LIGHT_MAX_NANOS} for a light first point and {@link #MAX_NANOS} for a heavier one.
     */
    static long maxNanos(int streams) {
        String value = System.getProperty("perfsweep.client.self-warmup-max");
        if (value != null) {
            return DurationConverter.parseDuration(value).toNanos();
        }
        return streams <= LIGHT_STREAMS ? LIGHT_MAX_NANOS : MAX_NANOS;
    }

    private static Report report(int rounds, long start, long jitStart, boolean steady, long first, long last,
            long lastJit) {
        boolean jit = JitClock.supported();
        return new Report(rounds, System.nanoTime() - start, steady, first, last, jit ? JitClock.millis() - jitStart : -1,
                jit ? lastJit : -1);
    }

    /** What one round cost: its wall time, and the compilers' time (summed over their threads) during it. */
    private record RoundCost(long nanos, long jitMillis) {
    }

    private static RoundCost timedRound(FixedConcurrency loop, List<StreamRequest> requests, RecordMapper mapper) {
        long start = System.nanoTime();
        long jitStart = JitClock.millis();
        runRound(loop, requests, mapper);
        return new RoundCost(System.nanoTime() - start, JitClock.millis() - jitStart);
    }

    private static void runRound(FixedConcurrency loop, List<StreamRequest> requests, RecordMapper mapper) {
        FixedConcurrency.Run run = await(loop.run(requests, (index, outcome) -> {
        }));
        var records = new ArrayList<RequestRecord>(requests.size());
        for (StreamOutcome outcome : run.outcomes()) {
            if (!outcome.ok()) {
                throw new IllegalStateException("warm-up request failed: " + outcome.failure());
            }
            records.add(mapper.toRecord(outcome, outcome.sentNanos(), 16, LoopbackStreamSink.EVENTS));
        }
        PointSummarizer.summarize(records, Slo.NONE);
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the client warm-up", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("client warm-up did not finish: " + e.getMessage(), e);
        }
    }
}
