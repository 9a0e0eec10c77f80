package io.perfsweep.job;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.perfsweep.config.PerfsweepConfig;
import io.perfsweep.metrics.PointSummary;
import io.perfsweep.planner.PlannerProfileFiles;
import io.perfsweep.spec.InvalidJobException;
import io.perfsweep.spec.JobLimits;
import io.perfsweep.store.PlannerProfileStore;
import io.perfsweep.store.PlannerProfileStore.StoredPlannerProfile;
import io.perfsweep.store.PointStore;
import io.perfsweep.store.StoredPoint;
import io.quarkus.logging.Log;

/**
 * The service's side of planner-profile jobs, around the runner's ordinary point loop: the plan completed with the
 * engine's KV capacity when the job starts, the planner's files written and stored when its last point is.
 */
@ApplicationScoped
public class PlannerProfiles {

    @Inject
    PerfsweepConfig config;

    @Inject
    JobStates states;

    @Inject
    PointStore points;

    @Inject
    PlannerProfileStore profiles;

    /**
     * The job with its whole plan: the KV capacity read from the target's metrics now (else the job's), the decode
     * points planned with it, the ceilings checked and the job's point count updated.
     *
     * @throws InvalidJobException when the capacity is unknown, the plan exceeds a ceiling, or a resumed job's stored
     *         points are not this plan's (the capacity changed since its first attempt)
     */
    PreparedJob resolve(PreparedJob job) {
        PlannerProfilePlan plan = job.plannedProfile(JobLimits.from(config.limits()));
        Long named = plan.workload().maxKvTokens();
        if (named != null && !named.equals(plan.maxKvTokens())) {
            Log.infof("Job %s: the server tells a KV capacity of %d tokens; workload.maxKvTokens = %d is not used",
                    job.id(), plan.maxKvTokens(), named);
        }
        for (StoredPoint stored : points.points(job.id())) {
            int index = stored.pointIndex();
            if (index >= plan.points().size() || !plan.label(index).equals(stored.label())) {
                throw new InvalidJobException("the stored point " + index + " (" + stored.label() + ") is not point "
                        + index + " of the profile planned now with max_kv_tokens = " + plan.maxKvTokens()
                        + ": the engine's KV capacity changed since the job's first attempt; submit it again");
            }
        }
        states.plan(job.id(), plan.points().size());
        Log.infof("Job %s: %d planner-profile points (max_kv_tokens %d from the %s)", job.id(), plan.points().size(),
                plan.maxKvTokens(), plan.maxKvTokensSource());
        return job.withPlannerProfile(plan);
    }

    /**
     * Writes the planner's files from the points' summaries and stores them.
     *
     * @param summaries each point's summary, in plan order
     * @throws IllegalArgumentException when too few points have values to write the files, saying which
     */
    PlannerProfileOutcome finish(PreparedJob job, List<PointSummary> summaries) {
        PlannerProfilePlan plan = Objects.requireNonNull(job.plannerProfile());
        PlannerProfileOutcome outcome = PlannerProfileOutcome.of(plan, summaries);
        PlannerProfileFiles files = outcome.files();
        profiles.store(new StoredPlannerProfile(job.id(), files.prefillJson(), files.decodeJson(), files.prefillNpz(),
                files.decodeNpz(), files.maxKvTokens(), outcome.summary(plan, job.id()), null));
        Log.infof("Job %s: planner profile stored (%d prefill, %d decode points, %d bytes of JSON)", job.id(),
                files.prefillIsl().size(), files.xKvUsage().size(),
                (files.prefillJson() + files.decodeJson()).getBytes(StandardCharsets.UTF_8).length);
        return outcome;
    }
}
