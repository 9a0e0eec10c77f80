package io.perfsweep.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A short-lived {@code nats-server} (Debian's binary) with JetStream, started from a configuration file the test
 * writes, for tests that need a server the shared {@link NatsServerResource} cannot be: one that demands credentials
 * or TLS, or one a test stops and starts again ({@link #restart()}). The test's configuration text is given everything
 * but {@code listen} and {@code jetstream}, which are added here.
 */
public final class NatsServerProcess implements AutoCloseable {

    private final int port;
    private final Path configFile;
    private final Path log;
    private volatile Process process;

    private NatsServerProcess(int port, Path configFile, Path log) {
        this.port = port;
        this.configFile = configFile;
        this.log = log;
    }

    /** Starts a server in {@code dir} with {@code config} (nats-server syntax) and waits until it listens. */
    public static NatsServerProcess start(Path dir, String config) {
        try {
            int port = freePort();
            Path store = Files.createDirectories(dir.resolve("store-" + port));
            Path file = dir.resolve("nats-" + port + ".conf");
            Files.writeString(file, "listen: 127.0.0.1:" + port + "\njetstream { store_dir: \"" + store + "\" }\n"
                    + config + "\n");
            var server = new NatsServerProcess(port, file, dir.resolve("nats-" + port + ".log"));
            server.launch();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nats-server (Debian package nats-server)", e);
        }
    }

    /**
     * Stops the server (SIGTERM, as an orchestrator would, so JetStream flushes its store) and starts a new one on the
     * same port with the same configuration and JetStream store directory, so streams, consumers and their messages
     * survive; returns once the new server listens. Clients see a disconnect and reconnect on their own.
     */
    public void restart() {
        restart(Duration.ZERO);
    }

    /** Like {@link #restart()}, with the server away for {@code downtime} between the stop and the new start. */
    public void restart(Duration downtime) {
        stop();
        try {
            Thread.sleep(downtime.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while nats-server on port " + port + " was down", e);
        }
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart nats-server on port " + port, e);
        }
    }

    private void launch() throws IOException {
        // appended: the log keeps every run of the server, which is what explains a failed restart test
        process = new ProcessBuilder(List.of("nats-server", "-c", configFile.toString())).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        awaitListening();
    }

    public int port() {
        return port;
    }

    /** {@code <scheme>://127.0.0.1:<port>}. */
    public String url(String scheme) {
        return scheme + "://127.0.0.1:" + port;
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nats-server exited with " + process.exitValue() + ": "
                        + Files.readString(log));
            }
            try {
                new Socket("127.0.0.1", port).close();
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("nats-server did not listen on port " + port + " within 10 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void stop() {
        Process running = process;
        running.destroy();
        try {
            if (!running.waitFor(10, TimeUnit.SECONDS)) {
                running.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping nats-server on port " + port, e);
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (IllegalStateException interrupted) {
            // close() stays quiet: the interrupt flag is set again for the caller
        }
    }
}
