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
 * @param planner the sweep in Dynamo planner profiling-data form
 * @param startedAt when the job started running
 * @param finishedAt when its last point was stored
 * @param prefixRatio for a prefix-ratio job, the router script's {@code results_summary.json} object
 *        ({@code prefix_ratios}, {@code ttft_p25_values} … {@code itl_p75_values} in ms, {@code config}); else null
 */
@RegisterForReflection
public record JobCompletedEvent(RunIdentity run, List<PointMetrics> points, PlannerProfile planner, Instant startedAt,
        Instant finishedAt, Map<String, Object> prefixRatio) {

    /** The event of a job that is not a prefix-ratio benchmark. */
    public JobCompletedEvent(RunIdentity run, List<PointMetrics> points, PlannerProfile planner, Instant startedAt,
            Instant finishedAt) {
        this(run, points, planner, startedAt, finishedAt, null);
    }
}
