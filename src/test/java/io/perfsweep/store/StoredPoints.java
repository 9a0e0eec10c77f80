package io.perfsweep.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsweep.metrics.PointSummary;
import io.perfsweep.metrics.RequestRecord;

/**
 * A stored point read back over a connection of the test's own (the service runs in other processes): its summary,
 * its raw records and its {@code workers}, through the store's own readers.
 *
 * @param database the datasource's {@code quarkus.datasource.*} settings
 */
public record StoredPoints(Map<String, String> database) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The point's summary as stored. */
    public PointSummary summary(String jobId, int pointIndex) throws Exception {
        try (Connection c = connect();
                var select = c.prepareStatement("select summary::text from sweep_point"
                        + " where job_id = ? and point_index = ?")) {
            select.setString(1, jobId);
            select.setInt(2, pointIndex);
            try (var row = select.executeQuery()) {
                row.next();
                return PointSummaryJson.fromJson(JSON.readValue(row.getString(1), new TypeReference<>() {
                }));
            }
        }
    }

    /** The point's raw records, in the order they were stored. */
    public List<RequestRecord> records(String jobId, int pointIndex) throws SQLException {
        try (Connection c = connect()) {
            return RequestRecordReader.read(c, pointId(c, jobId, pointIndex));
        }
    }

    /** The point's {@code workers} column, or a missing node when it is NULL. */
    public JsonNode workers(String jobId, int pointIndex) throws Exception {
        try (Connection c = connect();
                var select = c.prepareStatement("select workers::text from sweep_point"
                        + " where job_id = ? and point_index = ?")) {
            select.setString(1, jobId);
            select.setInt(2, pointIndex);
            try (var row = select.executeQuery()) {
                row.next();
                String workers = row.getString(1);
                return workers == null ? JSON.missingNode() : JSON.readTree(workers);
            }
        }
    }

    /** Shares of the job still in {@code point_share} (their records go with them). */
    public long shareRows(String jobId) throws SQLException {
        try (Connection c = connect();
                var select = c.prepareStatement("select count(*) from point_share"
                        + " where job_id = ?")) {
            select.setString(1, jobId);
            try (var row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** The instances running a share of the job now, and the job's coordinator, as {@code instance -> coordinator}. */
    public Map<String, String> runningShares(String jobId) throws SQLException {
        return runningShares(jobId, -1);
    }

    /**
     * The instances running a share of point {@code pointIndex} of the job now (any point when negative), and its
     * coordinator, as {@code instance -> coordinator}.
     */
    public Map<String, String> runningShares(String jobId, int pointIndex) throws SQLException {
        var running = new java.util.HashMap<String, String>();
        try (Connection c = connect();
                var select = c.prepareStatement("select instance, coordinator from point_share"
                        + " where job_id = ? and state = 'RUNNING' and (? < 0 or point_index = ?)")) {
            select.setString(1, jobId);
            select.setInt(2, pointIndex);
            select.setInt(3, pointIndex);
            try (var row = select.executeQuery()) {
                while (row.next()) {
                    running.put(row.getString(1), row.getString(2));
                }
            }
        }
        return running;
    }

    /** The stored point's row id: the same id before and after a resume means the point was not stored again. */
    public long pointId(String jobId, int pointIndex) throws SQLException {
        try (Connection c = connect()) {
            return pointId(c, jobId, pointIndex);
        }
    }

    private static long pointId(Connection c, String jobId, int pointIndex) throws SQLException {
        try (var select = c.prepareStatement("select id from sweep_point where job_id = ? and point_index = ?")) {
            select.setString(1, jobId);
            select.setInt(2, pointIndex);
            try (var row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.get("quarkus.datasource.jdbc.url"),
                database.get("quarkus.datasource.username"), database.get("quarkus.datasource.password"));
    }
}
