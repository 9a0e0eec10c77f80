package io.perfsweep.store;

import java.util.List;
import java.util.OptionalDouble;

import io.perfsweep.metrics.MetricTag;
import io.perfsweep.metrics.RecordMetricValues;
import io.perfsweep.metrics.RequestError;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.metrics.Usage;

/**
 * Renders request records as rows of PostgreSQL's COPY text format (tab-separated, {@code \N} for null, backslash
 * escapes). The derived columns ({@code ttft_ns}, {@code latency_ns}, {@code itl_ns}) are filled for valid records
 * only, with the same formulas as the point summary; the raw timestamps are always kept.
 */
final class RequestRecordCopyRows {

    /** The column list of the {@code COPY request_record (…)} statement, in row order. */
    static final List<String> COLUMNS = List.of("point_id", "seq", "request_id", "intended_start_ns", "sent_ns",
            "end_ns", "wall_start_epoch_ns", "ttft_ns", "latency_ns", "itl_ns", "response_ns", "first_output_index",
            "requested_output_tokens", "input_tokens", "output_tokens", "reasoning_tokens", "usage_prompt_tokens",
            "usage_completion_tokens", "usage_total_tokens", "usage_reasoning_tokens", "cached_tokens", "error_code",
            "error_type", "error_message", "connection_overhead_ns");

    private static final String NULL = "\\N";

    private RequestRecordCopyRows() {
    }

    /** Appends one row, newline included. */
    static void append(StringBuilder row, long pointId, int seq, RequestRecord record) {
        row.append(pointId).append('\t').append(seq).append('\t').append(NULL).append('\t');
        row.append(record.intendedStartNanos()).append('\t').append(record.sentNanos()).append('\t');
        row.append(record.endNanos()).append('\t').append(record.wallStartEpochNanos()).append('\t');
        appendDerived(row, record);
        appendArray(row, record.responseNanos());
        row.append('\t').append(record.firstOutputIndex()).append('\t').append(record.requestedOutputTokens());
        appendValue(row, record.inputTokens());
        appendValue(row, record.outputTokens());
        appendValue(row, record.reasoningTokens());
        Usage usage = record.usage();
        appendValue(row, usage == null ? null : usage.promptTokens());
        appendValue(row, usage == null ? null : usage.completionTokens());
        appendValue(row, usage == null ? null : usage.totalTokens());
        appendValue(row, usage == null ? null : usage.reasoningTokens());
        appendValue(row, usage == null ? null : usage.cachedTokens());
        RequestError error = record.error();
        appendValue(row, error == null ? null : error.code());
        row.append('\t');
        appendText(row, error == null ? null : error.type());
        row.append('\t');
        appendText(row, error == null ? null : error.message());
        row.append('\t').append(record.connectionOverheadNanos());
        row.append('\n');
    }

    private static void appendDerived(StringBuilder row, RequestRecord record) {
        if (!record.valid()) {
            row.append(NULL).append('\t').append(NULL).append('\t').append(NULL).append('\t');
            return;
        }
        RecordMetricValues values = RecordMetricValues.of(record);
        appendLong(row, values.get(MetricTag.TIME_TO_FIRST_TOKEN));
        appendLong(row, values.get(MetricTag.REQUEST_LATENCY));
        OptionalDouble itl = values.get(MetricTag.INTER_TOKEN_LATENCY);
        row.append(itl.isPresent() ? Double.toString(itl.getAsDouble()) : NULL).append('\t');
    }

    private static void appendLong(StringBuilder row, OptionalDouble nanos) {
        row.append(nanos.isPresent() ? Long.toString((long) nanos.getAsDouble()) : NULL).append('\t');
    }

    private static void appendArray(StringBuilder row, long[] values) {
        row.append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                row.append(',');
            }
            row.append(values[i]);
        }
        row.append('}');
    }

    private static void appendValue(StringBuilder row, Integer value) {
        row.append('\t').append(value == null ? NULL : value.toString());
    }

    /** COPY text escaping of backslash, tab, newline and carriage return; NUL is dropped. */
    private static void appendText(StringBuilder row, String text) {
        if (text == null) {
            row.append(NULL);
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> row.append("\\\\");
                case '\t' -> row.append("\\t");
                case '\n' -> row.append("\\n");
                case '\r' -> row.append("\\r");
                case '\0' -> {
                    // PostgreSQL text cannot hold NUL; an error message with one loses that character only.
                }
                default -> row.append(c);
            }
        }
    }
}
