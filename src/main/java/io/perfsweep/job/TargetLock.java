package io.perfsweep.job;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/**
 * One job per target across every perfsweep instance: a PostgreSQL session-level advisory lock keyed by the target URL,
 * held on its own connection for as long as the job runs. Instances share nothing but NATS and PostgreSQL, so the lock
 * lives where the jobs already are; a crashed instance's lock goes with its connection.
 * <p>
 * The connection is a plain JDBC connection, not one from the pool: a session-level lock stays with the physical
 * session, and a pooled session handed back with a lock still on it (after a failed unlock) would block the target
 * forever, or let the next borrower re-enter a lock it does not own. Closing this connection always ends the session.
 */
final class TargetLock implements AutoCloseable {

    private final Connection connection;

    private TargetLock(Connection connection) {
        this.connection = connection;
    }

    /** Takes the target's lock if no other session holds it; empty when another job runs against the target. */
    static Optional<TargetLock> tryAcquire(Database database, String targetUrl) throws SQLException {
        Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        try (var statement = connection.prepareStatement("select pg_try_advisory_lock(hashtextextended(?, 0))")) {
            statement.setString(1, targetUrl);
            try (var result = statement.executeQuery()) {
                if (result.next() && result.getBoolean(1)) {
                    return Optional.of(new TargetLock(connection));
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return Optional.empty();
    }

    /** Releases the lock by ending the session. */
    @Override
    public void close() throws SQLException {
        connection.close();
    }

    /** Where the locks live: the service's own PostgreSQL. */
    record Database(String jdbcUrl, String user, String password) {
    }
}
