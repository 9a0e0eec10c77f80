package io.perfsweep.store;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

import io.perfsweep.metrics.MetricStats;
import io.perfsweep.metrics.MetricTag;
import io.perfsweep.metrics.PointSummary;

/**
 * Copies the numbers people query from a {@link PointSummary} into {@link SweepPointEntity}'s typed columns, in the
 * summary's display units. A metric the summary lacks becomes null, never 0.
 */
public final class PointColumns {

    private PointColumns() {
    }

    /**
     * Fills the typed columns and the JSON summary.
     *
     * @param gpus GPUs serving the target (from the deployment shape); {@code tokens_per_sec_per_gpu} is
     *        {@code output_token_throughput / gpus} and stays null when {@code gpus} is null or not positive
     */
    public static void apply(SweepPointEntity point, PointSummary summary, Integer gpus) {
        point.summary = PointSummaryJson.toJson(summary);
        point.gpus = gpus;
        Optional<MetricStats> ttft = summary.stats(MetricTag.TIME_TO_FIRST_TOKEN);
        point.ttftAvgMillis = field(ttft, MetricStats::avg);
        point.ttftP50Millis = field(ttft, MetricStats::p50);
        point.ttftP90Millis = field(ttft, MetricStats::p90);
        point.ttftP99Millis = field(ttft, MetricStats::p99);
        Optional<MetricStats> itl = summary.stats(MetricTag.INTER_TOKEN_LATENCY);
        point.itlAvgMillis = field(itl, MetricStats::avg);
        point.itlP50Millis = field(itl, MetricStats::p50);
        point.itlP90Millis = field(itl, MetricStats::p90);
        point.itlP99Millis = field(itl, MetricStats::p99);
        Optional<MetricStats> latency = summary.stats(MetricTag.REQUEST_LATENCY);
        point.latencyAvgMillis = field(latency, MetricStats::avg);
        point.latencyP50Millis = field(latency, MetricStats::p50);
        point.latencyP90Millis = field(latency, MetricStats::p90);
        point.latencyP99Millis = field(latency, MetricStats::p99);
        point.tokensPerSecondPerUser = field(summary.stats(MetricTag.OUTPUT_TOKEN_THROUGHPUT_PER_USER),
                MetricStats::avg);
        point.requestsPerSecond = boxed(summary.aggregate(MetricTag.REQUEST_THROUGHPUT));
        point.outputTokensPerSecond = boxed(summary.aggregate(MetricTag.OUTPUT_TOKEN_THROUGHPUT));
        point.tokensPerSecondPerGpu = point.outputTokensPerSecond == null || gpus == null || gpus <= 0 ? null
                : point.outputTokensPerSecond / gpus;
        point.goodputRequestsPerSecond = boxed(summary.aggregate(MetricTag.GOODPUT));
        point.goodRequestFraction = boxed(summary.aggregate(MetricTag.GOOD_REQUEST_FRACTION));
        point.achievedConcurrency = boxed(summary.aggregate(MetricTag.ACHIEVED_CONCURRENCY));
        point.requestCount = summary.requestCount();
        point.errorCount = summary.errorRequestCount();
    }

    private static Double field(Optional<MetricStats> stats, ToDoubleFunction<MetricStats> getter) {
        return stats.map(getter::applyAsDouble).filter(Double::isFinite).orElse(null);
    }

    private static Double boxed(OptionalDouble value) {
        return value.isPresent() && Double.isFinite(value.getAsDouble()) ? value.getAsDouble() : null;
    }
}
