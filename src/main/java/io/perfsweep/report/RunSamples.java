package io.perfsweep.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.perfsweep.verdict.GatedMetric;
import io.perfsweep.verdict.PointSamples;

/**
 * A result folder read for the regression gate: a run folder holding one folder per point ({@code c10/},
 * {@code r2.5/}, {@code replay-x1/}, or perf.sh's {@code *-concurrency10/}), or one point folder. A point folder holds
 * {@value AiperfExport#JSON_FILE} and {@value AiperfExport#JSONL_FILE} (perhaps nested, as AIPerf's artifact folders
 * nest them), or AIPerf's multi-run layout {@code profile_runs/run_0001/…}, one folder per trial.
 *
 * @param dir the folder read
 * @param singlePoint whether {@code dir} is one point folder rather than a run folder
 * @param points the points, by load: concurrency, then rate, then replay, each ascending
 * @param warnings what was skipped or assumed
 */
public record RunSamples(Path dir, boolean singlePoint, List<PointSamples> points, List<String> warnings) {

    /** AIPerf's multi-run folder (server-side.md §4.1): {@code profile_runs/run_0001/…}, a trial each. */
    public static final String TRIALS_DIR = "profile_runs";

    private static final Pattern CONCURRENCY = Pattern.compile("c(\\d+)|.*concurrency(\\d+)");
    private static final Pattern RATE = Pattern.compile("r(\\d+(?:\\.\\d+)?)");
    private static final Pattern REPLAY = Pattern.compile("replay-x(\\d+(?:\\.\\d+)?)");
    private static final Pattern TRIAL = Pattern.compile("run_\\d+");

    public RunSamples {
        points = List.copyOf(points);
        warnings = List.copyOf(warnings);
    }

    /**
     * Reads a run folder or a point folder.
     *
     * @throws IllegalArgumentException when {@code dir} is no folder, or holds no point
     * @throws UncheckedIOException when a file cannot be read or is not what it should be
     */
    public static RunSamples read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a folder");
        }
        List<String> warnings = new ArrayList<>();
        if (isPointFolder(dir)) {
            String name = dir.toAbsolutePath().normalize().getFileName().toString();
            return new RunSamples(dir, true, List.of(readPoint(dir, label(name).orElse(name), warnings)), warnings);
        }
        Map<String, PointSamples> points = new HashMap<>();
        for (Path child : list(dir).filter(Files::isDirectory).sorted().toList()) {
            Optional<String> label = label(child.getFileName().toString());
            if (label.isEmpty()) {
                continue;
            }
            if (findExport(child).isEmpty() && !Files.isDirectory(child.resolve(TRIALS_DIR))) {
                warnings.add(child.getFileName() + ": no " + AiperfExport.JSON_FILE + ", skipped");
            } else if (points.containsKey(label.get())) {
                warnings.add(child.getFileName() + ": point " + label.get() + " read already, skipped");
            } else {
                points.put(label.get(), readPoint(child, label.get(), warnings));
            }
        }
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no point folder (c<N>/, r<rate>/, replay-x<speedup>/) and no "
                    + AiperfExport.JSON_FILE + " in " + dir);
        }
        List<PointSamples> sorted = points.values().stream().sorted(Comparator.comparing(PointSamples::label,
                RunSamples::compareLabels)).toList();
        return new RunSamples(dir, false, sorted, warnings);
    }

    /** This run with every point labelled {@code label}: two point folders are compared whatever their names. */
    public RunSamples relabelled(String label) {
        return new RunSamples(dir, singlePoint, points.stream()
                .map(p -> new PointSamples(label, p.requests(), p.trials(), p.summary())).toList(), warnings);
    }

    /**
     * A point folder's load label: {@code c<N>} (also for perf.sh's {@code *-concurrency<N>}), {@code r<rate>},
     * {@code replay-x<speedup>}; empty for any other name.
     */
    static Optional<String> label(String dirName) {
        Matcher c = CONCURRENCY.matcher(dirName);
        if (c.matches()) {
            return Optional.of("c" + Long.parseLong(c.group(1) != null ? c.group(1) : c.group(2)));
        }
        if (RATE.matcher(dirName).matches() || REPLAY.matcher(dirName).matches()) {
            return Optional.of(dirName);
        }
        return Optional.empty();
    }

    /** Concurrency points, then rates, then replays (other labels last, by name), each by their number. */
    static int compareLabels(String a, String b) {
        int byKind = Integer.compare(kind(a), kind(b));
        if (byKind != 0) {
            return byKind;
        }
        int byNumber = kind(a) < 3 ? Double.compare(number(a), number(b)) : 0;
        return byNumber != 0 ? byNumber : a.compareTo(b);
    }

    private static int kind(String label) {
        if (label.matches("c\\d+")) {
            return 0;
        }
        return RATE.matcher(label).matches() ? 1 : REPLAY.matcher(label).matches() ? 2 : 3;
    }

    private static double number(String label) {
        return Double.parseDouble(label.replaceFirst("^(c|r|replay-x)", ""));
    }

    private static boolean isPointFolder(Path dir) {
        return Files.isRegularFile(dir.resolve(AiperfExport.JSON_FILE)) || Files.isDirectory(dir.resolve(TRIALS_DIR));
    }

    /** One point: each trial's export and per-request records, pooled. */
    private static PointSamples readPoint(Path pointDir, String label, List<String> warnings) {
        List<Path> exports = trialExports(pointDir);
        if (exports.isEmpty()) {
            throw new IllegalArgumentException("no " + AiperfExport.JSON_FILE + " under " + pointDir);
        }
        Map<String, List<Double>> trials = new HashMap<>();
        Map<String, List<Double>> summaries = new HashMap<>();
        Map<String, List<double[]>> requests = new HashMap<>();
        boolean allRecords = true;
        for (Path export : exports) {
            AiperfResult result = AiperfExport.read(export);
            for (String tag : GatedMetric.THROUGHPUT_TAGS) {
                result.stat(tag, "avg").ifPresent(v -> {
                    trials.computeIfAbsent(tag, t -> new ArrayList<>()).add(v);
                    summaries.computeIfAbsent(PointSamples.key(tag, "avg"), t -> new ArrayList<>()).add(v);
                });
            }
            for (String tag : GatedMetric.LATENCY_TAGS) {
                for (String stat : GatedMetric.PERCENTILES) {
                    String key = PointSamples.key(tag, stat);
                    result.stat(tag, stat).ifPresent(v -> {
                        summaries.computeIfAbsent(key, t -> new ArrayList<>()).add(v);
                        if (exports.size() > 1) {
                            trials.computeIfAbsent(key, t -> new ArrayList<>()).add(v);
                        }
                    });
                }
                if (exports.size() > 1) {
                    result.stat(tag, PointSamples.COUNT).ifPresent(v -> trials
                            .computeIfAbsent(PointSamples.key(tag, PointSamples.COUNT), t -> new ArrayList<>()).add(v));
                }
            }
            Path jsonl = export.resolveSibling(AiperfExport.JSONL_FILE);
            if (Files.isRegularFile(jsonl)) {
                AiperfRecords.read(jsonl, GatedMetric.LATENCY_TAGS)
                        .forEach((tag, values) -> requests.computeIfAbsent(tag, t -> new ArrayList<>()).add(values));
            } else {
                allRecords = false;
            }
        }
        if (!allRecords) {
            String where = exports.size() == 1 ? AiperfExport.JSON_FILE : "every trial's " + AiperfExport.JSON_FILE;
            warnings.add(label + ": no " + AiperfExport.JSONL_FILE + " beside " + where
                    + ": latencies compared on summary values, without intervals");
            requests.clear();
        }
        Map<String, double[]> pooled = new HashMap<>();
        requests.forEach((tag, parts) -> pooled.put(tag,
                parts.stream().flatMapToDouble(Arrays::stream).toArray()));
        Map<String, double[]> trialValues = new HashMap<>();
        trials.forEach((tag, values) -> trialValues.put(tag, values.stream().mapToDouble(Double::doubleValue)
                .toArray()));
        Map<String, Double> summary = new HashMap<>();
        summaries.forEach((key, values) -> summary.put(key, values.stream().mapToDouble(Double::doubleValue)
                .average().orElseThrow()));
        return new PointSamples(label, pooled, trialValues, summary);
    }

    /** The export of each trial: {@code profile_runs/run_*}, in order, else the point's shallowest export. */
    private static List<Path> trialExports(Path pointDir) {
        Path trialsDir = pointDir.resolve(TRIALS_DIR);
        if (Files.isDirectory(trialsDir)) {
            List<Path> exports = new ArrayList<>();
            for (Path trial : list(trialsDir).filter(Files::isDirectory)
                    .filter(p -> TRIAL.matcher(p.getFileName().toString()).matches()).sorted().toList()) {
                findExport(trial).ifPresent(exports::add);
            }
            if (!exports.isEmpty()) {
                return exports;
            }
        }
        return findExport(pointDir).map(List::of).orElse(List.of());
    }

    /** The shallowest export under {@code dir}, ties broken by path. */
    private static Optional<Path> findExport(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().equals(AiperfExport.JSON_FILE))
                    .filter(Files::isRegularFile)
                    .min(Comparator.comparingInt(Path::getNameCount).thenComparing(Path::toString));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Stream<Path> list(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
