package io.perfsweep.job;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import io.agroal.api.AgroalDataSource;

/**
 * One job per target across every perfsweep instance: a PostgreSQL session-level advisory lock keyed by the target URL,
 * held on its own connection for as long as the job runs. Instances share nothing but NATS and PostgreSQL, so the lock
 * lives where the jobs already are; a crashed instance's lock goes with its connection.
 * <p>
 * The connection comes from the service's Agroal pool: a lane waiting for its target borrows one for each try and
 * hands it straight back when the lock is taken elsewhere (nothing was taken on it), so waiting opens no sessions. The
 * connection that took the lock is held, out of the pool, until the job ends: a session-level lock lives with the
 * physical session. It goes back only after {@code pg_advisory_unlock} confirmed the release; when the unlock fails the
 * connection is aborted (its session, and so the lock, ends on the server) and the pool is flushed of invalid
 * connections, so no borrower ever gets a session that still holds a target's lock.
 */
final class TargetLock implements AutoCloseable {

    private final AgroalDataSource dataSource;
    private final Connection connection;
    private final String targetUrl;

    private TargetLock(AgroalDataSource dataSource, Connection connection, String targetUrl) {
        this.dataSource = dataSource;
        this.connection = connection;
        this.targetUrl = targetUrl;
    }

    /** Takes the target's lock if no other session holds it; empty when another job runs against the target. */
    static Optional<TargetLock> tryAcquire(AgroalDataSource dataSource, String targetUrl) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            if (call(connection, "select pg_try_advisory_lock(hashtextextended(?, 0))", targetUrl)) {
                return Optional.of(new TargetLock(dataSource, connection, targetUrl));
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return Optional.empty();
    }

    /** Releases the lock and returns the connection to the pool, or ends its session when the release fails. */
    @Override
    public void close() throws SQLException {
        boolean released = false;
        try {
            released = call(connection, "select pg_advisory_unlock(hashtextextended(?, 0))", targetUrl);
        } finally {
            if (released) {
                connection.close();
            } else {
                try {
                    connection.abort(Runnable::run);
                } finally {
                    dataSource.flush(AgroalDataSource.FlushMode.INVALID);
                }
            }
        }
        if (!released) {
            throw new SQLException("the session did not hold the lock of " + targetUrl + "; its connection was ended");
        }
    }

    private static boolean call(Connection connection, String sql, String targetUrl) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            statement.setString(1, targetUrl);
            try (var result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
