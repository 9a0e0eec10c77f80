package io.perfsweep.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A short-lived {@code nats-server} (Debian's binary) with JetStream, started from a configuration file the test
 * writes, for tests that need a server the shared {@link NatsServerResource} cannot be: one that demands credentials
 * or TLS. The test's configuration text is given everything but {@code listen} and {@code jetstream}, which are
 * added here.
 */
public final class NatsServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private NatsServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
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
            Path log = dir.resolve("nats-" + port + ".log");
            Process process = new ProcessBuilder(List.of("nats-server", "-c", file.toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            var server = new NatsServerProcess(process, port, log);
            server.awaitListening();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nats-server (Debian package nats-server)", e);
        }
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

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
