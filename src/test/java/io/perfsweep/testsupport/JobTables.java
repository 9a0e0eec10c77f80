package io.perfsweep.testsupport;

import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.awaitility.Awaitility;

/**
 * What PostgreSQL holds of one job, read over a connection of its own (the service under test runs in another
 * process): its state, attempts and reason, its stored points and each point's request records.
 *
 * @param database the datasource's {@code quarkus.datasource.*} settings
 */
public record JobTables(Map<String, String> database) {

    /** Rows per point index: exactly one each when nothing was stored twice. */
    public Map<Integer, Long> storedPoints(String jobId) throws SQLException {
        var counts = new TreeMap<Integer, Long>();
        query("select point_index, count(*) from sweep_point where job_id = ? group by point_index", jobId,
                row -> counts.put(row.getInt(1), row.getLong(2)));
        return counts;
    }

    /** Request records of each stored point. */
    public List<Long> recordsPerPoint(String jobId) throws SQLException {
        var counts = new ArrayList<Long>();
        query("select count(r.*) from sweep_point p join request_record r on r.point_id = p.id"
                + " where p.job_id = ? group by p.id", jobId, row -> counts.add(row.getLong(1)));
        return counts;
    }

    /** Deliveries of the job that started it. */
    public int attempts(String jobId) throws SQLException {
        var attempts = new int[1];
        query("select attempt from job where id = ?", jobId, row -> attempts[0] = row.getInt(1));
        return attempts[0];
    }

    public String state(String jobId) throws SQLException {
        var state = new String[1];
        query("select state from job where id = ?", jobId, row -> state[0] = row.getString(1));
        return state[0];
    }

    public String reason(String jobId) throws SQLException {
        var reason = new String[1];
        query("select reason from job where id = ?", jobId, row -> reason[0] = row.getString(1));
        return reason[0];
    }

    /** Waits up to 90 s until at least {@code points} points of the job are stored. */
    public void awaitStoredPoints(String jobId, int points) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                .until(() -> storedPoints(jobId).size() >= points);
    }

    private interface Row {
        void read(ResultSet row) throws SQLException;
    }

    private void query(String sql, String jobId, Row row) throws SQLException {
        try (var connection = DriverManager.getConnection(database.get("quarkus.datasource.jdbc.url"),
                database.get("quarkus.datasource.username"), database.get("quarkus.datasource.password"));
                var statement = connection.prepareStatement(sql)) {
            statement.setString(1, jobId);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    row.read(rows);
                }
            }
        }
    }
}
