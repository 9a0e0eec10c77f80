package io.perfsweep.job;

import java.time.Duration;
import java.util.List;

import io.perfsweep.events.RunIdentity;
import io.perfsweep.load.PrefixRatioSpec;
import io.perfsweep.load.SearchPlan;
import io.perfsweep.load.SweepPlan;
import io.perfsweep.load.SweepSpec;
import io.perfsweep.server.ServerProbe;
import io.perfsweep.spec.InvalidJobException;
import io.perfsweep.spec.JobBaseline;
import io.perfsweep.spec.JobLimits;

/**
 * A validated job, translated into what the runner needs: the sweep to run and how to describe it in events.
 *
 * @param id the job's id (deduplication key)
 * @param sweep the sweep engine's spec, secrets already resolved
 * @param identity run identity for events
 * @param gpuCount GPUs behind the target, for tok/s/GPU
 * @param maxKvTokens the target's KV capacity in tokens when the job gave it, else null
 * @param maxDuration longest one run of the job may take; checked before each point
 * @param prefixRatio the router benchmark a prefix job runs (one point per ratio), or null for other jobs
 * @param plannerProfile the profiler's points a planner-profile job runs (the sweep's plan holds the same points), or
 *        null for other jobs
 * @param sliceDurationSeconds the job's {@code load.sliceDurationSeconds}, or null when its points are not sliced
 * @param trials runs of each point, back to back ({@code load.trials}, at least 1)
 * @param baseline the job it is compared with when it finishes, or null
 * @param search how the probes of a {@code search} load are chosen and made (the sweep's plan holds its first probe),
 *        or null for other jobs
 * @param workers instances that drive each point together ({@code load.workers}, at least 1)
 */
public record PreparedJob(String id, SweepSpec sweep, RunIdentity identity, int gpuCount, Long maxKvTokens,
        Duration maxDuration, PrefixRatioSpec prefixRatio, PlannerProfilePlan plannerProfile,
        Double sliceDurationSeconds, int trials, JobBaseline baseline, SearchPlan search, int workers) {

    public PreparedJob {
        trials = Math.max(trials, 1);
        workers = Math.max(workers, 1);
    }

    /** A job whose points each run on one instance. */
    public PreparedJob(String id, SweepSpec sweep, RunIdentity identity, int gpuCount, Long maxKvTokens,
            Duration maxDuration, PrefixRatioSpec prefixRatio, PlannerProfilePlan plannerProfile,
            Double sliceDurationSeconds, int trials, JobBaseline baseline, SearchPlan search) {
        this(id, sweep, identity, gpuCount, maxKvTokens, maxDuration, prefixRatio, plannerProfile,
                sliceDurationSeconds, trials, baseline, search, 1);
    }

    /** A job whose points are not sliced, one trial a point, without a baseline. */
    public PreparedJob(String id, SweepSpec sweep, RunIdentity identity, int gpuCount, Long maxKvTokens,
            Duration maxDuration, PrefixRatioSpec prefixRatio, PlannerProfilePlan plannerProfile) {
        this(id, sweep, identity, gpuCount, maxKvTokens, maxDuration, prefixRatio, plannerProfile, null, 1, null, null);
    }

    /** A job that is not a prefix-ratio benchmark. */
    public PreparedJob(String id, SweepSpec sweep, RunIdentity identity, int gpuCount, Long maxKvTokens,
            Duration maxDuration) {
        this(id, sweep, identity, gpuCount, maxKvTokens, maxDuration, null, null);
    }

    /**
     * The stored label of point {@code index}: {@code prefix_ratio_<r>_seed_<s>}, the profiler's
     * {@code aiperf_isl<isl>[_osl<osl>_n<n>]} or the load's {@code c<N>}.
     */
    public String pointLabel(int index) {
        if (prefixRatio != null) {
            return prefixRatio.label(index);
        }
        return plannerProfile != null ? plannerProfile.label(index) : sweep.plan().points().get(index).label();
    }

    /** This job with other points (an SLO search's probes so far); the rest as it is. */
    public PreparedJob withPlan(SweepPlan points) {
        return new PreparedJob(id, sweep.withPlan(points), identity, gpuCount, maxKvTokens, maxDuration, prefixRatio,
                plannerProfile, sliceDurationSeconds, trials, baseline, search, workers);
    }

    /**
     * This planner-profile job's whole plan, as it is made when the job runs: the KV capacity read from the target's
     * metrics now (else the job's {@code workload.maxKvTokens}), the points checked against {@code limits}.
     *
     * @throws InvalidJobException when the capacity is unknown or the plan exceeds a ceiling
     */
    public PlannerProfilePlan plannedProfile(JobLimits limits) {
        List<String> endpoints = sweep.serverMetrics();
        PlannerProfilePlan plan = plannerProfile.resolve(ServerProbe.of(endpoints), endpoints);
        plan.checkLimits(limits);
        return plan;
    }

    /** This planner-profile job with {@code plan} (resolved when it runs): the sweep's plan becomes its points. */
    public PreparedJob withPlannerProfile(PlannerProfilePlan plan) {
        return new PreparedJob(id, new SweepSpec(sweep.benchmarkName(), sweep.client(), sweep.model(),
                sweep.workload(), sweep.extras(), plan.sweepPlan(), sweep.slo(), sweep.trace(), sweep.serverMetrics()),
                identity, gpuCount, plan.maxKvTokens(), maxDuration, prefixRatio, plan, sliceDurationSeconds, trials,
                baseline, search, workers);
    }
}
