package io.perfsweep.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@value #FILE}: what an SLO search found, beside its probes' point folders ({@code <name>/c<N>/}), the same block
 * its {@code job.completed} event carries, so a pipeline reads the limit without a service.
 */
public final class SearchFiles {

    /** The file in the run folder. */
    public static final String FILE = "search.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SearchFiles() {
    }

    /** Writes {@code search} (the event's block) as {@code runDir/}{@value #FILE}, indented. */
    public static void write(Path runDir, Map<String, Object> search) {
        try {
            Files.createDirectories(runDir);
            Files.write(runDir.resolve(FILE), MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(search));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + runDir.resolve(FILE), e);
        }
    }

    /**
     * {@code SUMMARY.txt}'s account of a run's search: the answer, the first failing load, the knee, why it stopped,
     * then each probe in the order it ran with its fraction and whether it passed.
     */
    @SuppressWarnings("unchecked")
    public static String summary(String runName, Map<String, Object> search) {
        String limitName = search.containsKey("max_request_rate_under_slo") ? "max_request_rate_under_slo"
                : "max_concurrency_under_slo";
        var out = new StringBuilder("SLO search of ").append(runName).append(" (good-request fraction >= ")
                .append(search.get("target_good_request_fraction")).append("): ").append(limitName).append(" = ")
                .append(orNone(search.get(limitName))).append("; first failing ").append(orNone(search.get("min_failing")))
                .append("; knee ").append(search.get("knee") == null ? "not reached" : search.get("knee"))
                .append("; stopped: ").append(search.get("stop")).append('\n');
        for (Object probe : (Iterable<Object>) search.getOrDefault("probes", List.of())) {
            Map<String, Object> p = (Map<String, Object>) probe;
            out.append("  ").append(p.get("point")).append(": good ").append(p.get("good_request_fraction"))
                    .append(Boolean.TRUE.equals(p.get("passed")) ? " pass" : " FAIL").append('\n');
        }
        return out.append('\n').toString();
    }

    private static Object orNone(Object value) {
        return value == null ? "none" : value;
    }

    /** The block of {@code runDir/}{@value #FILE}, or null when the run was not a search. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path runDir) {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return MAPPER.readValue(file.toFile(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
