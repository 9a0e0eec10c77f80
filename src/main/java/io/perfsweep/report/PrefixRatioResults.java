package io.perfsweep.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.perfsweep.metrics.MetricStats;
import io.perfsweep.metrics.MetricTag;
import io.perfsweep.metrics.PointSummary;

/**
 * What Dynamo's {@code prefix_ratio_benchmark.py} writes to {@code results_summary.json}, with its keys:
 * {@code prefix_ratios}, {@code ttft_p25_values} … {@code itl_p75_values} (ms) and {@code config}. As in the
 * script, a ratio whose point has no TTFT or no ITL (every request failed, or one-token outputs) is left out of every
 * list, so the lists stay aligned.
 *
 * @param prefixRatios the ratios that have values, in run order
 * @param ttftP25Values time to first token p25 per ratio, ms (likewise the other lists)
 * @param config the benchmark's settings
 */
public record PrefixRatioResults(List<Double> prefixRatios, List<Double> ttftP25Values, List<Double> ttftP50Values,
        List<Double> ttftP75Values, List<Double> itlP25Values, List<Double> itlP50Values, List<Double> itlP75Values,
        Config config) {

    /** The script's file name. */
    public static final String SUMMARY_FILE = "results_summary.json";

    /**
     * The script's {@code config} object.
     *
     * @param initialSeed the seed of the first ratio
     */
    public record Config(String model, String tokenizer, int isl, int osl, int requests, int concurrency,
            long initialSeed) {
    }

    /** One measured ratio. */
    public record Point(double ratio, PointSummary summary) {
    }

    public PrefixRatioResults {
        prefixRatios = List.copyOf(prefixRatios);
        ttftP25Values = List.copyOf(ttftP25Values);
        ttftP50Values = List.copyOf(ttftP50Values);
        ttftP75Values = List.copyOf(ttftP75Values);
        itlP25Values = List.copyOf(itlP25Values);
        itlP50Values = List.copyOf(itlP50Values);
        itlP75Values = List.copyOf(itlP75Values);
    }

    /** The summary of measured ratios, in the order given. */
    public static PrefixRatioResults of(List<Point> points, Config config) {
        List<List<Double>> columns = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            columns.add(new ArrayList<>());
        }
        for (Point point : points) {
            Optional<MetricStats> ttft = point.summary().stats(MetricTag.TIME_TO_FIRST_TOKEN);
            Optional<MetricStats> itl = point.summary().stats(MetricTag.INTER_TOKEN_LATENCY);
            if (ttft.isEmpty() || itl.isEmpty()) {
                continue;
            }
            List<Double> row = List.of(point.ratio(), ttft.get().p25(), ttft.get().p50(), ttft.get().p75(),
                    itl.get().p25(), itl.get().p50(), itl.get().p75());
            for (int i = 0; i < row.size(); i++) {
                columns.get(i).add(row.get(i));
            }
        }
        return new PrefixRatioResults(columns.get(0), columns.get(1), columns.get(2), columns.get(3), columns.get(4),
                columns.get(5), columns.get(6), config);
    }

    /** Whether no ratio has values (the script then writes neither summary nor plot). */
    public boolean isEmpty() {
        return prefixRatios.isEmpty();
    }

    /** The JSON object the script writes, keys in its order. */
    public Map<String, Object> toMap() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("prefix_ratios", prefixRatios);
        json.put("ttft_p25_values", ttftP25Values);
        json.put("ttft_p50_values", ttftP50Values);
        json.put("ttft_p75_values", ttftP75Values);
        json.put("itl_p25_values", itlP25Values);
        json.put("itl_p50_values", itlP50Values);
        json.put("itl_p75_values", itlP75Values);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("model", config.model());
        settings.put("tokenizer", config.tokenizer());
        settings.put("isl", config.isl());
        settings.put("osl", config.osl());
        settings.put("requests", config.requests());
        settings.put("concurrency", config.concurrency());
        settings.put("initial_seed", config.initialSeed());
        json.put("config", settings);
        return json;
    }

    /**
     * Writes {@value #SUMMARY_FILE} (indented, as the script's {@code indent=2}) and the plot
     * ({@link PrefixRatioPlot}) into {@code outputDir}, creating it.
     *
     * @return the files written
     */
    public List<Path> write(Path outputDir) {
        try {
            Files.createDirectories(outputDir);
            Path summary = outputDir.resolve(SUMMARY_FILE);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(summary.toFile(), toMap());
            List<Path> written = new ArrayList<>();
            written.add(summary);
            written.addAll(PrefixRatioPlot.write(this, outputDir));
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the prefix-ratio results to " + outputDir, e);
        }
    }
}
