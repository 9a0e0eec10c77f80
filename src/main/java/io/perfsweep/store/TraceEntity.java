package io.perfsweep.store;

import java.time.Instant;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An uploaded trace (table {@code trace}): the JSONL bytes exactly as received, with their SHA-256 so the same upload
 * twice is stored once. Jobs refer to it as {@code workload.traceId}.
 */
@Entity
@Table(name = "trace")
public class TraceEntity extends PanacheEntityBase {

    @Id
    @Column(name = "id")
    public String id;

    /** Lowercase hex SHA-256 of {@link #content}. */
    @Column(name = "sha256", nullable = false, unique = true)
    public String sha256;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    /** Non-blank lines, i.e. requests. */
    @Column(name = "row_count", nullable = false)
    public int rowCount;

    /** Loaded only when read: listings never pull megabytes of trace. */
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "content", nullable = false)
    public byte[] content;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
