package io.perfsweep.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Data of {@code perfsweep.events.job.completed} (schema {@code perfsweep/job-completed/v1}): every point ran; a
 * planner-ready summary of the whole sweep.
 *
 * @param run which job and deployment
 * @param points every point's results, in sweep order
 * @param planner the sweep in Dynamo planner profiling-data form; for a planner-profile job, exactly the arrays of the
 *        planner's files it wrote
 * @param startedAt when the job started running
 * @param finishedAt when its last point was stored
 * @param prefixRatio for a prefix-ratio job, the router script's {@code results_summary.json} object
 *        ({@code prefix_ratios}, {@code ttft_p25_values} … {@code itl_p75_values} in ms, {@code config}); else null
 * @param plannerProfile for a planner-profile job, what its stored profile holds besides the arrays (which are
 *        {@code planner}'s, exactly the files' values): the profiler's {@code inputs} with {@code max_kv_tokens} and
 *        its {@code max_kv_tokens_source} ({@code server} or {@code job}), {@code prefill_points},
 *        {@code decode_points}, {@code excluded_points} (label → why), {@code distorted_points} (kept, though the
 *        client's timing was distorted there), the {@code files} and their {@code download}
 *        path; else null
 * @param verdict for a job that named a baseline, the comparison with it: {@code baseline} (what the job asked for,
 *        and the {@code jobId} compared with), the overall {@code verdict} ({@code regressed}, {@code improved},
 *        {@code unchanged}, {@code inconclusive}), {@code regressions}, and per point and metric what
 *        {@code compare}'s {@code comparison.json} holds; or {@code inconclusive} with a {@code reason} when the
 *        baseline is unknown, not succeeded or shares no point; else null
 * @param search for a search job, what it found, for planners: {@code max_concurrency_under_slo} (or
 *        {@code max_request_rate_under_slo} over rate; null when even the lowest load missed the target),
 *        {@code min_failing}, {@code knee} (the load after which throughput stopped rising while latency rose, or
 *        null), {@code stop} ({@code converged}, {@code max_passes}, {@code min_fails}, {@code saturated},
 *        {@code probe_limit}), the target and SLOs, and every probe in order; else null
 */
@RegisterForReflection
public record JobCompletedEvent(RunIdentity run, List<PointMetrics> points, PlannerProfile planner, Instant startedAt,
        Instant finishedAt, Map<String, Object> prefixRatio, Map<String, Object> plannerProfile,
        Map<String, Object> verdict, Map<String, Object> search) {

    /** The event of a job that is not a search. */
    public JobCompletedEvent(RunIdentity run, List<PointMetrics> points, PlannerProfile planner, Instant startedAt,
            Instant finishedAt, Map<String, Object> prefixRatio, Map<String, Object> plannerProfile,
            Map<String, Object> verdict) {
        this(run, points, planner, startedAt, finishedAt, prefixRatio, plannerProfile, verdict, null);
    }

    /** The event of a job without a baseline. */
    public JobCompletedEvent(RunIdentity run, List<PointMetrics> points, PlannerProfile planner, Instant startedAt,
            Instant finishedAt, Map<String, Object> prefixRatio, Map<String, Object> plannerProfile) {
        this(run, points, planner, startedAt, finishedAt, prefixRatio, plannerProfile, null);
    }

    /** The event of a job that is neither a prefix-ratio benchmark nor a planner profile. */
    public JobCompletedEvent(RunIdentity run, List<PointMetrics> points, PlannerProfile planner, Instant startedAt,
            Instant finishedAt) {
        this(run, points, planner, startedAt, finishedAt, null, null);
    }
}
