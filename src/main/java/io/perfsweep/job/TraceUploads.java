package io.perfsweep.job;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.perfsweep.config.PerfsweepConfig;
import io.perfsweep.datagen.TraceFormatException;
import io.perfsweep.datagen.TraceReader;
import io.perfsweep.spec.ContentHash;
import io.perfsweep.spec.JobWorkload;
import io.perfsweep.store.TraceStore;
import io.perfsweep.store.TraceStore.StoredTrace;

/**
 * Takes trace uploads: Mooncake JSONL that parses line by line, within the size ceiling, kept byte for byte with its
 * SHA-256. The block rule is checked when a job uses the trace, since the block size is the job's.
 */
@ApplicationScoped
public class TraceUploads {

    @Inject
    PerfsweepConfig config;

    @Inject
    TraceStore store;

    /**
     * Stores the upload, or finds the same bytes already stored.
     *
     * @throws InvalidTraceException when the bytes are empty, too large or not Mooncake JSONL (naming the line)
     */
    public StoredTrace upload(byte[] content) {
        long maxBytes = config.traces().maxBytes();
        if (content.length > maxBytes) {
            throw new InvalidTraceException("the trace has " + content.length + " bytes, more than"
                    + " perfsweep.traces.max-bytes = " + maxBytes);
        }
        int rows = rows(content);
        if (rows == 0) {
            throw new InvalidTraceException("the trace has no rows: send Mooncake JSONL, one request per line");
        }
        return store.store(content, ContentHash.sha256Hex(content), rows);
    }

    /** The upload's identity, without its bytes. */
    public Optional<StoredTrace> find(String id) {
        return store.find(id);
    }

    private static int rows(byte[] content) {
        try {
            return TraceReader.read(content, JobWorkload.Trace.DEFAULT_BLOCK_SIZE_TOKENS).rows().size();
        } catch (TraceFormatException e) {
            throw new InvalidTraceException("the trace is not Mooncake JSONL: " + e.getMessage());
        }
    }
}
