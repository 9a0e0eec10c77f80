package io.perfsweep.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsweep.metrics.PointTrials;
import io.perfsweep.metrics.TrialConfidence;

/**
 * A point of several trials in AIPerf's multi-run layout (server-side.md §4.1), so AIPerf's tooling reads it:
 * {@code <point>/profile_runs/run_0001/…} holds each trial's full export, and
 * {@code <point>/aggregate/profile_export_aiperf_aggregate.{json,csv}} the confidence aggregate: per metric statistic
 * ({@code time_to_first_token_p99}, {@code output_token_throughput_avg}, …) the mean over trials, its sample standard
 * deviation, min, max, coefficient of variation, standard error, t interval and t critical value.
 */
public final class AiperfAggregate {

    /** The folder of each trial's export: {@code profile_runs/run_0001}, … */
    public static final String TRIALS_DIR = RunSamples.TRIALS_DIR;
    /** The aggregate's folder beside {@value #TRIALS_DIR}. */
    public static final String AGGREGATE_DIR = "aggregate";
    public static final String JSON_FILE = "profile_export_aiperf_aggregate.json";
    public static final String CSV_FILE = "profile_export_aiperf_aggregate.csv";
    /** The aggregate file's own schema version, as AIPerf's confidence exporter writes it. */
    static final String SCHEMA_VERSION = "1.0";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AiperfAggregate() {
    }

    /** The folder name of trial {@code trial} (from 1): {@code run_0001}. */
    public static String trialDir(int trial) {
        return String.format(Locale.ROOT, "run_%04d", trial);
    }

    /** A trial's folder under a point's folder: {@code <point>/profile_runs/run_0001}. */
    public static Path trialPath(Path pointDir, int trial) {
        return pointDir.resolve(TRIALS_DIR).resolve(trialDir(trial));
    }

    /**
     * Writes {@value #JSON_FILE} and {@value #CSV_FILE} into {@code <pointDir>/aggregate/}, creating it.
     *
     * @throws UncheckedIOException when a file cannot be written
     */
    public static void write(Path pointDir, PointTrials trials, double level) {
        write(pointDir, trials, level, null);
    }

    /**
     * {@link #write(Path, PointTrials, double)} of a point whose trial {@code failed} failed after {@code trials}
     * finished (null when none failed).
     */
    public static void write(Path pointDir, PointTrials trials, double level, FailedRun failed) {
        Path dir = pointDir.resolve(AGGREGATE_DIR);
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(JSON_FILE), MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(json(trials, level, failed)));
            Files.writeString(dir.resolve(CSV_FILE), csv(trials, level, failed), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trials' aggregate to " + dir, e);
        }
    }

    /**
     * The content of {@value #JSON_FILE}: {@code schema_version}, {@code aiperf_version}, {@code metadata}, {@code metrics}.
     */
    public static Map<String, Object> json(PointTrials trials, double level) {
        return json(trials, level, null);
    }

    /**
     * A trial that failed after the others finished: AIPerf's {@code failed_runs} entry.
     *
     * @param trial the failed trial, from 1 (its label is {@link #trialDir(int)})
     * @param error why it failed
     */
    public record FailedRun(int trial, String error) {
    }

    /** {@link #json(PointTrials, double)} with {@code failed} (or null) in {@code metadata.failed_runs}. */
    public static Map<String, Object> json(PointTrials trials, double level, FailedRun failed) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema_version", SCHEMA_VERSION);
        root.put("aiperf_version", AiperfExport.PRODUCER_VERSION);
        root.put("metadata", metadata(trials, level, failed));
        Map<String, Object> metrics = new LinkedHashMap<>();
        trials.aggregate(level).forEach((key, aggregated) -> {
            TrialConfidence c = aggregated.confidence();
            Map<String, Object> metric = new LinkedHashMap<>();
            metric.put("mean", number(c.mean()));
            metric.put("std", number(c.std()));
            metric.put("min", number(c.min()));
            metric.put("max", number(c.max()));
            metric.put("cv", number(c.cv()));
            metric.put("se", number(c.se()));
            metric.put("ci_low", number(c.ciLow()));
            metric.put("ci_high", number(c.ciHigh()));
            metric.put("t_critical", number(c.tCritical()));
            metric.put("unit", aggregated.tag().unit().symbol());
            metrics.put(key, metric);
        });
        root.put("metrics", metrics);
        return root;
    }

    /** The content of {@value #CSV_FILE}: the metrics table, a blank line, then the metadata, as AIPerf writes it. */
    public static String csv(PointTrials trials, double level) {
        return csv(trials, level, null);
    }

    /** {@link #csv(PointTrials, double)} with {@code failed} (or null) counted in its runs. */
    public static String csv(PointTrials trials, double level, FailedRun failed) {
        StringBuilder csv = new StringBuilder("metric,mean,std,min,max,cv,se,ci_low,ci_high,t_critical,unit\r\n");
        trials.aggregate(level).forEach((key, aggregated) -> {
            TrialConfidence c = aggregated.confidence();
            csv.append(String.join(",", key, fixed(c.mean(), 2), fixed(c.std(), 2), fixed(c.min(), 2),
                    fixed(c.max(), 2), fixed(c.cv(), 4), fixed(c.se(), 4), fixed(c.ciLow(), 2), fixed(c.ciHigh(), 2),
                    fixed(c.tCritical(), 4), aggregated.tag().unit().symbol())).append("\r\n");
        });
        csv.append("\r\n");
        csv.append("Aggregation Type,confidence\r\n");
        csv.append("Total Runs,").append(trials.count() + (failed == null ? 0 : 1)).append("\r\n");
        csv.append("Successful Runs,").append(trials.count()).append("\r\n");
        csv.append("Confidence Level,").append(level).append("\r\n");
        csv.append("Run Labels,\"").append(labels(trials)).append("\"\r\n");
        return csv.toString();
    }

    private static Map<String, Object> metadata(PointTrials trials, double level, FailedRun failed) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("aggregation_type", "confidence");
        metadata.put("num_profile_runs", trials.count() + (failed == null ? 0 : 1));
        metadata.put("num_successful_runs", trials.count());
        metadata.put("failed_runs", failed == null ? List.of()
                : List.of(Map.of("label", trialDir(failed.trial()), "error", failed.error())));
        metadata.put("confidence_level", level);
        metadata.put("cooldown_seconds", 0);
        metadata.put("run_labels", labels(trials));
        return metadata;
    }

    private static List<String> labels(PointTrials trials) {
        return new ArrayList<>(IntStream.rangeClosed(1, trials.count()).mapToObj(AiperfAggregate::trialDir).toList());
    }

    /** A finite value, or null (JSON has no NaN): {@code t_critical} of a statistic only one trial measured. */
    private static Double number(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /** AIPerf's CSV number: fixed decimals, {@code inf}, or empty for no value. */
    private static String fixed(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
