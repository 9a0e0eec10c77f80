package io.perfsweep.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) as its own process, for the tests that kill it or
 * the servers under it: each run on a stream, subjects and durable of its own, so runs never see each other's jobs.
 */
public final class PackagedService {

    public static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private PackagedService() {
    }

    /**
     * The environment of a service named {@code run} on {@code natsUrl} and {@code database} (the datasource's
     * {@code quarkus.datasource.*} settings), on a free HTTP port.
     */
    public static Map<String, String> environment(String run, String natsUrl, Map<String, String> database) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(freePort()));
        env.put("PERFSWEEP_NATS_URL", natsUrl);
        env.put("PERFSWEEP_NATS_STREAM", run.toUpperCase(Locale.ROOT));
        env.put("PERFSWEEP_NATS_JOBS_SUBJECT", run + ".jobs");
        env.put("PERFSWEEP_NATS_EVENTS_SUBJECT_PREFIX", run + ".events");
        env.put("PERFSWEEP_NATS_CANCEL_SUBJECT", run + ".cancel");
        env.put("PERFSWEEP_NATS_DURABLE", run + "-worker");
        env.put("PERFSWEEP_DB_URL", database.get("quarkus.datasource.jdbc.url"));
        env.put("PERFSWEEP_DB_USER", database.get("quarkus.datasource.username"));
        env.put("PERFSWEEP_DB_PASSWORD", database.get("quarkus.datasource.password"));
        return env;
    }

    /** Starts the service with exactly {@code env}, its output in {@code target/<logName>.log}. */
    public static Process start(Map<String, String> env, String logName) throws IOException {
        var builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString())).redirectErrorStream(true)
                .redirectOutput(Path.of("target", logName + ".log").toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
