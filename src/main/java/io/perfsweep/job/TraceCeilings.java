package io.perfsweep.job;

import java.util.ArrayList;
import java.util.List;

import io.perfsweep.datagen.TraceRequests;
import io.perfsweep.load.LoadPoint;
import io.perfsweep.load.SweepPlan;
import io.perfsweep.spec.InvalidJobException;
import io.perfsweep.spec.JobLimits;
import io.perfsweep.workload.TraceRequest;

/**
 * A trace fixes its prompt sizes and request counts only once it is read, so the job ceilings that a synthetic spec
 * meets when it is parsed are checked here on the rows: no row may ask for more input or output tokens than
 * {@code perfsweep.limits.max-isl}/{@code max-osl} (a trace must not let a job build prompts the spec could not ask
 * for), and no point may send more rows than the request ceilings allow.
 */
final class TraceCeilings {

    private TraceCeilings() {
    }

    /** @throws InvalidJobException naming the first offending rows, or the point or total over its ceiling */
    static void check(List<TraceRequest> rows, SweepPlan plan, JobLimits limits) {
        lengths(rows, limits);
        requestCounts(plan, limits);
    }

    private static void lengths(List<TraceRequest> rows, JobLimits limits) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            TraceRequest row = rows.get(i);
            if (row.inputTokens() > limits.maxIslTokens()) {
                problems.add("row " + (i + 1) + ": input_length " + row.inputTokens() + " exceeds "
                        + limits.maxIslTokens() + " (perfsweep.limits.max-isl)");
            }
            if (row.outputTokens() > limits.maxOslTokens()) {
                problems.add("row " + (i + 1) + ": output_length " + row.outputTokens() + " exceeds "
                        + limits.maxOslTokens() + " (perfsweep.limits.max-osl)");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidJobException(problems.size() + " trace row length(s) over the job ceilings: "
                    + TraceRequests.listed(problems));
        }
    }

    private static void requestCounts(SweepPlan plan, JobLimits limits) {
        long total = 0;
        for (LoadPoint point : plan.points()) {
            if (point.requestCount() > limits.maxRequestCount()) {
                throw new InvalidJobException("point " + point.label() + " sends " + point.requestCount()
                        + " trace rows, more than the maximum request count per point " + limits.maxRequestCount()
                        + " (perfsweep.limits.max-request-count)");
            }
            total += point.requestCount() + point.warmupRequestCount();
        }
        if (total > limits.maxTotalRequests()) {
            throw new InvalidJobException("load sends " + total + " requests in total (all points, warm-up included),"
                    + " more than the maximum " + limits.maxTotalRequests()
                    + " per job (perfsweep.limits.max-total-requests)");
        }
    }
}
