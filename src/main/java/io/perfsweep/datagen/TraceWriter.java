package io.perfsweep.datagen;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * Writes Mooncake JSONL in the byte layout of Python's {@code json.dumps} (separators {@code ", "} and {@code ": "}),
 * which is what Dynamo's {@code synthesizer.py} writes.
 */
public final class TraceWriter {

    private TraceWriter() {
    }

    /** Writes one line per row: timestamp, input_length, output_length, hash_ids, then session_id/delay if set. */
    public static void writeRows(Writer out, List<TraceRow> rows) throws IOException {
        for (TraceRow row : rows) {
            out.write(toJson(row));
            out.write('\n');
        }
    }

    /** Writes synthesized requests with the two extra fields {@code context_len} and {@code unique_user_prompt_len}. */
    public static void writeSynthesized(Writer out, List<SynthesizedRequest> requests) throws IOException {
        for (SynthesizedRequest request : requests) {
            out.write(toJson(request));
            out.write('\n');
        }
    }

    /** One row as a JSON object line (no newline). */
    public static String toJson(TraceRow row) {
        StringBuilder json = new StringBuilder(64 + 8 * row.hashIds().size()).append('{');
        if (row.timestampMillis() != null) {
            json.append("\"timestamp\": ").append(row.timestampMillis()).append(", ");
        }
        appendCore(json, row.inputLengthTokens(), row.outputLengthTokens(), row.hashIds());
        if (row.sessionId() != null) {
            json.append(", \"session_id\": \"");
            json.append(JsonStringEncoder.getInstance().quoteAsString(row.sessionId())).append('"');
        }
        if (row.delayMillis() != null) {
            json.append(", \"delay\": ").append(row.delayMillis());
        }
        return json.append('}').toString();
    }

    /** One synthesized request as a JSON object line (no newline), in Dynamo's key order. */
    public static String toJson(SynthesizedRequest request) {
        StringBuilder json = new StringBuilder(96 + 8 * request.hashIds().size()).append('{');
        json.append("\"timestamp\": ").append(request.timestampMillis()).append(", ");
        appendCore(json, request.inputLengthTokens(), request.outputLengthTokens(), request.hashIds());
        json.append(", \"context_len\": ").append(request.contextLengthTokens());
        json.append(", \"unique_user_prompt_len\": ").append(request.uniqueUserPromptLengthTokens());
        return json.append('}').toString();
    }

    private static void appendCore(StringBuilder json, int inputLengthTokens, int outputLengthTokens,
            List<Long> hashIds) {
        json.append("\"input_length\": ").append(inputLengthTokens);
        json.append(", \"output_length\": ").append(outputLengthTokens);
        json.append(", \"hash_ids\": [");
        for (int i = 0; i < hashIds.size(); i++) {
            if (i > 0) {
                json.append(", ");
            }
            json.append(hashIds.get(i).longValue());
        }
        json.append(']');
    }
}
