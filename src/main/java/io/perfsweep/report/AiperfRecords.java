package io.perfsweep.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads per-request values back from a {@value AiperfExport#JSONL_FILE}, ours or AIPerf's: one
 * {@code metrics{tag: {value, unit}}} object per line. Only valid requests of the profiling phase count: a line with
 * an {@code error}, a cancelled one or one of another {@code benchmark_phase} (warm-up) is skipped. Times are read
 * in ms whatever unit a line gives ({@code ns}, {@code us}, {@code ms}, {@code s}).
 */
public final class AiperfRecords {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, Double> TO_MILLIS = Map.of("ns", 1e-6, "us", 1e-3, "ms", 1.0, "sec", 1e3,
            "s", 1e3);

    private AiperfRecords() {
    }

    /**
     * The values of each tag over the file's valid profiling requests, in file order; a tag no valid request has is
     * absent.
     *
     * @throws UncheckedIOException when the file cannot be read, or a line is not a JSON object (naming the line)
     */
    public static Map<String, double[]> read(Path jsonl, Collection<String> tags) {
        Map<String, double[]> values = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode record = parse(jsonl, lineNumber, line);
                if (!counts(record)) {
                    continue;
                }
                for (String tag : tags) {
                    JsonNode metric = record.path("metrics").path(tag);
                    if (metric.path("value").isNumber()) {
                        double value = metric.get("value").asDouble()
                                * TO_MILLIS.getOrDefault(metric.path("unit").asText("ms"), 1.0);
                        int n = counts.merge(tag, 1, Integer::sum);
                        double[] array = values.computeIfAbsent(tag, t -> new double[64]);
                        if (n > array.length) {
                            array = Arrays.copyOf(array, array.length * 2);
                            values.put(tag, array);
                        }
                        array[n - 1] = value;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jsonl + ": " + e.getMessage(), e);
        }
        Map<String, double[]> trimmed = new HashMap<>();
        values.forEach((tag, array) -> trimmed.put(tag, Arrays.copyOf(array, counts.get(tag))));
        return trimmed;
    }

    private static JsonNode parse(Path jsonl, int lineNumber, String line) {
        try {
            JsonNode node = MAPPER.readTree(line);
            if (node == null || !node.isObject()) {
                String message = jsonl + " line " + lineNumber + " is not a JSON object";
                throw new UncheckedIOException(message, new IOException(message));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(jsonl + " line " + lineNumber + " is not JSON: " + e.getOriginalMessage(),
                    e);
        }
    }

    /** A valid request of the profiling phase (a file without phases is all profiling). */
    private static boolean counts(JsonNode record) {
        JsonNode error = record.get("error");
        if (error != null && !error.isNull()) {
            return false;
        }
        JsonNode metadata = record.path("metadata");
        if (metadata.path("was_cancelled").asBoolean(false)) {
            return false;
        }
        String phase = metadata.path("benchmark_phase").asText("profiling");
        return phase.equals("profiling");
    }
}
