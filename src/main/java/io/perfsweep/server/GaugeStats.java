package io.perfsweep.server;

import java.util.LinkedHashMap;
import java.util.Map;

import io.perfsweep.metrics.MetricStats;

/**
 * AIPerf's gauge statistics over the raw samples in the window: the plain (not time-weighted) mean, min, max, the
 * sample standard deviation ({@code ddof = 1}, 0 for one sample) and NumPy's linear-interpolation percentiles
 * ({@link MetricStats#percentile}, shared with the client-side statistics).
 */
public record GaugeStats(long count, double avg, double min, double max, double std, double p1, double p5,
        double p10, double p25, double p50, double p75, double p90, double p95, double p99) implements SeriesStats {

    /** The statistics of {@code values}, which must not be empty. */
    public static GaugeStats of(double[] values) {
        // the client-side statistics, but for the sample (not population) standard deviation AIPerf uses for gauges
        MetricStats s = MetricStats.of(values).orElseThrow(() -> new IllegalArgumentException("no samples"));
        return new GaugeStats(values.length, s.avg(), s.min(), s.max(), sampleStd(values, s.avg()), s.p1(), s.p5(),
                s.p10(), s.p25(), s.p50(), s.p75(), s.p90(), s.p95(), s.p99());
    }

    private static double sampleStd(double[] values, double avg) {
        if (values.length < 2) {
            return 0;
        }
        double squares = 0;
        for (double value : values) {
            double deviation = value - avg;
            squares += deviation * deviation;
        }
        return Math.sqrt(squares / (values.length - 1));
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("avg", avg);
        json.put("min", min);
        json.put("max", max);
        json.put("std", std);
        json.put("p1", p1);
        json.put("p5", p5);
        json.put("p10", p10);
        json.put("p25", p25);
        json.put("p50", p50);
        json.put("p75", p75);
        json.put("p90", p90);
        json.put("p95", p95);
        json.put("p99", p99);
        return json;
    }
}
