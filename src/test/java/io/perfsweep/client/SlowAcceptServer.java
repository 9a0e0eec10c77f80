package io.perfsweep.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.perfsweep.testsupport.RawHttpMessage;

/**
 * A real TCP server on 127.0.0.1 whose connections open slowly: its accept queue is filled with idle connections and
 * it calls {@code accept()} only after a delay, so the kernel drops a new client's SYN until the client retransmits
 * it (about a second on Linux). Once accepting, it answers every request with one SSE content event and closes.
 */
final class SlowAcceptServer implements AutoCloseable {

    private final ServerSocket listener;
    private final List<Socket> fillers = new ArrayList<>();
    private final Thread acceptor;

    private SlowAcceptServer(ServerSocket listener, Duration delay) throws IOException {
        this.listener = listener;
        fillAcceptQueue();
        acceptor = new Thread(() -> acceptAfter(delay), "slow-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static SlowAcceptServer start(Duration acceptDelay) throws IOException {
        return new SlowAcceptServer(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()), acceptDelay);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Opens idle connections until one cannot connect: the queue is then full and further SYNs are dropped. */
    private void fillAcceptQueue() throws IOException {
        for (int i = 0; i < 64; i++) {
            Socket filler = new Socket();
            try {
                filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port()), 200);
                fillers.add(filler);
            } catch (SocketTimeoutException full) {
                filler.close();
                return;
            }
        }
        throw new IllegalStateException("the accept queue never filled");
    }

    private void acceptAfter(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            while (!listener.isClosed()) {
                try (Socket socket = listener.accept()) {
                    if (fillers.stream().noneMatch(f -> f.getLocalPort() == socket.getPort())) {
                        answer(socket);
                    }
                }
            }
        } catch (IOException | InterruptedException closed) {
            // the test is over
        }
    }

    private static void answer(Socket socket) throws IOException {
        socket.setSoTimeout(5_000);
        RawHttpMessage.read(socket.getInputStream()); // whole, so closing never resets unread bytes
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"
                + ScriptedSseServer.content("slow") + ScriptedSseServer.finishAndUsage(1, 1))
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket filler : fillers) {
            filler.close();
        }
    }
}
