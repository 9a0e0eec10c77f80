package io.perfsweep.job;

import java.util.ArrayList;
import java.util.List;

import io.perfsweep.metrics.PointSummary;
import io.perfsweep.report.PrefixRatioResults;
import io.perfsweep.spec.JobSpec;
import io.perfsweep.store.StoredPoint;

/**
 * The router script's {@code results_summary.json} of a prefix-ratio job, from its point summaries: for the
 * completion event as it finishes, and for the API from the points stored in PostgreSQL.
 */
public final class PrefixRatioSummaries {

    private PrefixRatioSummaries() {
    }

    /** From the summaries of every ratio, in run order. */
    static PrefixRatioResults of(PreparedJob job, List<PointSummary> summaries) {
        var benchmark = job.prefixRatio();
        List<PrefixRatioResults.Point> points = new ArrayList<>();
        for (int i = 0; i < summaries.size(); i++) {
            points.add(new PrefixRatioResults.Point(benchmark.ratio(i), summaries.get(i)));
        }
        return PrefixRatioResults.of(points, new PrefixRatioResults.Config(job.sweep().model(),
                job.sweep().model(), benchmark.islTokens(), benchmark.oslTokens(), benchmark.requests(),
                benchmark.concurrency(), benchmark.initialSeed()));
    }

    /**
     * From a stored job's spec and points (those carrying a ratio, in sweep order); the tokenizer a job uses is its
     * model's.
     */
    public static PrefixRatioResults of(JobSpec spec, List<StoredPoint> stored) {
        var benchmark = SweepSpecs.prefixRatioSpec(spec);
        List<PrefixRatioResults.Point> points = stored.stream().filter(p -> p.prefixRatio() != null)
                .map(p -> new PrefixRatioResults.Point(p.prefixRatio(), p.summary())).toList();
        return PrefixRatioResults.of(points, new PrefixRatioResults.Config(spec.target().model(),
                spec.target().model(), benchmark.islTokens(), benchmark.oslTokens(), benchmark.requests(),
                benchmark.concurrency(), benchmark.initialSeed()));
    }
}
