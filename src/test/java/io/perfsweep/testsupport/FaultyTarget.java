package io.perfsweep.testsupport;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible endpoint on loopback that misbehaves in one {@link Mode}, on every request. A plain
 * {@link ServerSocket} with a thread per connection, so it can do what a well-behaved HTTP server library would not:
 * stall after the headers, reset the connection, trickle a byte at a time, or drop a stream before its end.
 */
public final class FaultyTarget implements AutoCloseable {

    /** One way a target can misbehave. */
    public enum Mode {
        /** Accepts the connection, reads the request, never writes a byte. */
        NEVER_ANSWERS,
        /** Sends 200 event-stream headers, then nothing. */
        HEADERS_THEN_NOTHING,
        /** Sends two content events, then resets the connection (TCP RST). */
        RESET_MID_STREAM,
        /** Answers HTTP 500 with an OpenAI-style JSON error body. */
        HTTP_500_JSON,
        /** Sends a content event, then a {@code data:} line that is not JSON, then {@code [DONE]}. */
        GARBAGE_DATA,
        /** Answers 200 with an HTML page (a proxy's login or error page) instead of an event stream. */
        HTML_PAGE,
        /** Sends two content events, then closes the connection without {@code [DONE]} or the last chunk. */
        CLOSED_BEFORE_DONE,
        /** Sends two content events and ends the response properly, without {@code [DONE]} or a finish reason. */
        ENDED_WITHOUT_DONE,
        /**
         * Sends two content events, a finish reason and the usage, and ends the response properly without
         * {@code [DONE]}.
         */
        FINISHED_WITHOUT_DONE,
        /** Sends a content event one byte every 100 ms, forever. */
        BYTE_EVERY_100_MS,
        /** Sends one 2 MB content event, then {@code [DONE]}. */
        SINGLE_2MB_EVENT
    }

    /** What the 500 answer carries. */
    public static final String ERROR_JSON = "{\"error\":{\"message\":\"CUDA out of memory\",\"type\":"
            + "\"internal_error\",\"code\":500}}";

    private static final String EVENT_STREAM_HEADERS = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n";

    private final Mode mode;
    private final ServerSocket server;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger metricsFetches = new AtomicInteger();
    private volatile boolean closed;

    private FaultyTarget(Mode mode) throws IOException {
        this.mode = mode;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        var acceptor = new Thread(this::accept, "faulty-target-" + mode.name().toLowerCase(Locale.ROOT));
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static FaultyTarget start(Mode mode) throws IOException {
        return new FaultyTarget(mode);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Completion requests read so far (fetches of {@code /metrics} not counted). */
    public int requests() {
        return requests.get();
    }

    /**
     * Fetches of {@code GET /metrics} read so far: a benchmark scrapes the target's metrics too, and gets the same
     * misbehaviour.
     */
    public int metricsFetches() {
        return metricsFetches.get();
    }

    /** Connections still open. */
    public int openConnections() {
        connections.removeIf(Socket::isClosed);
        return connections.size();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket socket : connections) {
            socket.close();
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                connections.add(socket);
                var handler = new Thread(() -> serve(socket), "faulty-target-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Keep-alive: answers each request on the connection until the client or the mode ends it. */
    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            for (String requestLine; !closed && (requestLine = readRequest(in)) != null;) {
                (requestLine.startsWith("GET /metrics") ? metricsFetches : requests).incrementAndGet();
                if (!answer(socket, out)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client gave up (timeout, reset): nothing left to do for this connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes this mode's answer; false when the connection must not be reused. */
    private boolean answer(Socket socket, OutputStream out) throws IOException, InterruptedException {
        switch (mode) {
            case NEVER_ANSWERS -> hang();
            case HEADERS_THEN_NOTHING -> {
                write(out, EVENT_STREAM_HEADERS);
                hang();
            }
            case RESET_MID_STREAM -> {
                write(out, EVENT_STREAM_HEADERS + chunk(content("a")) + chunk(content("b")));
                Thread.sleep(50);
                socket.setSoLinger(true, 0); // close() now sends RST instead of FIN
                return false;
            }
            case HTTP_500_JSON -> write(out, "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + ERROR_JSON.length() + "\r\n\r\n" + ERROR_JSON);
            case GARBAGE_DATA -> write(out, EVENT_STREAM_HEADERS + chunk(content("a"))
                    + chunk("data: {\"choices\":[{\"delta\":{\"content\":\u0001garbage}}\n\n") + chunk("data: [DONE]\n\n")
                    + "0\r\n\r\n");
            case HTML_PAGE -> {
                String page = "<!DOCTYPE html><html><head><title>Sign in</title></head><body><h1>Sign in to"
                        + " continue</h1></body></html>\n";
                write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
                        + page.length() + "\r\n\r\n" + page);
            }
            case CLOSED_BEFORE_DONE -> {
                write(out, EVENT_STREAM_HEADERS + chunk(content("a")) + chunk(content("b")));
                return false; // FIN without the last chunk
            }
            case ENDED_WITHOUT_DONE -> write(out, EVENT_STREAM_HEADERS + chunk(content("a")) + chunk(content("b"))
                    + "0\r\n\r\n");
            case FINISHED_WITHOUT_DONE -> write(out, EVENT_STREAM_HEADERS + chunk(content("a")) + chunk(content("b"))
                    + chunk("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                            + "\"delta\":{},\"finish_reason\":\"length\"}]}\n\n")
                    + chunk("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":"
                            + "{\"prompt_tokens\":64,\"completion_tokens\":2,\"total_tokens\":66}}\n\n")
                    + "0\r\n\r\n");
            case BYTE_EVERY_100_MS -> {
                write(out, EVENT_STREAM_HEADERS);
                String event = content("slow");
                for (int i = 0; !closed; i = (i + 1) % event.length()) {
                    write(out, chunk(event.substring(i, i + 1)));
                    Thread.sleep(100);
                }
            }
            case SINGLE_2MB_EVENT -> write(out, EVENT_STREAM_HEADERS + chunk(content("x".repeat(2 << 20)))
                    + chunk("data: [DONE]\n\n") + "0\r\n\r\n");
        }
        return true;
    }

    /** Blocks until the client or {@link #close()} closes the connection. */
    private void hang() throws InterruptedException {
        while (!closed) {
            Thread.sleep(20);
        }
    }

    /** Reads one request, head and body; its request line, or null at the end of the connection. */
    private static String readRequest(InputStream in) throws IOException {
        RawHttpMessage request = RawHttpMessage.read(in);
        return request == null ? null : request.startLine();
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One HTTP/1.1 chunk. */
    private static String chunk(String payload) {
        return Integer.toHexString(payload.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + payload + "\r\n";
    }

    /** One SSE event with an OpenAI chat content delta. */
    private static String content(String text) {
        return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":"
                + "{\"content\":\"" + text + "\"},\"finish_reason\":null}]}\n\n";
    }
}
