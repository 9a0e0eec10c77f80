package io.perfsweep.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One benchmark run read back from disk: its name, GPU count and one {@link AiperfResult} per concurrency.
 * <p>
 * Two layouts are read. perfsweep's (and the Dynamo benchmark scripts'):
 * {@code <run>/c<N>/profile_export_aiperf.json}. {@code perf.sh}'s:
 * {@code artifacts_<k>/deployment_config.json} with {@code <anything>-concurrency<N>/profile_export_aiperf.json}
 * directories. The export may sit deeper inside the concurrency directory, as AIPerf's artifact directories nest it.
 *
 * @param name the run directory's name
 * @param gpus GPUs serving the endpoint, used for tokens per second per GPU
 * @param gpuSource where {@code gpus} came from, for the summary
 * @param points one per concurrency, ascending
 * @param warnings what the reader had to assume
 */
public record RunResults(String name, int gpus, String gpuSource, List<Point> points, List<String> warnings) {

    /** perf.sh's deployment description, next to the concurrency directories. */
    public static final String DEPLOYMENT_CONFIG = "deployment_config.json";

    private static final Pattern PERFSWEEP_DIR = Pattern.compile("c(\\d+)");
    private static final Pattern PERF_SH_DIR = Pattern.compile(".*concurrency(\\d+)");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public RunResults {
        points = List.copyOf(points);
        warnings = List.copyOf(warnings);
    }

    /**
     * One concurrency level of a run.
     *
     * @param concurrency from the directory name
     * @param result the level's {@code profile_export_aiperf.json}
     */
    public record Point(int concurrency, AiperfResult result) {

        /** Whether the client judged its own timings at this point distorted (perfsweep's {@code client_health}). */
        public boolean clientDistorted() {
            return result.clientHealth() != null && result.clientHealth().distorted();
        }

        /** {@code ok}, {@code distorted}, or a dash when the export has no client-health verdict. */
        public String clientVerdict() {
            return result.clientHealth() == null ? Cells.NONE : result.clientHealth().verdict().json();
        }

        public OptionalDouble ttftAvg() {
            return result.stat("time_to_first_token", "avg");
        }

        public OptionalDouble ttftP50() {
            return result.stat("time_to_first_token", "p50");
        }

        public OptionalDouble itlAvg() {
            return result.stat("inter_token_latency", "avg");
        }

        public OptionalDouble itlP50() {
            return result.stat("inter_token_latency", "p50");
        }

        public OptionalDouble requestThroughput() {
            return result.stat("request_throughput", "avg");
        }

        /** The measured output tokens per second over the whole point. */
        public OptionalDouble outputTokenThroughput() {
            return result.stat("output_token_throughput", "avg");
        }

        /** Mean of each request's 1 / ITL. */
        public OptionalDouble tokensPerSecondPerUser() {
            return result.stat("output_token_throughput_per_user", "avg");
        }
    }

    /** Output tokens per second per GPU at this point; empty when the export has no output throughput. */
    public OptionalDouble tokensPerSecondPerGpu(Point point) {
        OptionalDouble total = point.outputTokenThroughput();
        return total.isPresent() ? OptionalDouble.of(total.getAsDouble() / gpus) : OptionalDouble.empty();
    }

    /**
     * The points that have both coordinates, as (tok/s/user, tok/s/gpu), labelled {@code c<N>}, with their client
     * verdict.
     */
    public List<ParetoFrontier.Point> efficiencyPoints() {
        List<ParetoFrontier.Point> out = new ArrayList<>();
        for (Point p : points) {
            OptionalDouble x = p.tokensPerSecondPerUser();
            OptionalDouble y = tokensPerSecondPerGpu(p);
            if (x.isPresent() && y.isPresent()) {
                out.add(new ParetoFrontier.Point(x.getAsDouble(), y.getAsDouble(), "c" + p.concurrency(),
                        p.clientDistorted()));
            }
        }
        return out;
    }

    /** This run's Pareto frontier, ascending tok/s/user. */
    public List<ParetoFrontier.Point> frontier() {
        return ParetoFrontier.of(efficiencyPoints());
    }

    /**
     * Reads a run directory in either layout.
     *
     * @throws IllegalArgumentException when the directory holds no concurrency directory with an export
     * @throws UncheckedIOException when a file cannot be read
     */
    public static RunResults read(Path runDir) {
        String name = runDir.getFileName().toString();
        List<String> warnings = new ArrayList<>();
        List<Point> points = new ArrayList<>();
        Map<Integer, Path> exports = new TreeMap<>();
        try (Stream<Path> children = Files.list(runDir)) {
            for (Path child : children.filter(Files::isDirectory).sorted().toList()) {
                OptionalInt concurrency = concurrencyOf(child.getFileName().toString());
                if (concurrency.isEmpty()) {
                    continue;
                }
                Optional<Path> export = findExport(child);
                if (export.isEmpty()) {
                    warnings.add(child.getFileName() + ": no " + AiperfExport.JSON_FILE + ", skipped");
                    continue;
                }
                if (exports.putIfAbsent(concurrency.getAsInt(), export.get()) != null) {
                    warnings.add(child.getFileName() + ": concurrency " + concurrency.getAsInt()
                            + " already read from " + exports.get(concurrency.getAsInt()) + ", skipped");
                    continue;
                }
                points.add(new Point(concurrency.getAsInt(), AiperfExport.read(export.get())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runDir, e);
        }
        if (points.isEmpty()) {
            throw new IllegalArgumentException(
                    "no c<N>/" + AiperfExport.JSON_FILE + " (or *-concurrency<N>/) under " + runDir);
        }
        points.sort(Comparator.comparingInt(Point::concurrency));

        Path deployment = runDir.resolve(DEPLOYMENT_CONFIG);
        if (Files.isRegularFile(deployment)) {
            int gpus = gpusOfDeployment(readJson(deployment));
            return new RunResults(name, gpus, DEPLOYMENT_CONFIG, points, warnings);
        }
        for (Path export : exports.values()) {
            OptionalInt gpus = gpusOfInputConfig(readJson(export).path("input_config"));
            if (gpus.isPresent()) {
                return new RunResults(name, gpus.getAsInt(), "input_config", points, warnings);
            }
        }
        warnings.add(name + ": GPU count unknown (no " + DEPLOYMENT_CONFIG
                + ", no GPU count in input_config); tok/s/gpu assumes 1 GPU");
        return new RunResults(name, 1, "assumed", points, warnings);
    }

    /**
     * The GPU count {@code plot_pareto.py} derives: {@code tensor_parallelism · data_parallelism} when the mode is
     * {@code aggregated}, else prefill TP·DP + decode TP·DP.
     *
     * @throws IllegalArgumentException when a needed field is missing or not positive
     */
    static int gpusOfDeployment(JsonNode config) {
        if ("aggregated".equals(config.path("mode").asText())) {
            return positive(config, "tensor_parallelism") * positive(config, "data_parallelism");
        }
        return positive(config, "prefill_tensor_parallelism") * positive(config, "prefill_data_parallelism")
                + positive(config, "decode_tensor_parallelism") * positive(config, "decode_data_parallelism");
    }

    /**
     * A GPU count in an export's {@code input_config}: {@code num_gpus}, or {@code gpus}, or the deployment fields
     * {@link #gpusOfDeployment} reads when {@code mode} is there.
     */
    static OptionalInt gpusOfInputConfig(JsonNode inputConfig) {
        for (String field : List.of("num_gpus", "gpus")) {
            JsonNode n = inputConfig.path(field);
            if (n.canConvertToInt() && n.asInt() > 0) {
                return OptionalInt.of(n.asInt());
            }
        }
        if (inputConfig.path("mode").isTextual()) {
            try {
                return OptionalInt.of(gpusOfDeployment(inputConfig));
            } catch (IllegalArgumentException e) {
                return OptionalInt.empty();
            }
        }
        return OptionalInt.empty();
    }

    private static int positive(JsonNode config, String field) {
        JsonNode n = config.path(field);
        if (!n.canConvertToInt() || n.asInt() <= 0) {
            throw new IllegalArgumentException(DEPLOYMENT_CONFIG + ": " + field + " missing or not positive: " + n);
        }
        return n.asInt();
    }

    static OptionalInt concurrencyOf(String dirName) {
        for (Pattern pattern : List.of(PERFSWEEP_DIR, PERF_SH_DIR)) {
            Matcher m = pattern.matcher(dirName);
            if (m.matches()) {
                try {
                    return OptionalInt.of(Integer.parseInt(m.group(1)));
                } catch (NumberFormatException e) {
                    return OptionalInt.empty();
                }
            }
        }
        return OptionalInt.empty();
    }

    /** The shallowest export under {@code dir}, ties broken by path. */
    private static Optional<Path> findExport(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().equals(AiperfExport.JSON_FILE))
                    .filter(Files::isRegularFile)
                    .min(Comparator.comparingInt(Path::getNameCount).thenComparing(Path::toString));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot walk " + dir, e);
        }
    }

    private static JsonNode readJson(Path file) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
