package io.perfsweep.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.perfsweep.metrics.PointSummary;
import io.perfsweep.store.PointSummaryJson;
import io.perfsweep.store.StoredPoint;

/**
 * One job as the reports see it: its header and its points as stored in PostgreSQL, in sweep order.
 *
 * @param header the job's identity, state and timings
 * @param points the stored points, in sweep order
 */
public record JobReport(JobHeader header, List<StoredPoint> points) {

    public JobReport {
        points = List.copyOf(points);
    }

    /**
     * The closed-loop points as the plots and {@code SUMMARY.txt} read runs from disk, so a stored job and its exported
     * files give the same numbers. Open-loop points (no concurrency, or a rate) have no place on a concurrency axis and
     * are left out; the tables still show them.
     *
     * @param seriesName the run's name in plots and summaries (unique within one comparison)
     */
    public RunResults runResults(String seriesName) {
        List<RunResults.Point> closedLoop = new ArrayList<>();
        for (StoredPoint point : points) {
            if (point.concurrency() != null && point.requestRatePerSecond() == null) {
                closedLoop.add(new RunResults.Point(point.concurrency(), aiperfResult(point)));
            }
        }
        return new RunResults(seriesName, header.gpus(), "job deployment", closedLoop, List.of());
    }

    /** The stored summary in the shape {@link AiperfExport#read} gives for a {@value AiperfExport#JSON_FILE}. */
    static AiperfResult aiperfResult(StoredPoint point) {
        return aiperfResult(point.summary(), point.jobId() + "-" + point.label());
    }

    static AiperfResult aiperfResult(PointSummary summary, String benchmarkId) {
        Map<String, AiperfResult.Metric> metrics = new HashMap<>();
        PointSummaryJson.toJson(summary).forEach((tag, node) -> {
            if (node instanceof Map<?, ?> fields && fields.get("unit") instanceof String unit) {
                Map<String, Double> stats = new HashMap<>();
                fields.forEach((stat, value) -> {
                    if (value instanceof Number number) {
                        stats.put(stat.toString(), number.doubleValue());
                    }
                });
                metrics.put(tag, new AiperfResult.Metric(unit, stats));
            }
        });
        return new AiperfResult(AiperfExport.SCHEMA_VERSION, AiperfExport.PRODUCER_VERSION, benchmarkId, metrics,
                summary.clientHealth());
    }
}
