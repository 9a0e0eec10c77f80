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
 * Like {@link PostgresResource}, one server per test JVM (its URL kept JVM-wide in a system property, as class loaders
 * of app restarts and {@code @QuarkusMainTest} launches each get a fresh copy of this class), reused across app
 * restarts and launches and stopped by a shutdown hook.
 * Each start gets a fresh store directory, so streams from earlier test runs never leak in. Tests use their own job
 * ids and subjects filters, never assuming an empty stream.
 * <p>
 * Use: {@code @WithTestResource(value = NatsServerResource.class, scope = TestResourceScope.GLOBAL)}.
 */
public class NatsServerResource implements QuarkusTestResourceLifecycleManager {

    /** JVM-wide (every class loader sees it): the server's URL once it runs. */
    private static final String JVM_WIDE_URL = "perfsweeptest.nats.url";

    @Override
    public Map<String, String> start() {
        return Map.of("perfsweep.nats.url", url());
    }

    @Override
    public void stop() {
    }

    /** The server's URL, starting it on first use; tests connect their own jnats client to it. */
    public static String url() {
        var jvmWide = System.getProperties();
        synchronized (jvmWide) {
            String url = jvmWide.getProperty(JVM_WIDE_URL);
            if (url == null) {
                String external = System.getenv("PERFSWEEP_TEST_NATS_URL");
                url = external != null && !external.isBlank() ? external : startServer();
                jvmWide.setProperty(JVM_WIDE_URL, url);
            }
            return url;
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
