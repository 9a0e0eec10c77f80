package io.perfsweep.metrics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Every record metric of one request, in base units (nanoseconds for times). A metric without a value is absent,
 * never zero. A metric whose formula rejects the record (a response before the send) is left out, as AIPerf logs
 * and skips it.
 */
public final class RecordMetricValues {

    private static final Map<MetricTag, Function<RequestRecord, OptionalDouble>> SCALARS = scalarMetrics();

    private final Map<MetricTag, Double> scalars;
    private final long[] interChunkLatencyNanos;

    private RecordMetricValues(Map<MetricTag, Double> scalars, long[] interChunkLatencyNanos) {
        this.scalars = Collections.unmodifiableMap(scalars);
        this.interChunkLatencyNanos = interChunkLatencyNanos;
    }

    /** Computes every record metric of a request. */
    public static RecordMetricValues of(RequestRecord record) {
        Map<MetricTag, Double> values = new EnumMap<>(MetricTag.class);
        SCALARS.forEach((tag, metric) -> valueOf(metric, record).ifPresent(v -> values.put(tag, v)));
        return new RecordMetricValues(values, InterChunkLatency.nanos(record));
    }

    private static OptionalDouble valueOf(Function<RequestRecord, OptionalDouble> metric, RequestRecord record) {
        try {
            return metric.apply(record);
        } catch (IllegalArgumentException rejected) {
            return OptionalDouble.empty();
        }
    }

    /** The value of a scalar record metric in its base unit, or empty when it has none. */
    public OptionalDouble get(MetricTag tag) {
        Double value = scalars.get(tag);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** Scalar record metrics that have a value, in base units, in {@link MetricTag} order. */
    public Map<MetricTag, Double> scalars() {
        return scalars;
    }

    /** Inter-chunk gaps in nanoseconds; empty when the request had fewer than two responses. */
    public long[] interChunkLatencyNanos() {
        return interChunkLatencyNanos.clone();
    }

    private static Map<MetricTag, Function<RequestRecord, OptionalDouble>> scalarMetrics() {
        Map<MetricTag, Function<RequestRecord, OptionalDouble>> metrics = new LinkedHashMap<>();
        metrics.put(MetricTag.TIME_TO_FIRST_TOKEN, longs(TimeToFirstToken::nanos));
        metrics.put(MetricTag.TIME_TO_SECOND_TOKEN, longs(TimeToSecondToken::nanos));
        metrics.put(MetricTag.TIME_TO_FIRST_OUTPUT_TOKEN, longs(TimeToFirstOutputToken::nanos));
        metrics.put(MetricTag.REQUEST_LATENCY, longs(RequestLatency::nanos));
        metrics.put(MetricTag.INTER_TOKEN_LATENCY, InterTokenLatency::nanos);
        metrics.put(MetricTag.OUTPUT_TOKEN_THROUGHPUT_PER_USER, OutputTokenThroughputPerUser::tokensPerSecond);
        metrics.put(MetricTag.PREFILL_THROUGHPUT_PER_USER, PrefillThroughputPerUser::tokensPerSecond);
        metrics.put(MetricTag.INPUT_SEQUENCE_LENGTH, longs(InputSequenceLength::tokens));
        metrics.put(MetricTag.OUTPUT_SEQUENCE_LENGTH, longs(OutputSequenceLength::tokens));
        metrics.put(MetricTag.OUTPUT_TOKEN_COUNT, longs(OutputTokenCount::tokens));
        metrics.put(MetricTag.REASONING_TOKEN_COUNT, longs(ReasoningTokenCount::tokens));
        metrics.put(MetricTag.USAGE_PROMPT_TOKENS, longs(UsageTokens::prompt));
        metrics.put(MetricTag.USAGE_COMPLETION_TOKENS, longs(UsageTokens::completion));
        metrics.put(MetricTag.USAGE_TOTAL_TOKENS, longs(UsageTokens::total));
        metrics.put(MetricTag.USAGE_REASONING_TOKENS, longs(UsageTokens::reasoning));
        metrics.put(MetricTag.USAGE_PROMPT_CACHED_TOKENS, longs(UsageTokens::cached));
        metrics.put(MetricTag.USAGE_PROMPT_TOKENS_DIFF_PCT, UsageDiffPercent::prompt);
        metrics.put(MetricTag.USAGE_COMPLETION_TOKENS_DIFF_PCT, UsageDiffPercent::completion);
        metrics.put(MetricTag.USAGE_REASONING_TOKENS_DIFF_PCT, UsageDiffPercent::reasoning);
        metrics.put(MetricTag.OSL_MISMATCH_DIFF_PCT, OslMismatch::diffPercent);
        metrics.put(MetricTag.REQUEST_LATENCY_FROM_INTENDED_START, longs(RequestLatencyFromIntendedStart::nanos));
        metrics.put(MetricTag.TIME_TO_FIRST_TOKEN_FROM_INTENDED_START, longs(TimeToFirstTokenFromIntendedStart::nanos));
        metrics.put(MetricTag.SEND_DELAY, r -> OptionalDouble.of(SendDelay.nanos(r)));
        metrics.put(MetricTag.HTTP_REQ_CONNECTION_OVERHEAD, r -> OptionalDouble.of(ConnectionOverhead.nanos(r)));
        return metrics;
    }

    private static Function<RequestRecord, OptionalDouble> longs(Function<RequestRecord, OptionalLong> metric) {
        return record -> {
            OptionalLong value = metric.apply(record);
            return value.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(value.getAsLong());
        };
    }
}
