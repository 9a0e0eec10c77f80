package io.perfsweep.metrics;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.ToDoubleFunction;

/**
 * The summaries of one point's trials (the point run N times back to back, AIPerf's {@code --num-profile-runs}), and
 * what the point reports from them: per metric statistic, the mean over trials with its confidence interval
 * ({@link TrialConfidence}), keyed as AIPerf's aggregate keys them, {@code <tag>_<stat>} (e.g.
 * {@code time_to_first_token_p99}, {@code request_throughput_avg}).
 *
 * @param trials each trial's summary, in the order they ran; at least one
 */
public record PointTrials(List<PointSummary> trials) {

    /** The statistics of a record metric AIPerf aggregates (its {@code STAT_KEYS}), in its order. */
    public static final List<String> STATS = List.of("avg", "min", "max", "p1", "p5", "p10", "p25", "p50", "p75",
            "p90", "p95", "p99", "std");

    public PointTrials {
        trials = List.copyOf(trials);
        if (trials.isEmpty()) {
            throw new IllegalArgumentException("a point has one trial or more");
        }
    }

    /** How many trials ran. */
    public int count() {
        return trials.size();
    }

    /**
     * Every statistic of every metric some trial measured, over the trials that measured it, keyed
     * {@code <tag>_<stat>}: record metrics with {@link #STATS}, aggregates (throughputs, counts) as {@code _avg}.
     */
    public Map<String, Aggregated> aggregate(double level) {
        Map<String, Aggregated> out = new LinkedHashMap<>();
        for (MetricTag tag : MetricTag.values()) {
            if (tag.kind() == MetricTag.Kind.RECORD) {
                List<MetricStats> present = trials.stream().flatMap(t -> t.stats(tag).stream()).toList();
                if (!present.isEmpty()) {
                    for (String stat : STATS) {
                        double[] values = present.stream().mapToDouble(s -> stat(s, stat)).toArray();
                        out.put(tag.tag() + "_" + stat, new Aggregated(tag, stat, TrialConfidence.of(values, level)));
                    }
                }
            } else {
                double[] values = trials.stream().flatMapToDouble(t -> t.aggregate(tag).stream()).toArray();
                if (values.length > 0) {
                    out.put(tag.tag() + "_avg", new Aggregated(tag, "avg", TrialConfidence.of(values, level)));
                }
            }
        }
        return out;
    }

    /**
     * One summary standing for the point: each statistic the mean of the trials' (AIPerf's aggregate {@code mean},
     * so counts and throughputs are per trial), failures of every trial summed by identical error, the first send
     * and the last response over all trials, and the client's health distorted if it was in any trial. With one
     * trial, that trial's summary.
     */
    public PointSummary mean() {
        if (trials.size() == 1) {
            return trials.get(0);
        }
        Map<MetricTag, MetricStats> records = new EnumMap<>(MetricTag.class);
        Map<MetricTag, Double> aggregates = new EnumMap<>(MetricTag.class);
        for (MetricTag tag : MetricTag.values()) {
            List<MetricStats> present = trials.stream().flatMap(t -> t.stats(tag).stream()).toList();
            if (!present.isEmpty()) {
                records.put(tag, meanStats(present));
            }
            double[] values = trials.stream().flatMapToDouble(t -> t.aggregate(tag).stream()).toArray();
            if (values.length > 0) {
                aggregates.put(tag, TrialConfidence.of(values, TrialConfidence.DEFAULT_LEVEL).mean());
            }
        }
        Map<RequestError, Long> errors = new LinkedHashMap<>();
        trials.forEach(t -> t.errorSummary().forEach(e -> errors.merge(e.error(), e.count(), Long::sum)));
        List<ErrorCount> errorSummary = new ArrayList<>();
        errors.forEach((error, count) -> errorSummary.add(new ErrorCount(error, count)));
        OptionalLong first = trials.stream().flatMapToLong(t -> t.minRequestTimestampEpochNanos().stream()).min();
        OptionalLong last = trials.stream().flatMapToLong(t -> t.maxResponseTimestampEpochNanos().stream()).max();
        ClientHealth health = trials.stream().map(PointSummary::clientHealth).filter(h -> h != null && h.distorted())
                .findFirst().orElse(trials.get(trials.size() - 1).clientHealth());
        return new PointSummary(records, aggregates, errorSummary, first, last, health);
    }

    private static MetricStats meanStats(List<MetricStats> stats) {
        return new MetricStats(Math.round(mean(stats, MetricStats::count)), mean(stats, MetricStats::sum),
                mean(stats, MetricStats::avg), mean(stats, MetricStats::min), mean(stats, MetricStats::max),
                mean(stats, MetricStats::p1), mean(stats, MetricStats::p5), mean(stats, MetricStats::p10),
                mean(stats, MetricStats::p25), mean(stats, MetricStats::p50), mean(stats, MetricStats::p75),
                mean(stats, MetricStats::p90), mean(stats, MetricStats::p95), mean(stats, MetricStats::p99),
                mean(stats, MetricStats::std));
    }

    private static double mean(List<MetricStats> stats, ToDoubleFunction<MetricStats> field) {
        return stats.stream().mapToDouble(field).average().orElseThrow();
    }

    /** A statistic of {@link #STATS} read from a metric's statistics. */
    static double stat(MetricStats s, String stat) {
        return switch (stat) {
            case "avg" -> s.avg();
            case "min" -> s.min();
            case "max" -> s.max();
            case "p1" -> s.p1();
            case "p5" -> s.p5();
            case "p10" -> s.p10();
            case "p25" -> s.p25();
            case "p50" -> s.p50();
            case "p75" -> s.p75();
            case "p90" -> s.p90();
            case "p95" -> s.p95();
            case "p99" -> s.p99();
            case "std" -> s.std();
            default -> throw new IllegalArgumentException("unknown statistic " + stat);
        };
    }

    /**
     * One statistic of one metric over the trials.
     *
     * @param tag the metric (its unit is the display unit of the summaries)
     * @param stat {@code avg}, {@code p99}, …
     * @param confidence the mean over trials and its interval
     */
    public record Aggregated(MetricTag tag, String stat, TrialConfidence confidence) {
    }
}
