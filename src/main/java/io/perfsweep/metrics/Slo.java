package io.perfsweep.metrics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Service-level objectives that make a request "good" (AIPerf {@code --goodput}). Every threshold is optional
 * (null) and in display units. A request is good only when it is valid and <b>every</b> set threshold holds, compared
 * in the metric's direction: latencies must be {@code ≤} their threshold, throughputs {@code ≥}. A request missing a
 * metric that has a threshold is not good.
 *
 * @param timeToFirstTokenMs upper bound on {@code time_to_first_token}, ms
 * @param interTokenLatencyMs upper bound on {@code inter_token_latency}, ms
 * @param requestLatencyMs upper bound on {@code request_latency}, ms
 * @param minOutputTokenThroughputPerUser lower bound on {@code output_token_throughput_per_user}, tokens/sec/user
 */
public record Slo(Double timeToFirstTokenMs, Double interTokenLatencyMs, Double requestLatencyMs,
        Double minOutputTokenThroughputPerUser) {

    /** No objectives: a point summarized with it has no good-request metrics. */
    public static final Slo NONE = new Slo(null, null, null, null);

    public Slo {
        requireValid(timeToFirstTokenMs, "timeToFirstTokenMs");
        requireValid(interTokenLatencyMs, "interTokenLatencyMs");
        requireValid(requestLatencyMs, "requestLatencyMs");
        requireValid(minOutputTokenThroughputPerUser, "minOutputTokenThroughputPerUser");
    }

    private static void requireValid(Double threshold, String name) {
        if (threshold != null && !(threshold >= 0 && Double.isFinite(threshold))) {
            throw new IllegalArgumentException(name + " must be a finite number ≥ 0, was " + threshold);
        }
    }

    /** The thresholds that are set, by metric, in display units. */
    public Map<MetricTag, Double> thresholds() {
        Map<MetricTag, Double> thresholds = new EnumMap<>(MetricTag.class);
        putIfSet(thresholds, MetricTag.TIME_TO_FIRST_TOKEN, timeToFirstTokenMs);
        putIfSet(thresholds, MetricTag.INTER_TOKEN_LATENCY, interTokenLatencyMs);
        putIfSet(thresholds, MetricTag.REQUEST_LATENCY, requestLatencyMs);
        putIfSet(thresholds, MetricTag.OUTPUT_TOKEN_THROUGHPUT_PER_USER, minOutputTokenThroughputPerUser);
        return Collections.unmodifiableMap(thresholds);
    }

    private static void putIfSet(Map<MetricTag, Double> thresholds, MetricTag tag, Double threshold) {
        if (threshold != null) {
            thresholds.put(tag, threshold);
        }
    }

    /** Whether no threshold is set. */
    public boolean isEmpty() {
        return thresholds().isEmpty();
    }

    /** Whether a valid request's metrics meet every threshold; a missing metric fails its threshold. */
    public boolean isMetBy(RecordMetricValues values) {
        for (Map.Entry<MetricTag, Double> threshold : thresholds().entrySet()) {
            MetricTag tag = threshold.getKey();
            OptionalDouble value = values.get(tag);
            double limit = tag.unit().toBase(threshold.getValue());
            if (value.isEmpty() || !holds(tag, value.getAsDouble(), limit)) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(MetricTag tag, double value, double limit) {
        return tag.largerIsBetter() ? value >= limit : value <= limit;
    }
}
