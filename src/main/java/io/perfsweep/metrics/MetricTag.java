package io.perfsweep.metrics;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every metric a point summary can carry, with AIPerf's tag, header and display unit. Record metrics have one value
 * per request and get full statistics; aggregate metrics have one value per point and export only {@code avg}.
 * Tags marked as perfsweep extensions are not AIPerf tags; AIPerf readers ignore them.
 */
public enum MetricTag {
    // Record metrics (per request, base unit nanoseconds for times).
    TIME_TO_FIRST_TOKEN("time_to_first_token", "Time to First Token", DisplayUnit.MILLISECONDS, Kind.RECORD, false),
    TIME_TO_SECOND_TOKEN("time_to_second_token", "Time to Second Token", DisplayUnit.MILLISECONDS, Kind.RECORD, false),
    TIME_TO_FIRST_OUTPUT_TOKEN("time_to_first_output_token", "Time to First Output Token", DisplayUnit.MILLISECONDS,
            Kind.RECORD, false),
    REQUEST_LATENCY("request_latency", "Request Latency", DisplayUnit.MILLISECONDS, Kind.RECORD, false),
    INTER_TOKEN_LATENCY("inter_token_latency", "Inter Token Latency", DisplayUnit.MILLISECONDS, Kind.RECORD, false),
    INTER_CHUNK_LATENCY("inter_chunk_latency", "Inter Chunk Latency", DisplayUnit.MILLISECONDS, Kind.RECORD, false),
    OUTPUT_TOKEN_THROUGHPUT_PER_USER("output_token_throughput_per_user", "Output Token Throughput Per User",
            DisplayUnit.TOKENS_PER_SECOND_PER_USER, Kind.RECORD, true),
    PREFILL_THROUGHPUT_PER_USER("prefill_throughput_per_user", "Prefill Throughput Per User",
            DisplayUnit.TOKENS_PER_SECOND_PER_USER, Kind.RECORD, true),
    INPUT_SEQUENCE_LENGTH("input_sequence_length", "Input Sequence Length", DisplayUnit.TOKENS, Kind.RECORD, true),
    OUTPUT_SEQUENCE_LENGTH("output_sequence_length", "Output Sequence Length", DisplayUnit.TOKENS, Kind.RECORD, true),
    OUTPUT_TOKEN_COUNT("output_token_count", "Output Token Count", DisplayUnit.TOKENS, Kind.RECORD, true),
    REASONING_TOKEN_COUNT("reasoning_token_count", "Reasoning Token Count", DisplayUnit.TOKENS, Kind.RECORD, true),
    USAGE_PROMPT_TOKENS("usage_prompt_tokens", "Usage Prompt Tokens", DisplayUnit.TOKENS, Kind.RECORD, true),
    USAGE_COMPLETION_TOKENS("usage_completion_tokens", "Usage Completion Tokens", DisplayUnit.TOKENS, Kind.RECORD,
            true),
    USAGE_TOTAL_TOKENS("usage_total_tokens", "Usage Total Tokens", DisplayUnit.TOKENS, Kind.RECORD, true),
    USAGE_REASONING_TOKENS("usage_reasoning_tokens", "Usage Reasoning Tokens", DisplayUnit.TOKENS, Kind.RECORD, true),
    USAGE_PROMPT_CACHED_TOKENS("usage_prompt_cached_tokens", "Usage Prompt Cached Tokens", DisplayUnit.TOKENS,
            Kind.RECORD, true),
    USAGE_PROMPT_TOKENS_DIFF_PCT("usage_prompt_tokens_diff_pct", "Usage Prompt Diff", DisplayUnit.PERCENT, Kind.RECORD,
            false),
    USAGE_COMPLETION_TOKENS_DIFF_PCT("usage_completion_tokens_diff_pct", "Usage Completion Diff", DisplayUnit.PERCENT,
            Kind.RECORD, false),
    USAGE_REASONING_TOKENS_DIFF_PCT("usage_reasoning_tokens_diff_pct", "Usage Reasoning Diff", DisplayUnit.PERCENT,
            Kind.RECORD, false),
    OSL_MISMATCH_DIFF_PCT("osl_mismatch_diff_pct", "OSL Mismatch Diff", DisplayUnit.PERCENT, Kind.RECORD, false),
    /** perfsweep extension: latency measured from the intended (scheduled) start. */
    REQUEST_LATENCY_FROM_INTENDED_START("request_latency_from_intended_start", "Request Latency From Intended Start",
            DisplayUnit.MILLISECONDS, Kind.RECORD, false),
    /** perfsweep extension: TTFT measured from the intended (scheduled) start. */
    TIME_TO_FIRST_TOKEN_FROM_INTENDED_START("time_to_first_token_from_intended_start",
            "Time to First Token From Intended Start", DisplayUnit.MILLISECONDS, Kind.RECORD, false),
    /** perfsweep extension: how late each request was sent relative to its schedule. */
    SEND_DELAY("send_delay", "Send Delay", DisplayUnit.MILLISECONDS, Kind.RECORD, false),
    /** AIPerf's HTTP trace metric: pool wait plus connect (and TLS), part of TTFT and latency. */
    HTTP_REQ_CONNECTION_OVERHEAD("http_req_connection_overhead", "HTTP Request Connection Overhead",
            DisplayUnit.MILLISECONDS, Kind.RECORD, false),

    // Aggregate metrics (one value per point, already in display units).
    REQUEST_COUNT("request_count", "Request Count", DisplayUnit.REQUESTS, Kind.AGGREGATE, true),
    ERROR_REQUEST_COUNT("error_request_count", "Error Request Count", DisplayUnit.REQUESTS, Kind.AGGREGATE, false),
    GOOD_REQUEST_COUNT("good_request_count", "Good Request Count", DisplayUnit.REQUESTS, Kind.AGGREGATE, true),
    GOOD_REQUEST_FRACTION("good_request_fraction", "Good Request Fraction", DisplayUnit.RATIO, Kind.AGGREGATE, true),
    BENCHMARK_DURATION("benchmark_duration", "Benchmark Duration", DisplayUnit.SECONDS, Kind.AGGREGATE, false),
    REQUEST_THROUGHPUT("request_throughput", "Request Throughput", DisplayUnit.REQUESTS_PER_SECOND, Kind.AGGREGATE,
            true),
    OUTPUT_TOKEN_THROUGHPUT("output_token_throughput", "Output Token Throughput", DisplayUnit.TOKENS_PER_SECOND,
            Kind.AGGREGATE, true),
    TOTAL_TOKEN_THROUGHPUT("total_token_throughput", "Total Token Throughput", DisplayUnit.TOKENS_PER_SECOND,
            Kind.AGGREGATE, true),
    GOODPUT("goodput", "Goodput", DisplayUnit.REQUESTS_PER_SECOND, Kind.AGGREGATE, true),
    TOTAL_ISL("total_isl", "Total Input Sequence Length", DisplayUnit.TOKENS, Kind.AGGREGATE, true),
    TOTAL_OSL("total_osl", "Total Output Sequence Length", DisplayUnit.TOKENS, Kind.AGGREGATE, true),
    USAGE_DISCREPANCY_COUNT("usage_discrepancy_count", "Usage Discrepancy Count", DisplayUnit.REQUESTS,
            Kind.AGGREGATE, false),
    OSL_MISMATCH_COUNT("osl_mismatch_count", "OSL Mismatch Count", DisplayUnit.REQUESTS, Kind.AGGREGATE, false),
    /** perfsweep extension: time-weighted mean number of requests in flight, see {@link AchievedConcurrency}. */
    ACHIEVED_CONCURRENCY("achieved_concurrency", "Achieved Concurrency", DisplayUnit.REQUESTS, Kind.AGGREGATE, true);

    /** Whether a metric has one value per request or one per point. */
    public enum Kind {
        RECORD,
        AGGREGATE
    }

    private final String tag;
    private final String header;
    private final DisplayUnit unit;
    private final Kind kind;
    private final boolean largerIsBetter;

    MetricTag(String tag, String header, DisplayUnit unit, Kind kind, boolean largerIsBetter) {
        this.tag = tag;
        this.header = header;
        this.unit = unit;
        this.kind = kind;
        this.largerIsBetter = largerIsBetter;
    }

    /** AIPerf's tag, the key in {@code profile_export_aiperf.json}. */
    public String tag() {
        return tag;
    }

    /** AIPerf's human-readable header, used in the CSV. */
    public String header() {
        return header;
    }

    /** The unit values are shown in. */
    public DisplayUnit unit() {
        return unit;
    }

    /** Whether the metric has per-request values or one value per point. */
    public Kind kind() {
        return kind;
    }

    /** AIPerf's {@code LARGER_IS_BETTER} flag; it sets the direction of an SLO comparison. */
    public boolean largerIsBetter() {
        return largerIsBetter;
    }

    /** The metric with this AIPerf tag, if perfsweep knows it. */
    public static Optional<MetricTag> fromTag(String tag) {
        return Arrays.stream(values()).filter(t -> t.tag.equals(tag)).findFirst();
    }
}
