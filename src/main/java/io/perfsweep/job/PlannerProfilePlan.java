package io.perfsweep.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import io.perfsweep.load.LoadPoint;
import io.perfsweep.load.PointResult;
import io.perfsweep.load.SweepListener;
import io.perfsweep.load.SweepPlan;
import io.perfsweep.load.SweepRunner;
import io.perfsweep.load.SweepSpec;
import io.perfsweep.planner.PlannerPoint;
import io.perfsweep.planner.PlannerSweeps;
import io.perfsweep.planner.ProfileInputs;
import io.perfsweep.server.ServerProbe;
import io.perfsweep.spec.InvalidJobException;
import io.perfsweep.spec.JobLimits;
import io.perfsweep.spec.JobWorkload;
import io.perfsweep.spec.SpecRule;
import io.perfsweep.workload.SyntheticWorkload;
import io.perfsweep.workload.WorkloadRequest;
import io.quarkus.logging.Log;

/**
 * The points of a {@code plannerProfile} job, Dynamo's profiler sweeps ({@link PlannerSweeps}): the prefill points,
 * and once the engine's KV capacity is known the decode points, whose request counts it bounds. The CLI and the
 * service run them the same way ({@link #runPoint}), one stored point each.
 *
 * @param workload the job's profiler inputs
 * @param maxKvTokens the KV capacity the decode points are planned with, tokens; null while unknown, when the plan
 *        holds the prefill points only
 * @param maxKvTokensSource where {@code maxKvTokens} came from: {@value #FROM_SERVER} (its metrics) or
 *        {@value #FROM_JOB} ({@code workload.maxKvTokens}); null while unknown
 * @param points the profiler's points, prefill then decode, in the order they run
 */
public record PlannerProfilePlan(JobWorkload.PlannerProfile workload, Long maxKvTokens, String maxKvTokensSource,
        List<PlannerPoint> points) {

    /** {@link #maxKvTokensSource} when the server's metrics told the capacity. */
    public static final String FROM_SERVER = "server";
    /** {@link #maxKvTokensSource} when the job named it. */
    public static final String FROM_JOB = "job";
    /** How often a point whose client timing was distorted is measured again before it is kept as it is. */
    public static final int MAX_REMEASUREMENTS = 2;

    /**
     * The rule that a {@code plannerProfile} workload has sweeps the profiler can run: an ISL range for prefill and
     * one for decode (as with an unbounded cache), checked when a spec is parsed and its workload broke no other rule.
     */
    public static final SpecRule PROFILABLE = (spec, violations) -> {
        if (!(spec.workload() instanceof JobWorkload.PlannerProfile profile) || violations.hasAnyUnder("workload")) {
            return;
        }
        ProfileInputs inputs = profileInputs(profile, Long.MAX_VALUE);
        try {
            PlannerSweeps.prefill(inputs);
            PlannerSweeps.decode(inputs);
        } catch (IllegalArgumentException e) {
            violations.addUnlessReported("workload.maxContextLength", "workload.maxContextLength = "
                    + profile.maxContextLength() + " cannot be profiled: " + e.getMessage());
        }
    };

    public PlannerProfilePlan {
        points = List.copyOf(points);
    }

    /**
     * The plan as the job gives it, before the server is asked: all points with the job's KV capacity when it names
     * one that holds a decode request, else the prefill points only. Either way {@link #resolve} plans again when the
     * job runs, where the server's capacity wins.
     */
    public static PlannerProfilePlan of(JobWorkload.PlannerProfile workload) {
        if (workload.maxKvTokens() != null) {
            try {
                return planned(workload, workload.maxKvTokens(), FROM_JOB);
            } catch (InvalidJobException tooSmall) {
                // the server may tell a larger capacity when the job runs; if not, resolve() says why it cannot run
            }
        }
        return new PlannerProfilePlan(workload, null, null, PlannerSweeps.prefill(profileInputs(workload, 1)));
    }

    /**
     * The whole plan, with the KV capacity the server tells (its metrics win: they describe the engine as it runs
     * now), else the job's.
     *
     * @param probe what the target's metrics said just before the job ran
     * @param endpoints the metrics endpoints asked, empty when the job scrapes none
     * @throws InvalidJobException when neither tells the capacity, or the cache holds no decode request
     */
    public PlannerProfilePlan resolve(ServerProbe probe, List<String> endpoints) {
        if (probe.maxKvTokens() != null) {
            return planned(workload, probe.maxKvTokens(), FROM_SERVER);
        }
        if (workload.maxKvTokens() != null) {
            return planned(workload, workload.maxKvTokens(), FROM_JOB);
        }
        String server = endpoints.isEmpty() ? "the job scrapes no server metrics (target.serverMetrics is false)"
                : !probe.failures().isEmpty() && probe.facts() == null
                        ? "the target's metrics did not answer (" + String.join("; ", describe(probe.failures())) + ")"
                        : "the target's metrics (" + String.join(", ", endpoints) + ") tell no KV capacity (vLLM"
                                + " cache_config_info, SGLang max_total_num_tokens, Dynamo model_total_kv_blocks ×"
                                + " model_kv_cache_block_size)";
        throw new InvalidJobException("max_kv_tokens is unknown, so the decode points cannot be planned: " + server
                + ", and the job names none (workload.maxKvTokens)");
    }

    private static List<String> describe(Map<String, String> failures) {
        return failures.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
    }

    private static PlannerProfilePlan planned(JobWorkload.PlannerProfile workload, long maxKvTokens, String source) {
        try {
            return new PlannerProfilePlan(workload, maxKvTokens, source,
                    PlannerSweeps.all(profileInputs(workload, maxKvTokens)));
        } catch (IllegalArgumentException e) {
            throw new InvalidJobException("max_kv_tokens = " + maxKvTokens + " (from the " + source + ") cannot be"
                    + " profiled: " + e.getMessage());
        }
    }

    /** The profiler's inputs of {@code workload} with {@code maxKvTokens} as the engine's KV capacity. */
    public static ProfileInputs profileInputs(JobWorkload.PlannerProfile workload, long maxKvTokens) {
        return new ProfileInputs(workload.maxContextLength(), workload.prefillGranularity(),
                workload.decodeGranularity(), workload.decodeOsl(), workload.gpusPerEngine(), workload.attentionDp(),
                maxKvTokens);
    }

    /** Whether the decode points are planned (the KV capacity is known). */
    public boolean resolved() {
        return maxKvTokens != null;
    }

    /** The profiler's inputs with the known KV capacity. */
    public ProfileInputs inputs() {
        if (maxKvTokens == null) {
            throw new IllegalStateException("the KV capacity is not known yet");
        }
        return profileInputs(workload, maxKvTokens);
    }

    /** The points as the sweep engine runs them: closed loop, each at its own concurrency and counts. */
    public SweepPlan sweepPlan() {
        return new SweepPlan(points.stream()
                .map(p -> new LoadPoint(p.concurrency(), p.requestCount(), p.warmupRequestCount())).toList());
    }

    /**
     * Checks the points against the service's ceilings, which only a resolved plan can be held to (its decode counts
     * depend on the capacity).
     *
     * @throws InvalidJobException naming every ceiling exceeded
     */
    public void checkLimits(JobLimits limits) {
        List<String> problems = new ArrayList<>();
        if (points.size() > limits.maxLevels()) {
            problems.add("the profile has " + points.size() + " points, more than the maximum " + limits.maxLevels()
                    + " (perfsweep.limits.max-levels)");
        }
        int concurrency = points.stream().mapToInt(PlannerPoint::concurrency).max().orElse(0);
        if (concurrency > limits.maxConcurrency()) {
            problems.add("the profile runs up to " + concurrency + " requests in flight, more than the maximum "
                    + limits.maxConcurrency() + " (perfsweep.limits.max-concurrency)");
        }
        int count = points.stream().mapToInt(p -> Math.max(p.requestCount(), p.warmupRequestCount())).max()
                .orElse(0);
        if (count > limits.maxRequestCount()) {
            problems.add("the profile sends up to " + count + " requests at one point, more than the maximum "
                    + limits.maxRequestCount() + " (perfsweep.limits.max-request-count)");
        }
        long total = points.stream().mapToLong(p -> (long) p.runs() * (p.requestCount() + p.warmupRequestCount()))
                .sum();
        if (total > limits.maxTotalRequests()) {
            problems.add("the profile sends " + total + " requests in total (priming runs and warm-up included),"
                    + " more than the maximum " + limits.maxTotalRequests() + " (perfsweep.limits.max-total-requests)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidJobException(problems);
        }
    }

    /**
     * Runs point {@code index} of {@code sweep} (whose plan is {@link #sweepPlan()}) with its own exact lengths: a
     * synthetic workload of the point's ISL (no spread) and OSL, from seed {@code seed + index} as every sweep point.
     * <ul>
     * <li>A prefill point draws its warm-up prompts and its measured prompt from that seed in turn, so the measured
     * prompt is not in the engine's prefix cache.</li>
     * <li>A decode point's prompts are its {@code n} measured ones, and its warm-up requests repeat the first of them
     * (AIPerf's {@code --num-dataset-entries n}, as the profiler runs it). It runs twice: the first run, neither
     * reported to {@code listener} nor scraped, leaves every prompt's prefix in the engine's cache, so the second,
     * measured one times decode alone.</li>
     * </ul>
     * A measurement the client judged distorted (its own timing was off, {@code client_health}) is taken again, at
     * most {@value #MAX_REMEASUREMENTS} times, the last one returned: a decode point with the same prompts (cached), a
     * prefill point with new ones (seed {@code seed + attempt · points + index}), since its measured prompt is now in
     * the engine's cache.
     *
     * @throws io.perfsweep.load.SweepCancelledException when {@code cancelled} turned true during a run
     */
    public PointResult runPoint(SweepRunner runner, SweepSpec sweep, int index, SweepListener listener,
            BooleanSupplier cancelled) {
        PlannerPoint point = points.get(index);
        SweepSpec exact = sweep.withWorkload(
                new SweepSpec.SyntheticSpec(point.isl(), 0, point.osl(), 0, sweep.workload().seed()));
        Measurement measure;
        if (point.stage() == PlannerPoint.Stage.PREFILL) {
            // each attempt with prompts of its own (seed + attempt·points + index): a prompt sent before is cached
            AtomicInteger attempt = new AtomicInteger();
            measure = to -> runner.runPoint(exact.withWorkload(new SweepSpec.SyntheticSpec(point.isl(), 0,
                    point.osl(), 0, sweep.workload().seed() + (long) attempt.getAndIncrement() * points.size())),
                    index, to, cancelled);
        } else {
            var workload = new SyntheticWorkload(runner.tokenizer(), point.isl(), 0, point.osl(), 0,
                    sweep.workload().seed() + index);
            List<WorkloadRequest> measured = IntStream.range(0, point.requestCount()).mapToObj(i -> workload.next())
                    .toList();
            List<WorkloadRequest> warmup = IntStream.range(0, point.warmupRequestCount())
                    .mapToObj(i -> measured.get(i % measured.size())).toList();
            measure = to -> runner.runPoint(exact, index, warmup, measured, to, cancelled);
            for (int run = 1; run < point.runs(); run++) {
                runner.runPoint(exact.withServerMetrics(List.of()), index, warmup, measured, SweepListener.NONE,
                        cancelled);
            }
        }
        PointResult result = measure.run(listener);
        for (int again = 1; again <= MAX_REMEASUREMENTS && result.summary().clientDistorted(); again++) {
            Log.infof("Point %s: the client's own timing was distorted (%s); measuring it again (%d of %d)",
                    point.label(), result.summary().health().map(h -> String.join(", ", h.reasons())).orElse(""),
                    again, MAX_REMEASUREMENTS);
            result = measure.run(listener);
        }
        return result;
    }

    /** One measurement of a point, reported to a listener. */
    private interface Measurement {
        PointResult run(SweepListener listener);
    }

    /** The profiler's directory name of point {@code index} ({@link PlannerPoint#label()}), its stored label. */
    public String label(int index) {
        return points.get(index).label();
    }

    /** The job's inputs and where the capacity came from, snake_case, as events and the stored profile carry them. */
    public Map<String, Object> inputsJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("max_context_length", workload.maxContextLength());
        json.put("prefill_granularity", workload.prefillGranularity());
        json.put("decode_granularity", workload.decodeGranularity());
        json.put("decode_osl", workload.decodeOsl());
        json.put("gpus_per_engine", workload.gpusPerEngine());
        json.put("attention_dp", workload.attentionDp());
        json.put("max_kv_tokens", maxKvTokens);
        json.put("max_kv_tokens_source", maxKvTokensSource);
        return json;
    }
}
