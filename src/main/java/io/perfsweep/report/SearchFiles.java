package io.perfsweep.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
