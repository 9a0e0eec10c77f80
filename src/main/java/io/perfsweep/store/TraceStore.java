package io.perfsweep.store;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Keeps uploaded traces. Idempotent by content: storing bytes whose SHA-256 is already stored returns that trace
 * ({@link StoredTrace#created()} false). Blocking: call from a worker thread.
 */
@ApplicationScoped
public class TraceStore {

    /**
     * A trace's identity and size, without its bytes.
     *
     * @param id what a job names as {@code workload.traceId}
     * @param sha256 lowercase hex SHA-256 of the bytes
     * @param sizeBytes length of the bytes
     * @param rowCount non-blank lines
     * @param createdAt when it was first stored
     * @param created whether this call stored it (false: the same bytes were already there)
     */
    public record StoredTrace(String id, String sha256, long sizeBytes, int rowCount, Instant createdAt,
            boolean created) {

        static StoredTrace of(TraceEntity entity, boolean created) {
            return new StoredTrace(entity.id, entity.sha256, entity.sizeBytes, entity.rowCount, entity.createdAt,
                    created);
        }
    }

    /** Stores the bytes unless the same bytes are stored; a concurrent duplicate fails on the unique SHA-256. */
    @Transactional
    public StoredTrace store(byte[] content, String sha256, int rowCount) {
        Optional<TraceEntity> existing = TraceEntity.find("sha256", sha256).firstResultOptional();
        if (existing.isPresent()) {
            return StoredTrace.of(existing.get(), false);
        }
        var entity = new TraceEntity();
        entity.id = "trace-" + UUID.randomUUID();
        entity.sha256 = sha256;
        entity.sizeBytes = content.length;
        entity.rowCount = rowCount;
        entity.content = content;
        entity.createdAt = Instant.now();
        entity.persist();
        return StoredTrace.of(entity, true);
    }

    /** The trace's identity, without its bytes. */
    @Transactional
    public Optional<StoredTrace> find(String id) {
        return TraceEntity.<TraceEntity> findByIdOptional(id).map(entity -> StoredTrace.of(entity, false));
    }

    /** The trace's bytes, exactly as uploaded. */
    @Transactional
    public Optional<byte[]> content(String id) {
        return TraceEntity.<TraceEntity> findByIdOptional(id).map(entity -> entity.content);
    }
}
