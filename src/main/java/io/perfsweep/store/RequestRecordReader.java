package io.perfsweep.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.perfsweep.metrics.RequestError;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.metrics.Usage;

/**
 * Reads a point's raw records back as {@link RequestRecord}s, in {@code seq} order, so a point can be re-summarized or
 * re-exported. Exact except for one case: a usage block whose fields were all null comes back as no usage.
 */
final class RequestRecordReader {

    private static final String SELECT = "SELECT intended_start_ns, sent_ns, end_ns, wall_start_epoch_ns, response_ns,"
            + " first_output_index, input_tokens, output_tokens, reasoning_tokens, requested_output_tokens,"
            + " usage_prompt_tokens, usage_completion_tokens, usage_total_tokens, usage_reasoning_tokens,"
            + " cached_tokens, error_code, error_type, error_message, connection_overhead_ns"
            + " FROM request_record WHERE point_id = ? ORDER BY seq";
    /** The records of one attempt's shares (scale-out), share after share, each in {@code seq} order. */
    private static final String SELECT_SHARES = SELECT.substring(0, SELECT.indexOf(" FROM "))
            + " FROM share_record r JOIN point_share s ON s.id = r.share_id"
            + " WHERE s.job_id = ? AND s.point_index = ? AND s.attempt = ? ORDER BY s.share_index, r.seq";
    private static final int FETCH_SIZE = 5_000;

    private RequestRecordReader() {
    }

    static List<RequestRecord> readShares(Connection connection, String jobId, int pointIndex, String attempt)
            throws SQLException {
        List<RequestRecord> records = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(SELECT_SHARES)) {
            select.setFetchSize(FETCH_SIZE);
            select.setString(1, jobId);
            select.setInt(2, pointIndex);
            select.setString(3, attempt);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    records.add(record(row));
                }
            }
        }
        return records;
    }

    static List<RequestRecord> read(Connection connection, long pointId) throws SQLException {
        List<RequestRecord> records = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setFetchSize(FETCH_SIZE);
            select.setLong(1, pointId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    records.add(record(row));
                }
            }
        }
        return records;
    }

    private static RequestRecord record(ResultSet row) throws SQLException {
        Usage usage = new Usage(integer(row, "usage_prompt_tokens"), integer(row, "usage_completion_tokens"),
                integer(row, "usage_total_tokens"), integer(row, "usage_reasoning_tokens"),
                integer(row, "cached_tokens"));
        boolean noUsage = usage.promptTokens() == null && usage.completionTokens() == null
                && usage.totalTokens() == null && usage.reasoningTokens() == null && usage.cachedTokens() == null;
        Integer errorCode = integer(row, "error_code");
        RequestError error = errorCode == null ? null
                : new RequestError(errorCode, row.getString("error_type"), row.getString("error_message"));
        return new RequestRecord(row.getLong("intended_start_ns"), row.getLong("sent_ns"), row.getLong("end_ns"),
                row.getLong("wall_start_epoch_ns"), longs(row.getArray("response_ns")),
                row.getInt("first_output_index"), integer(row, "input_tokens"), integer(row, "output_tokens"),
                integer(row, "reasoning_tokens"), row.getInt("requested_output_tokens"), noUsage ? null : usage,
                error, row.getLong("connection_overhead_ns"));
    }

    private static long[] longs(Array array) throws SQLException {
        Object[] boxed = (Object[]) array.getArray();
        long[] values = new long[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            values[i] = ((Number) boxed[i]).longValue();
        }
        array.free();
        return values;
    }

    private static Integer integer(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }
}
