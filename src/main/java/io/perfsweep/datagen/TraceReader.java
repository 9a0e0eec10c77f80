package io.perfsweep.datagen;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsweep.spec.JsonSyntaxErrors;

/**
 * Reads Mooncake JSONL traces.
 *
 * <p>
 * Fields: {@code timestamp} (ms), {@code input_length}, {@code output_length}, {@code hash_ids}, optional
 * {@code session_id} and {@code delay} (ms), plus the Dynamo replay aliases {@code created_time}, {@code input_tokens},
 * {@code output_tokens}, {@code delay_ms} (anchors §3.2); a row with a field and its alias is refused. A line that is not such
 * an object fails with a
 * {@link TraceFormatException} naming its line; blank lines are skipped. Rows that break the ceil rule are kept as
 * they are and listed in {@link TraceFile#violations()}.
 */
public final class TraceReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TraceReader() {
    }

    /** Reads a UTF-8 JSONL file and checks the ceil rule against {@code blockSizeTokens}. */
    public static TraceFile read(Path path, int blockSizeTokens) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return read(reader, blockSizeTokens);
        }
    }

    /** Reads UTF-8 JSONL held in memory (an upload, a fetched URL) and checks the ceil rule. */
    public static TraceFile read(byte[] content, int blockSizeTokens) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.UTF_8))) {
            return read(reader, blockSizeTokens);
        } catch (IOException e) {
            throw new IllegalStateException("reading bytes in memory cannot fail", e);
        }
    }

    /** Reads JSONL lines until end of input and checks the ceil rule against {@code blockSizeTokens}. */
    public static TraceFile read(BufferedReader reader, int blockSizeTokens) throws IOException {
        List<TraceRow> rows = new ArrayList<>();
        List<BlockRuleViolation> violations = new ArrayList<>();
        long lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            TraceRow row = parseLine(line, lineNumber);
            rows.add(row);
            BlockRuleViolation violation = BlockRuleViolation.check(lineNumber, row, blockSizeTokens);
            if (violation != null) {
                violations.add(violation);
            }
        }
        return new TraceFile(rows, violations, blockSizeTokens);
    }

    /** Parses one JSON line; {@code lineNumber} is only used in error messages. */
    public static TraceRow parseLine(String line, long lineNumber) {
        JsonNode node = readTree(line, lineNumber);
        if (node == null || !node.isObject()) {
            throw new TraceFormatException(lineNumber, "expected a JSON object");
        }
        Long timestampMillis = optionalLong(node, lineNumber, "timestamp", "created_time");
        int inputLengthTokens = requiredLength(node, lineNumber, "input_length", "input_tokens");
        int outputLengthTokens = requiredLength(node, lineNumber, "output_length", "output_tokens");
        List<Long> hashIds = hashIds(node, lineNumber);
        String sessionId = sessionId(node, lineNumber);
        Long delayMillis = optionalLong(node, lineNumber, "delay", "delay_ms");
        return new TraceRow(timestampMillis, inputLengthTokens, outputLengthTokens, hashIds, sessionId, delayMillis);
    }

    /** One line's JSON value; what is wrong with a line that is not JSON, without the parser's internals. */
    private static JsonNode readTree(String line, long lineNumber) {
        try (JsonParser parser = MAPPER.createParser(line)) {
            try {
                JsonNode node = MAPPER.readTree(parser);
                if (parser.nextToken() != null) {
                    throw new TraceFormatException(lineNumber,
                            "not valid JSON: " + JsonSyntaxErrors.describeInLine("there is more after the row", parser));
                }
                return node;
            } catch (JsonProcessingException e) {
                throw new TraceFormatException(lineNumber, "not valid JSON: " + JsonSyntaxErrors.describeInLine(e, parser));
            }
        } catch (IOException e) { // a String source: only closing could fail, and it does not
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The field under its AIPerf name or its Dynamo alias. A row with both is refused rather than one silently winning:
     * the two could disagree, and either choice would replay a trace other than the one written.
     */
    private static JsonNode field(JsonNode node, long lineNumber, String name, String alias) {
        if (node.has(name) && node.has(alias)) {
            throw new TraceFormatException(lineNumber,
                    "has both \"" + name + "\" and its alias \"" + alias + "\"; keep one");
        }
        JsonNode value = node.has(name) ? node.get(name) : node.get(alias);
        return value == null || value.isNull() ? null : value;
    }

    private static int requiredLength(JsonNode node, long lineNumber, String name, String alias) {
        JsonNode value = field(node, lineNumber, name, alias);
        if (value == null) {
            throw new TraceFormatException(lineNumber, "missing \"" + name + "\" (or \"" + alias + "\")");
        }
        long length = wholeNumber(value, lineNumber, name);
        if (length < 0 || length > Integer.MAX_VALUE) {
            throw new TraceFormatException(lineNumber, "\"" + name + "\" out of range: " + value);
        }
        return (int) length;
    }

    private static Long optionalLong(JsonNode node, long lineNumber, String name, String alias) {
        JsonNode value = field(node, lineNumber, name, alias);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            throw new TraceFormatException(lineNumber, "\"" + name + "\" must be a number, got " + value);
        }
        // Dynamo reads timestamps with Python int(): fractional milliseconds are truncated toward zero.
        return value.isIntegralNumber() ? value.longValue() : (long) value.doubleValue();
    }

    private static long wholeNumber(JsonNode value, long lineNumber, String name) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isFloatingPointNumber() && value.doubleValue() == Math.rint(value.doubleValue())) {
            return (long) value.doubleValue();
        }
        throw new TraceFormatException(lineNumber, "\"" + name + "\" must be a whole number, got " + value);
    }

    private static List<Long> hashIds(JsonNode node, long lineNumber) {
        JsonNode array = node.get("hash_ids");
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new TraceFormatException(lineNumber, "\"hash_ids\" must be an array, got " + array);
        }
        List<Long> ids = new ArrayList<>(array.size());
        for (JsonNode id : array) {
            ids.add(wholeNumber(id, lineNumber, "hash_ids"));
        }
        return ids;
    }

    private static String sessionId(JsonNode node, long lineNumber) {
        JsonNode value = node.get("session_id");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new TraceFormatException(lineNumber, "\"session_id\" must be a string, got " + value);
        }
        return value.asText();
    }
}
