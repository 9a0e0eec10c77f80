package io.perfsweep.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import io.perfsweep.metrics.RequestRecord;
import io.quarkus.hibernate.orm.panache.Panache;

/**
 * Bulk-writes a point's raw request records with PostgreSQL's {@code COPY request_record … FROM STDIN}.
 * <p>
 * <b>Why COPY and not JDBC batches.</b> COPY streams rows in one protocol message flow with no per-row statement,
 * bind or result, the fastest way into PostgreSQL; and one point's records arrive all at once after the point, which
 * is COPY's use case. The rows are rendered in 256 KiB chunks, so
 * memory stays flat for any record count. Measured: 100,000 records of 16 responses each in 2.7 s on a shared
 * 2-core machine, derived-metric computation included ({@code RequestRecordWriterTest}).
 * <p>
 * <b>Same transaction.</b> The COPY runs on the connection of the current Hibernate session (Agroal's pooled
 * connection, enlisted in the JTA transaction, unwrapped to the driver's {@link PGConnection}); so a point row persisted
 * in the same transaction is visible to the COPY's foreign key, and both commit or roll back together.
 * <p>
 * <b>Threads.</b> Blocking JDBC: call it off the measuring path, after a point, from any worker thread (not a Vert.x
 * event loop). It needs no request context: the transaction carries the session.
 */
@ApplicationScoped
public class RequestRecordWriter {

    private static final int CHUNK_CHARS = 256 * 1024;
    private static final String COPY_SQL = "COPY request_record (" + String.join(", ", RequestRecordCopyRows.COLUMNS)
            + ") FROM STDIN";
    /** A share's records (scale-out): the same columns, keyed by the share instead of the point. */
    private static final String COPY_SHARE_SQL = "COPY share_record (share_id, "
            + String.join(", ", RequestRecordCopyRows.COLUMNS.subList(1, RequestRecordCopyRows.COLUMNS.size()))
            + ") FROM STDIN";

    /**
     * Appends the records of a point, {@code seq} 0, 1, … in list order, joining the caller's transaction or
     * starting one.
     *
     * @return rows written
     */
    @Transactional
    public long write(long pointId, List<RequestRecord> records) {
        return Panache.getSession(SweepPointEntity.class).doReturningWork(c -> copy(c, pointId, records));
    }

    /** Appends the records on a connection the caller owns; the caller commits. */
    public static long copy(Connection connection, long pointId, List<RequestRecord> records) throws SQLException {
        return copy(connection, COPY_SQL, pointId, records);
    }

    /** Appends a share's records ({@code share_record}, keyed by its {@code point_share} row); the caller commits. */
    static long copyShare(Connection connection, long shareId, List<RequestRecord> records) throws SQLException {
        return copy(connection, COPY_SHARE_SQL, shareId, records);
    }

    private static long copy(Connection connection, String sql, long key, List<RequestRecord> records)
            throws SQLException {
        if (records.isEmpty()) {
            return 0;
        }
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            StringBuilder chunk = new StringBuilder(CHUNK_CHARS + 4096);
            for (int seq = 0; seq < records.size(); seq++) {
                RequestRecordCopyRows.append(chunk, key, seq, records.get(seq));
                if (chunk.length() >= CHUNK_CHARS) {
                    send(copy, chunk);
                }
            }
            send(copy, chunk);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void send(CopyIn copy, StringBuilder chunk) throws SQLException {
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        chunk.setLength(0);
    }
}
