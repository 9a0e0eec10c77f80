package io.perfsweep.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL for {@code @QuarkusTest}s: zonky's embedded PostgreSQL 17 on a free loopback port, or the server
 * that {@code PERFSWEEP_TEST_PG_URL} points at (e.g. Debian's PostgreSQL 15 started by {@code src/dev/local-services.sh}).
 * <p>
 * <b>One server per test profile per test JVM.</b> Quarkus starts test resources again whenever a test profile
 * restarts the app, and a {@code @QuarkusMainTest} for every launch, each time in a class loader of its own (so a
 * static field here is fresh each time); a fresh {@code initdb} costs 1–2 s on an idle 2-core machine and 4–5 s on a
 * busy one. So the server of a profile is started once, its URL kept JVM-wide in a system property that every class
 * loader reads, reused by every launch of that profile, and stopped by a JVM shutdown hook (zonky's own); each
 * {@code @QuarkusTest} profile gets a server of its own, as {@code QueuedJobsCeilingTest} counts the queued jobs of
 * the whole table. Launches of one profile share the database; Flyway finds it migrated and does nothing. Tests
 * therefore use their own ids.
 * <p>
 * <b>Use:</b> {@code @WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)}. Global,
 * because application.properties configures a datasource and migrates at start, so every {@code @QuarkusTest} of
 * the module needs a database (and test classes with equal resources share one app boot). A profile that must run
 * without any database returns true from {@code QuarkusTestProfile.disableGlobalTestResources()}.
 * <p>
 * External server: {@code PERFSWEEP_TEST_PG_URL} (a full JDBC URL whose database exists),
 * {@code PERFSWEEP_TEST_PG_USER} and {@code PERFSWEEP_TEST_PG_PASSWORD} (both default {@code postgres}).
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    /** The database the embedded server creates for the tests. */
    public static final String DATABASE = "perfsweep";

    /** JVM-wide (every class loader sees it): the JDBC URL of a profile's server, once it runs, after this prefix. */
    private static final String JVM_WIDE_URL = "perfsweeptest.postgres.jdbc-url.";

    private static EmbeddedPostgres embedded;
    private static Path dataDirectory;

    private String profile;

    @Override
    public void setContext(Context context) {
        profile = context.testProfile();
    }

    @Override
    public Map<String, String> start() {
        String externalUrl = System.getenv("PERFSWEEP_TEST_PG_URL");
        if (externalUrl != null && !externalUrl.isBlank()) {
            return Map.of("quarkus.datasource.jdbc.url", externalUrl,
                    "quarkus.datasource.username", envOr("PERFSWEEP_TEST_PG_USER", "postgres"),
                    "quarkus.datasource.password", envOr("PERFSWEEP_TEST_PG_PASSWORD", "postgres"));
        }
        return Map.of("quarkus.datasource.jdbc.url", embeddedUrl(profile == null ? "default" : profile),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    /** Nothing to do: the embedded server outlives app restarts and stops with the JVM (see the class doc). */
    @Override
    public void stop() {
    }

    /**
     * The JDBC URL of {@code profile}'s embedded server, starting it on first use in this JVM. Locked on the system
     * properties (a JDK object, the same for every class loader), so two launches never start two servers.
     */
    private static String embeddedUrl(String profile) {
        var jvmWide = System.getProperties();
        synchronized (jvmWide) {
            String url = jvmWide.getProperty(JVM_WIDE_URL + profile);
            if (url == null) {
                try {
                    dataDirectory = Files
                            .createDirectories(Path.of("target", "embedded-pg", "data-" + UUID.randomUUID()))
                            .toAbsolutePath();
                    embedded = builder().start();
                    createDatabase(embedded);
                } catch (IOException e) {
                    throw new UncheckedIOException("embedded PostgreSQL did not start", e);
                }
                url = "jdbc:postgresql://127.0.0.1:" + embedded.getPort() + "/" + DATABASE;
                jvmWide.setProperty(JVM_WIDE_URL + profile, url);
            }
            return url;
        }
    }

    /**
     * Stops the embedded server (a fast shutdown: sessions are ended, as when PostgreSQL restarts under a running
     * service), leaves it down for {@code downtime}, and starts it again on the same port with the same data
     * directory, so every table and row survives. Only the embedded server can be restarted, from the class loader
     * that started it: with {@code PERFSWEEP_TEST_PG_URL} set, or from another class loader, this throws.
     */
    public static synchronized void restart(Duration downtime) {
        if (embedded == null) {
            throw new IllegalStateException("no embedded PostgreSQL to restart (not started, or an external server)");
        }
        int port = embedded.getPort();
        try {
            embedded.close();
            Thread.sleep(downtime.toMillis());
            embedded = builder().setPort(port).start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start again on port " + port, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while PostgreSQL was down", e);
        }
    }

    /**
     * The data directory is under {@code target/} and kept on close (zonky then skips {@code initdb} when it finds it
     * initialised), which is what lets {@link #restart(Duration)} bring the same database back.
     */
    private static EmbeddedPostgres.Builder builder() {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("synchronous_commit", "off")
                .setRegisterShutdownHook(true);
    }

    private static void createDatabase(EmbeddedPostgres server) {
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + DATABASE, e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
