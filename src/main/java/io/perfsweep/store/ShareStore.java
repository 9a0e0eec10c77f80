package io.perfsweep.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsweep.metrics.RequestRecord;
import io.quarkus.hibernate.orm.panache.Panache;

/**
 * The shares of points driven by several instances (tables {@code point_share} and {@code share_record}, see
 * docs/scale-out.md): a worker registers its share as it becomes ready, then writes its raw records by COPY and marks
 * the share done in one transaction; the coordinator reads an attempt's shares and records to merge them, or deletes
 * the attempt by its key when it is voided. A share whose row was deleted (its attempt voided meanwhile) cannot be
 * marked done, so a late worker never adds records to an attempt nobody waits for.
 * <p>
 * Every method joins the caller's transaction or starts one; blocking, call off the event loops.
 */
@ApplicationScoped
public class ShareStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** Registers a share that is about to run; its id keys its records. Fails when the share is already registered. */
    @Transactional
    public long begin(ShareKey key, String instance, String coordinator, Integer concurrency, Double requestRate,
            int requests) {
        return session().doReturningWork(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO point_share (job_id, point_index, attempt,"
                    + " share_index, instance, coordinator, concurrency, request_rate, requests, state)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'RUNNING') RETURNING id")) {
                insert.setString(1, key.jobId());
                insert.setInt(2, key.pointIndex());
                insert.setString(3, key.attempt());
                insert.setInt(4, key.shareIndex());
                insert.setString(5, instance);
                insert.setString(6, coordinator);
                insert.setObject(7, concurrency, Types.INTEGER);
                insert.setObject(8, requestRate, Types.DOUBLE);
                insert.setInt(9, requests);
                try (ResultSet row = insert.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }

    /**
     * Writes a share's records by COPY and marks it done, atomically.
     *
     * @return false, writing nothing, when the share's attempt was voided (its row deleted) meanwhile
     */
    @Transactional
    public boolean finish(long shareId, List<RequestRecord> records, double startSkewMs,
            Map<String, Object> clientHealth) {
        return session().doReturningWork(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE point_share SET state = 'DONE', record_count = ?,"
                    + " start_skew_ms = ?, client_health = cast(? as jsonb) WHERE id = ? AND state = 'RUNNING'")) {
                update.setInt(1, records.size());
                update.setDouble(2, startSkewMs);
                update.setString(3, clientHealth == null ? null : json(clientHealth));
                update.setLong(4, shareId);
                if (update.executeUpdate() == 0) {
                    return false;
                }
            }
            RequestRecordWriter.copyShare(c, shareId, records);
            return true;
        });
    }

    /** The shares of one attempt of a point, by share index. */
    @Transactional
    public List<PointShareRow> shares(String jobId, int pointIndex, String attempt) {
        return session().doReturningWork(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT share_index, instance, coordinator, concurrency,"
                    + " request_rate, requests, state, record_count, start_skew_ms, client_health::text"
                    + " FROM point_share WHERE job_id = ? AND point_index = ? AND attempt = ? ORDER BY share_index")) {
                select.setString(1, jobId);
                select.setInt(2, pointIndex);
                select.setString(3, attempt);
                return rows(select);
            }
        });
    }

    /** The records of one attempt's shares, share after share, each in send order. */
    @Transactional
    public List<RequestRecord> records(String jobId, int pointIndex, String attempt) {
        return session().doReturningWork(c -> RequestRecordReader.readShares(c, jobId, pointIndex, attempt));
    }

    /** The attempts of a point with shares in PostgreSQL, oldest first. */
    @Transactional
    public List<Attempt> attempts(String jobId, int pointIndex) {
        return session().doReturningWork(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT attempt, min(coordinator), count(*)"
                    + " FROM point_share WHERE job_id = ? AND point_index = ? GROUP BY attempt ORDER BY min(id)")) {
                select.setString(1, jobId);
                select.setInt(2, pointIndex);
                var attempts = new ArrayList<Attempt>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        attempts.add(new Attempt(row.getString(1), row.getString(2), row.getInt(3)));
                    }
                }
                return attempts;
            }
        });
    }

    /**
     * An attempt of a point as PostgreSQL holds it.
     *
     * @param attempt its id
     * @param coordinator the instance that coordinated it
     * @param shares how many of its shares began
     */
    public record Attempt(String attempt, String coordinator, int shares) {
    }

    /** Deletes an attempt's shares and their records; returns how many shares there were. */
    @Transactional
    public int voidAttempt(String jobId, int pointIndex, String attempt) {
        return session().doReturningWork(c -> delete(c, "DELETE FROM point_share WHERE job_id = ? AND point_index = ?"
                + " AND attempt = ?", jobId, pointIndex, attempt));
    }

    /** Deletes every attempt's shares of a point: once it is stored, they are no longer needed. */
    @Transactional
    public int deletePoint(String jobId, int pointIndex) {
        return session().doReturningWork(c -> delete(c, "DELETE FROM point_share WHERE job_id = ? AND point_index = ?",
                jobId, pointIndex, null));
    }

    /**
     * Sets a stored point's instances ({@code sweep_point.workers}) on its entity, so the session that stored the
     * point writes them with it (a statement beside the session would be overwritten by its flush).
     */
    @Transactional
    public void setWorkers(long pointId, List<Map<String, Object>> workers) {
        SweepPointEntity point = SweepPointEntity.findById(pointId);
        point.workers = workers;
    }

    private static int delete(Connection c, String sql, String jobId, int pointIndex, String attempt)
            throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(sql)) {
            delete.setString(1, jobId);
            delete.setInt(2, pointIndex);
            if (attempt != null) {
                delete.setString(3, attempt);
            }
            return delete.executeUpdate();
        }
    }

    private static List<PointShareRow> rows(PreparedStatement select) throws SQLException {
        var rows = new ArrayList<PointShareRow>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                int recordCount = row.getInt("record_count");
                Integer records = row.wasNull() ? null : recordCount;
                double skew = row.getDouble("start_skew_ms");
                Double startSkewMs = row.wasNull() ? null : skew;
                String health = row.getString("client_health");
                rows.add(new PointShareRow(row.getInt("share_index"), row.getString("instance"),
                        row.getString("coordinator"), (Integer) row.getObject("concurrency"),
                        (Double) row.getObject("request_rate"), row.getInt("requests"), row.getString("state"),
                        records, startSkewMs, health == null ? null : map(health)));
            }
        }
        return rows;
    }

    private static org.hibernate.Session session() {
        return Panache.getSession(SweepPointEntity.class);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> map(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("point_share.client_health is not a JSON object: " + e.getMessage(), e);
        }
    }
}
