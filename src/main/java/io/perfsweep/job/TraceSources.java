package io.perfsweep.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

import io.perfsweep.config.PerfsweepConfig;
import io.perfsweep.datagen.TraceFile;
import io.perfsweep.datagen.TraceFormatException;
import io.perfsweep.datagen.TraceReader;
import io.perfsweep.datagen.TraceRequests;
import io.perfsweep.spec.InvalidJobException;
import io.perfsweep.spec.JobWorkload;
import io.perfsweep.store.TraceStore;
import io.perfsweep.workload.TraceRequest;

/**
 * Reads the trace a job names, from wherever the operator allows: a file inside {@code perfsweep.traces.dir} (no
 * path, {@code ..} or symbolic link leads out of it), an upload kept in PostgreSQL, or an allowed URL. Rows are then
 * checked, never fixed: a row breaking the ceil rule rejects the job, the reason naming its line. Every problem is
 * an {@link InvalidJobException}.
 */
final class TraceSources {

    private final PerfsweepConfig.Traces config;
    private final TraceStore uploads;
    private final TraceFetcher fetcher;

    TraceSources(PerfsweepConfig.Traces config, TraceStore uploads) {
        this.config = config;
        this.uploads = uploads;
        this.fetcher = new TraceFetcher(config.allowedHosts().orElse(List.of()), config.maxBytes(),
                config.fetchTimeout());
    }

    /** Checks the source without fetching a URL (only its host); files and uploads are read and checked in full. */
    void check(JobWorkload.Trace trace) {
        if (trace.url() != null) {
            fetcher.checkAllowed(trace.url());
        } else {
            load(trace);
        }
    }

    /** The rows of the trace, in file order, each obeying the ceil rule for the job's block size. */
    List<TraceRequest> load(JobWorkload.Trace trace) {
        byte[] bytes;
        if (trace.file() != null) {
            bytes = readFile(trace.file());
        } else if (trace.traceId() != null) {
            bytes = uploads.content(trace.traceId()).orElseThrow(() -> new InvalidJobException(
                    "workload.traceId '" + trace.traceId() + "' names no uploaded trace (POST /api/traces first)"));
        } else {
            bytes = fetcher.fetch(trace.url());
        }
        return parse(bytes, trace);
    }

    private static List<TraceRequest> parse(byte[] bytes, JobWorkload.Trace trace) {
        TraceFile file;
        try {
            file = TraceReader.read(bytes, trace.blockSizeTokens());
        } catch (TraceFormatException e) {
            throw new InvalidJobException("workload: the trace (" + trace.source() + ") is not Mooncake JSONL: "
                    + e.getMessage());
        }
        if (file.rows().isEmpty()) {
            throw new InvalidJobException("workload: the trace (" + trace.source() + ") has no rows");
        }
        try {
            return TraceRequests.of(file);
        } catch (IllegalArgumentException e) {
            throw new InvalidJobException("workload: the trace (" + trace.source() + ") is rejected: "
                    + e.getMessage());
        }
    }

    private byte[] readFile(String file) {
        Path dir = Path.of(config.dir()).toAbsolutePath().normalize();
        Path requested;
        try {
            requested = dir.resolve(file).normalize();
        } catch (InvalidPathException e) {
            throw new InvalidJobException("workload.file '" + file + "' is not a valid path");
        }
        if (!requested.startsWith(dir)) {
            throw outside(file);
        }
        if (!Files.isRegularFile(requested)) {
            throw new InvalidJobException("workload.file '" + file + "' is not a file in perfsweep.traces.dir ("
                    + dir + ")");
        }
        try {
            // a symbolic link inside the directory must not lead out of it
            if (!requested.toRealPath().startsWith(dir.toRealPath())) {
                throw outside(file);
            }
            if (Files.size(requested) > config.maxBytes()) {
                throw new InvalidJobException("workload.file '" + file + "' is larger than perfsweep.traces.max-bytes"
                        + " = " + config.maxBytes());
            }
            return Files.readAllBytes(requested);
        } catch (IOException e) {
            throw new InvalidJobException("workload.file '" + file + "' cannot be read: " + e.getMessage());
        }
    }

    private InvalidJobException outside(String file) {
        return new InvalidJobException("workload.file '" + file + "' is outside perfsweep.traces.dir ("
                + Path.of(config.dir()).toAbsolutePath().normalize() + "): only files in that directory are read");
    }
}
