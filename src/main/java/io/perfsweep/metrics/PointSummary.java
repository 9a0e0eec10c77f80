package io.perfsweep.metrics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Everything measured at one sweep point, in AIPerf's display units (ms, tokens, tokens/sec, …). Built by
 * {@link PointSummarizer}; a metric without a value is absent from its map, never zero.
 *
 * @param recordMetrics statistics of each per-request metric that had at least one value
 * @param aggregates one value per point: counts, duration (sec), throughputs, goodput, achieved concurrency
 * @param errorSummary failed requests grouped by identical error, in order of first occurrence
 * @param minRequestTimestampEpochNanos wall-clock send of the first valid request (AIPerf
 *        {@code min_request_timestamp})
 * @param maxResponseTimestampEpochNanos wall-clock last content response of the last valid request (AIPerf
 *        {@code max_response_timestamp})
 * @param clientHealth whether the client distorted the point's timings, or null when it was not measured (points
 *        summarized from stored records, results of older versions)
 */
public record PointSummary(Map<MetricTag, MetricStats> recordMetrics, Map<MetricTag, Double> aggregates,
        List<ErrorCount> errorSummary, OptionalLong minRequestTimestampEpochNanos,
        OptionalLong maxResponseTimestampEpochNanos, ClientHealth clientHealth) {

    /** A summary without a client-health verdict. */
    public PointSummary(Map<MetricTag, MetricStats> recordMetrics, Map<MetricTag, Double> aggregates,
            List<ErrorCount> errorSummary, OptionalLong minRequestTimestampEpochNanos,
            OptionalLong maxResponseTimestampEpochNanos) {
        this(recordMetrics, aggregates, errorSummary, minRequestTimestampEpochNanos, maxResponseTimestampEpochNanos,
                null);
    }

    public PointSummary {
        recordMetrics = Collections.unmodifiableMap(copy(recordMetrics));
        aggregates = Collections.unmodifiableMap(copy(aggregates));
        errorSummary = List.copyOf(errorSummary);
    }

    private static <V> Map<MetricTag, V> copy(Map<MetricTag, V> map) {
        return map.isEmpty() ? new EnumMap<>(MetricTag.class) : new EnumMap<>(map);
    }

    /** This summary with the client's verdict on its measured window. */
    public PointSummary withClientHealth(ClientHealth health) {
        return new PointSummary(recordMetrics, aggregates, errorSummary, minRequestTimestampEpochNanos,
                maxResponseTimestampEpochNanos, health);
    }

    /** The client-health verdict, when measured. */
    public Optional<ClientHealth> health() {
        return Optional.ofNullable(clientHealth);
    }

    /** True when the client measured its own window and judged it distorted. */
    public boolean clientDistorted() {
        return clientHealth != null && clientHealth.distorted();
    }

    /** Statistics of a record metric in display units, or empty when no request had a value. */
    public Optional<MetricStats> stats(MetricTag tag) {
        return Optional.ofNullable(recordMetrics.get(tag));
    }

    /** An aggregate metric in display units, or empty when it has no value at this point. */
    public OptionalDouble aggregate(MetricTag tag) {
        Double value = aggregates.get(tag);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** Valid (successful) requests, AIPerf {@code request_count}. */
    public long requestCount() {
        return (long) aggregate(MetricTag.REQUEST_COUNT).orElse(0);
    }

    /** Failed requests, AIPerf {@code error_request_count}. */
    public long errorRequestCount() {
        return (long) aggregate(MetricTag.ERROR_REQUEST_COUNT).orElse(0);
    }

    /** Failed requests by error type ({@link RequestError#type()}), in order of first occurrence. */
    public Map<String, Long> errorCountsByType() {
        Map<String, Long> byType = new LinkedHashMap<>();
        errorSummary.forEach(e -> byType.merge(e.error().type(), e.count(), Long::sum));
        return Collections.unmodifiableMap(byType);
    }
}
