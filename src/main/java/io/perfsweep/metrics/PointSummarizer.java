package io.perfsweep.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Turns the records of one sweep point into a {@link PointSummary}, following AIPerf's split: record metrics are
 * computed for valid requests only; failed requests only count as errors (and against
 * {@code good_request_fraction}).
 * <p>
 * Statistics come from the exact per-request values ({@link MetricStats}), not from histograms, so that every
 * exported percentile equals what AIPerf's {@code np.percentile} would report for the same requests.
 */
public final class PointSummarizer {

    private PointSummarizer() {
    }

    /** Summarizes one point; {@code slo} may be {@link Slo#NONE}, which leaves out the good-request metrics. */
    public static PointSummary summarize(List<RequestRecord> records, Slo slo) {
        List<RequestRecord> valid = new ArrayList<>();
        List<RequestRecord> failed = new ArrayList<>();
        for (RequestRecord record : records) {
            (record.valid() ? valid : failed).add(record);
        }
        List<RecordMetricValues> values = valid.stream().map(RecordMetricValues::of).toList();
        BenchmarkWindow window = BenchmarkWindow.of(valid, values);
        Map<MetricTag, Double> aggregates = PointAggregates.of(records, valid, values, window, slo);
        return new PointSummary(recordStats(values), aggregates, errorSummary(failed),
                window.minRequestEpochNanos(), window.maxResponseEpochNanos());
    }

    private static Map<MetricTag, MetricStats> recordStats(List<RecordMetricValues> values) {
        Map<MetricTag, MetricStats> stats = new EnumMap<>(MetricTag.class);
        for (MetricTag tag : MetricTag.values()) {
            if (tag.kind() == MetricTag.Kind.RECORD) {
                MetricStats.of(valuesOf(tag, values)).ifPresent(s -> stats.put(tag, s.inUnit(tag.unit())));
            }
        }
        return stats;
    }

    /** All values of one metric over the point, in base units; inter-chunk gaps of every request are pooled. */
    static double[] valuesOf(MetricTag tag, List<RecordMetricValues> values) {
        if (tag == MetricTag.INTER_CHUNK_LATENCY) {
            return values.stream().flatMapToLong(v -> Arrays.stream(v.interChunkLatencyNanos()))
                    .asDoubleStream().toArray();
        }
        return values.stream().map(v -> v.get(tag)).filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble)
                .toArray();
    }

    private static List<ErrorCount> errorSummary(List<RequestRecord> failed) {
        Map<RequestError, Long> counts = new LinkedHashMap<>();
        failed.forEach(record -> counts.merge(record.error(), 1L, Long::sum));
        return counts.entrySet().stream().map(e -> new ErrorCount(e.getKey(), e.getValue())).toList();
    }

    /** The wall-clock window AIPerf divides by: first valid send to last valid content response. */
    record BenchmarkWindow(OptionalLong minRequestEpochNanos, OptionalLong maxResponseEpochNanos) {

        static BenchmarkWindow of(List<RequestRecord> valid, List<RecordMetricValues> values) {
            OptionalLong minRequest = valid.stream().mapToLong(RequestRecord::wallStartEpochNanos).min();
            OptionalLong maxResponse = OptionalLong.empty();
            for (int i = 0; i < valid.size(); i++) {
                OptionalDouble latency = values.get(i).get(MetricTag.REQUEST_LATENCY);
                if (latency.isPresent()) {
                    long response = valid.get(i).wallStartEpochNanos() + (long) latency.getAsDouble();
                    maxResponse = OptionalLong.of(Math.max(response, maxResponse.orElse(Long.MIN_VALUE)));
                }
            }
            return new BenchmarkWindow(minRequest, maxResponse);
        }

        /** {@code max_response − min_request} in seconds, or empty when not positive or unknown. */
        OptionalDouble durationSeconds() {
            if (minRequestEpochNanos.isEmpty() || maxResponseEpochNanos.isEmpty()) {
                return OptionalDouble.empty();
            }
            long nanos = maxResponseEpochNanos.getAsLong() - minRequestEpochNanos.getAsLong();
            return nanos <= 0 ? OptionalDouble.empty()
                    : OptionalDouble.of(DisplayUnit.SECONDS.fromBase(nanos));
        }
    }
}
