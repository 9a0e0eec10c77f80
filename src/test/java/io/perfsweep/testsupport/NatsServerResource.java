package io.perfsweep.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real NATS server with JetStream for {@code @QuarkusTest}s: Debian's {@code nats-server} binary started on a free
 * loopback port with its store under {@code target/}, or the server {@code PERFSWEEP_TEST_NATS_URL} points at.
 * <p>
 * Like {@link PostgresResource}, one server per test profile per test JVM: every {@code @QuarkusMainTest} launch of a
 * profile (each in a class loader of its own, with a fresh copy of this class) reuses it through a JVM-wide system
 * property, while each {@code @QuarkusTest} profile gets a server of its own, as tests such as
 * {@code QueuedJobsCeilingTest} count what is pending. Stopped by a shutdown hook.
 * Each start gets a fresh store directory, so streams from earlier test runs never leak in. Tests use their own job
 * ids and subjects filters, never assuming an empty stream.
 * <p>
 * Use: {@code @WithTestResource(value = NatsServerResource.class, scope = TestResourceScope.GLOBAL)}.
 */
public class NatsServerResource implements QuarkusTestResourceLifecycleManager {

    /** JVM-wide (every class loader sees it): the URL of a profile's server, once it runs, after this prefix. */
    private static final String JVM_WIDE_URL = "perfsweeptest.nats.url.";

    /** The server of this class loader: the app's (set by {@link #start()}) or, in a plain test, its own. */
    private static String url;

    private String profile;

    @Override
    public void setContext(Context context) {
        profile = context.testProfile();
    }

    @Override
    public Map<String, String> start() {
        url = profileServer(profile == null ? "default" : profile);
        return Map.of("perfsweep.nats.url", url);
    }

    @Override
    public void stop() {
    }

    /** The server's URL, starting it on first use; tests connect their own jnats client to it. */
    public static synchronized String url() {
        if (url == null) {
            url = profileServer("no-app");
        }
        return url;
    }

    /** The server of {@code profile} in this JVM, started on first use; locked on a JDK object all loaders share. */
    private static String profileServer(String profile) {
        var jvmWide = System.getProperties();
        synchronized (jvmWide) {
            String server = jvmWide.getProperty(JVM_WIDE_URL + profile);
            if (server == null) {
                String external = System.getenv("PERFSWEEP_TEST_NATS_URL");
                server = external != null && !external.isBlank() ? external : startServer();
                jvmWide.setProperty(JVM_WIDE_URL + profile, server);
            }
            return server;
        }
    }

    private static String startServer() {
        try {
            int port = freePort();
            Path storeDir = Files.createDirectories(Path.of("target", "nats", "store-" + port));
            Path log = storeDir.resolveSibling("nats-" + port + ".log");
            Process process = new ProcessBuilder(List.of("nats-server", "-a", "127.0.0.1", "-p",
                    Integer.toString(port), "-js", "-sd", storeDir.toAbsolutePath().toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            awaitListening(port, process);
            return "nats://127.0.0.1:" + port;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nats-server (Debian package nats-server; .ci/run installs it)",
                    e);
        }
    }

    private static void awaitListening(int port, Process process) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nats-server exited with " + process.exitValue()
                        + "; see target/nats/nats-" + port + ".log");
            }
            try {
                new Socket("127.0.0.1", port).close();
                return;
            } catch (IOException notYet) {
                sleepBriefly();
            }
        }
        throw new IllegalStateException("nats-server did not listen on port " + port + " within 10 s");
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
