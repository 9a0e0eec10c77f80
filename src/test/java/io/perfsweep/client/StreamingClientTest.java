package io.perfsweep.client;

import static io.perfsweep.client.ScriptedSseServer.await;
import static io.perfsweep.client.ScriptedSseServer.beginStream;
import static io.perfsweep.client.ScriptedSseServer.content;
import static io.perfsweep.client.ScriptedSseServer.event;
import static io.perfsweep.client.ScriptedSseServer.finishAndUsage;
import static io.perfsweep.client.ScriptedSseServer.roleOnly;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;

/** The client against a real scripted SSE server on 127.0.0.1: timing, failures as data, and the wire format. */
class StreamingClientTest {

    /**
     * Upper bound for loopback delivery plus event-loop hops on a busy 2-core machine. The lower bound is 0:
     * an event stamped with an earlier chunk's time (the known bug) would precede its own write.
     */
    private static final long ARRIVAL_TOLERANCE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private Vertx vertx;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void closeVertx() throws Exception {
        await(vertx.close());
    }

    @Test
    void everyTokenArrivesOnceWithTheServersWriteTime() throws Exception {
        List<String> writes = new ArrayList<>();
        writes.add(roleOnly());
        for (int i = 0; i < 10; i++) {
            writes.add(content("t" + i));
        }
        writes.add(finishAndUsage(12, 10));
        ScriptedSseServer server = ScriptedSseServer.start(vertx, (s, response) -> {
            beginStream(response);
            s.writePaced(response, writes, 25);
        });

        StreamOutcome outcome = send(client(server.baseUrl()), StreamRequest.of("m", "hi"));

        assertThat(outcome.ok()).as("%s", outcome.failure()).isTrue();
        assertThat(outcome.responseCount()).isEqualTo(10);
        assertThat(outcome.joinedContent()).isEqualTo("t0t1t2t3t4t5t6t7t8t9");
        assertThat(outcome.usage()).isEqualTo(new ServerUsage(12, 10, 22, null, null));
        assertThat(outcome.finishReason()).isEqualTo("length");
        for (int i = 0; i < 10; i++) {
            long writtenNanos = server.writeNanos.get(i + 1); // write 0 is the role-only chunk
            assertThat(outcome.responseNanos(i) - writtenNanos).as("chunk %d", i)
                    .isBetween(0L, ARRIVAL_TOLERANCE_NANOS);
        }
        assertThat(outcome.sentNanos()).isLessThan(server.writeNanos.get(0));
        assertThat(outcome.endNanos()).isGreaterThanOrEqualTo(outcome.responseNanos(9));
    }

    @Test
    void severalEventsInOneWriteShareThatWritesArrivalTime() throws Exception {
        List<String> writes = new ArrayList<>();
        for (int w = 0; w < 5; w++) {
            writes.add(content(w + "a") + content(w + "b") + content(w + "c"));
        }
        writes.add(finishAndUsage(3, 15));
        ScriptedSseServer server = ScriptedSseServer.start(vertx, (s, response) -> {
            beginStream(response);
            s.writePaced(response, writes, 30);
        });

        StreamOutcome outcome = send(client(server.baseUrl()), StreamRequest.of("m", "hi"));

        assertThat(outcome.responseCount()).isEqualTo(15);
        assertThat(outcome.joinedContent()).isEqualTo("0a0b0c1a1b1c2a2b2c3a3b3c4a4b4c");
        for (int w = 0; w < 5; w++) {
            long[] sameWrite = Arrays.copyOfRange(outcome.responseNanos(), 3 * w, 3 * w + 3);
            long arrivalNanos = sameWrite[0];
            assertThat(sameWrite).containsOnly(arrivalNanos);
            assertThat(arrivalNanos - server.writeNanos.get(w)).as("write %d", w)
                    .isBetween(0L, ARRIVAL_TOLERANCE_NANOS);
        }
    }

    @Test
    void errorStatusIsHttpStatusWithAShortBodyExcerpt() throws Exception {
        ScriptedSseServer server = ScriptedSseServer.start(vertx,
                (s, response) -> response.setStatusCode(500).end("{\"error\":\"boom\"}" + "x".repeat(5000)));

        StreamOutcome outcome = send(client(server.baseUrl()), StreamRequest.of("m", "hi"));

        assertThat(outcome.failure().kind()).isEqualTo(ErrorKind.HTTP_STATUS);
        assertThat(outcome.failure().httpStatus()).isEqualTo(500);
        assertThat(outcome.failure().message()).startsWith("HTTP 500: {\"error\":\"boom\"}xxx").hasSize(200);
    }

    @Test
    void closedPortIsAConnectFailure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        StreamOutcome outcome = send(client("127.0.0.1:" + closedPort), StreamRequest.of("m", "hi"));

        assertThat(outcome.failure().kind()).isEqualTo(ErrorKind.CONNECT);
        assertThat(outcome.failure().httpStatus()).isZero();
        assertThat(outcome.responseCount()).isZero();
    }

    @Test
    void aHeaderVertxRefusesToSendFailsTheRequestAtOnceEvenWithoutATimeout() throws Exception {
        ScriptedSseServer server = ScriptedSseServer.start(vertx, (s, response) -> {
            beginStream(response);
            response.end(content("ok") + finishAndUsage(1, 1));
        });
        ClientOptions options = options(server.baseUrl()).withRequestTimeout(Duration.ZERO)
                .withHeader("X-Broken", "line\nbreak");

        StreamOutcome outcome = send(new StreamingClient(vertx, options), StreamRequest.of("m", "hi"));

        assertThat(outcome.failure().kind()).isEqualTo(ErrorKind.CONNECT);
        assertThat(outcome.failure().message()).startsWith("IllegalArgumentException");
        assertThat(server.received).isEmpty();
    }

    @Test
    void stalledStreamTimesOutAfterTheIdleTimeout() throws Exception {
        String written = roleOnly() + content("a");
        ScriptedSseServer server = ScriptedSseServer.start(vertx, (s, response) -> {
            beginStream(response);
            s.write(response, written); // then silence
        });
        ClientOptions options = options(server.baseUrl()).withIdleTimeout(Duration.ofMillis(300));

        StreamOutcome outcome = send(new StreamingClient(vertx, options), StreamRequest.of("m", "hi"));

        assertThat(outcome.failure()).isEqualTo(Failure.of(ErrorKind.TIMEOUT, "no bytes for 300 ms (after the"
                + " response headers: " + written.length() + " body bytes, 1 content events, no [DONE])"));
        assertThat(outcome.responseCount()).isEqualTo(1);
        assertThat(outcome.joinedContent()).isEqualTo("a");
        assertThat(outcome.endNanos() - outcome.sentNanos())
                .isBetween(TimeUnit.MILLISECONDS.toNanos(300), TimeUnit.MILLISECONDS.toNanos(2_000));
    }

    @Test
    void tricklingStreamHitsTheRequestTimeout() throws Exception {
        ScriptedSseServer server = ScriptedSseServer.start(vertx, (s, response) -> {
            beginStream(response);
            long timerId = vertx.setPeriodic(50, id -> response.write(": ping\n\n"));
            response.closeHandler(v -> vertx.cancelTimer(timerId));
        });
        ClientOptions options = options(server.baseUrl()).withRequestTimeout(Duration.ofMillis(400))
                .withIdleTimeout(Duration.ofMillis(200));

        StreamOutcome outcome = send(new StreamingClient(vertx, options), StreamRequest.of("m", "hi"));

        assertThat(outcome.failure().kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(outcome.failure().message()).startsWith("no complete response within 400 ms (after the response"
                + " headers: ").endsWith(" body bytes, 0 content events, no [DONE])");
        assertThat(outcome.endNanos() - outcome.sentNanos()).isLessThan(TimeUnit.MILLISECONDS.toNanos(2_000));
    }

    @Test
    void garbageDataIsAStreamParseFailure() throws Exception {
        ScriptedSseServer server = ScriptedSseServer.start(vertx, (s, response) -> {
            beginStream(response);
            response.end(content("a") + "data: <html>oops</html>\n\n");
        });

        StreamOutcome outcome = send(client(server.baseUrl()), StreamRequest.of("m", "hi"));

        assertThat(outcome.failure().kind()).isEqualTo(ErrorKind.STREAM_PARSE);
        assertThat(outcome.failure().message()).contains("<html>oops</html>");
    }

    @Test
    void streamWithoutContentIsAnEmptyResponse() throws Exception {
        ScriptedSseServer server = ScriptedSseServer.start(vertx, (s, response) -> {
            beginStream(response);
            response.end(roleOnly() + finishAndUsage(5, 0));
        });

        StreamOutcome outcome = send(client(server.baseUrl()), StreamRequest.of("m", "hi"));

        assertThat(outcome.failure().kind()).isEqualTo(ErrorKind.EMPTY_RESPONSE);
        assertThat(outcome.usage().promptTokens()).isEqualTo(5);
    }

    @Test
    void chatRequestCarriesStreamingFieldsLengthControlsAndHeaders() throws Exception {
        ScriptedSseServer server = ScriptedSseServer.start(vertx, (s, response) -> {
            beginStream(response);
            response.end(content("ok") + finishAndUsage(1, 1));
        });
        ClientOptions options = ClientOptions.of("http://127.0.0.1:" + server.port() + "/proxy", EndpointKind.CHAT)
                .withHeader("Authorization", "Bearer secret").withHeader("X-Extra", "1");
        StreamRequest request = StreamRequest.of("my-model", "hi there").withRequestId("req-42")
                .withFixedOutputLength(64);

        StreamOutcome outcome = send(new StreamingClient(vertx, options), request);

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.requestId()).isEqualTo("req-42");
        ScriptedSseServer.Received received = server.received.get(0);
        assertThat(received.path()).isEqualTo("/proxy/v1/chat/completions");
        assertThat(received.headers().get("Authorization")).isEqualTo("Bearer secret");
        assertThat(received.headers().get("X-Extra")).isEqualTo("1");
        assertThat(received.headers().get("Accept")).isEqualTo("text/event-stream");
        assertThat(received.headers().get("Content-Type")).isEqualTo("application/json");
        assertThat(received.headers().get("X-Request-ID")).isEqualTo("req-42");
        assertThat(received.headers().get("traceparent")).isEqualTo(TraceParent.of("req-42"));
        JsonNode body = new ObjectMapper().readTree(received.body().getBytes());
        assertThat(body.path("model").asText()).isEqualTo("my-model");
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo("hi there");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.path("min_tokens").asInt()).isEqualTo(64);
        assertThat(body.path("ignore_eos").asBoolean()).isTrue();
        assertThat(body.path("nvext").path("ignore_eos").asBoolean()).isTrue();
    }

    @Test
    void completionsRequestSendsPromptAndOmitsUnrequestedFields() throws Exception {
        ScriptedSseServer server = ScriptedSseServer.start(vertx, (s, response) -> {
            beginStream(response);
            response.end(event("{\"object\":\"text_completion\",\"choices\":[{\"index\":0,\"text\":\"Once\"}]}")
                    + event("{\"object\":\"text_completion\",\"choices\":[{\"index\":0,\"text\":\" upon\"}]}")
                    + event("[DONE]"));
        });
        ClientOptions options = options(server.baseUrl()).withEndpoint(EndpointKind.COMPLETIONS);

        StreamOutcome outcome = send(new StreamingClient(vertx, options), StreamRequest.of("m", "tell me"));

        assertThat(outcome.joinedContent()).isEqualTo("Once upon");
        ScriptedSseServer.Received received = server.received.get(0);
        assertThat(received.path()).isEqualTo("/v1/completions");
        assertThat(received.headers().get("X-Request-ID")).isEqualTo(outcome.requestId()).hasSize(36);
        JsonNode body = new ObjectMapper().readTree(received.body().getBytes());
        assertThat(body.path("prompt").asText()).isEqualTo("tell me");
        assertThat(body.fieldNames()).toIterable().containsExactlyInAnyOrder("model", "prompt", "stream",
                "stream_options");
    }

    @Test
    void twoMegabyteStreamCompletesAndParses() throws Exception {
        String token = "abcdefgh".repeat(16); // 128 chars
        String batch = content(token).repeat(256);
        List<String> writes = new ArrayList<>();
        for (int w = 0; w < 64; w++) {
            writes.add(batch);
        }
        writes.add(finishAndUsage(1, 16_384));
        ScriptedSseServer server = ScriptedSseServer.start(vertx, (s, response) -> {
            beginStream(response);
            s.writePaced(response, writes, 1);
        });

        StreamOutcome outcome = send(client(server.baseUrl()), StreamRequest.of("m", "hi"));

        assertThat(outcome.ok()).as("%s", outcome.failure()).isTrue();
        assertThat(outcome.responseCount()).isEqualTo(16_384);
        assertThat(outcome.joinedContent()).hasSize(2 << 20);
    }

    @Test
    void cancelAndCloseGiveCancelledOutcomes() throws Exception {
        ScriptedSseServer server = ScriptedSseServer.start(vertx, (s, response) -> {
            beginStream(response);
            s.write(response, roleOnly());
        });
        StreamingClient client = client(server.baseUrl());

        StreamHandle first = client.submit(StreamRequest.of("m", "hi"));
        Future<StreamOutcome> second = client.send(StreamRequest.of("m", "hi"));
        awaitReceived(server, 2);
        first.cancel();
        assertThat(await(first.outcome()).failure().kind()).isEqualTo(ErrorKind.CANCELLED);
        await(client.closeAsync());
        assertThat(await(second).failure()).isEqualTo(Failure.of(ErrorKind.CANCELLED, "client closed"));
        assertThat(await(client.send(StreamRequest.of("m", "late"))).failure().kind())
                .isEqualTo(ErrorKind.CANCELLED);
    }

    @Test
    void sequentialRequestsReuseOneKeepAliveConnection() throws Exception {
        ScriptedSseServer server = ScriptedSseServer.start(vertx, (s, response) -> {
            beginStream(response);
            response.end(content("x") + finishAndUsage(1, 1));
        });
        StreamingClient client = new StreamingClient(vertx, options(server.baseUrl()).withMaxConnections(1));

        for (int i = 0; i < 3; i++) {
            assertThat(send(client, StreamRequest.of("m", "hi")).ok()).isTrue();
        }
        assertThat(server.connections).hasSize(1);
    }

    @Test
    void concurrentSendsFromAnotherThreadAllComplete() throws Exception {
        ScriptedSseServer server = ScriptedSseServer.start(vertx, (s, response) -> {
            beginStream(response);
            s.writePaced(response, List.of(content("a"), content("b"), finishAndUsage(1, 2)), 20);
        });
        StreamingClient client = new StreamingClient(vertx, options(server.baseUrl()).withMaxConnections(8));

        List<Future<StreamOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            outcomes.add(client.send(StreamRequest.of("m", "hi")));
        }
        for (Future<StreamOutcome> outcome : outcomes) {
            assertThat(await(outcome).joinedContent()).isEqualTo("ab");
            assertThat(await(outcome).responseCount()).isEqualTo(2);
        }
        assertThat(server.connections).hasSizeLessThanOrEqualTo(8);
    }

    @Test
    void lanesSpreadRequestsOverEventLoopsWithEveryConnectionInFlightAtOnce() throws Exception {
        List<HttpServerResponse> held = java.util.Collections.synchronizedList(new ArrayList<>());
        ScriptedSseServer server = ScriptedSseServer.start(vertx, (s, response) -> {
            beginStream(response);
            held.add(response); // answered only once all are in: a request queued in a pool would never arrive
        });
        StreamingClient client = new StreamingClient(vertx, options(server.baseUrl()).withMaxConnections(10), 4);
        assertThat(client.eventLoopCount()).isEqualTo(4); // Vertx.vertx() has 2 x cores event loops
        java.util.Set<String> readThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();

        List<Future<StreamOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            outcomes.add(client.send(StreamRequest.of("m", "hi"))
                    .onSuccess(o -> readThreads.add(Thread.currentThread().getName())));
        }
        awaitReceived(server, 10);
        for (HttpServerResponse response : List.copyOf(held)) {
            response.end(content("x") + finishAndUsage(1, 1));
        }
        for (Future<StreamOutcome> outcome : outcomes) {
            assertThat(await(outcome).ok()).isTrue();
        }
        assertThat(server.connections).hasSize(10);
        assertThat(readThreads).hasSize(client.eventLoopCount());
    }

    @Test
    void largePoolsAreSplitIntoSmallLanesOverTheLoops() {
        StreamingClient client = new StreamingClient(vertx, options("127.0.0.1:1").withMaxConnections(1000));
        assertThat(client.laneCount()).isEqualTo(16); // ceil(1000 / 64)
        assertThat(client.eventLoopCount()).isEqualTo(Math.min(16, Runtime.getRuntime().availableProcessors()));
        client.close();
    }

    @Test
    void oneLaneWhenAsked() throws Exception {
        ScriptedSseServer server = ScriptedSseServer.start(vertx, (s, response) -> {
            beginStream(response);
            response.end(content("x") + finishAndUsage(1, 1));
        });
        StreamingClient client = new StreamingClient(vertx, options(server.baseUrl()).withMaxConnections(8), 1);

        assertThat(client.eventLoopCount()).isEqualTo(1);
        assertThat(send(client, StreamRequest.of("m", "hi")).joinedContent()).isEqualTo("x");
    }

    @Test
    void clientBuiltOnAWorkerContextStillReadsOnAnEventLoop() throws Exception {
        ScriptedSseServer server = ScriptedSseServer.start(vertx, (s, response) -> {
            beginStream(response);
            response.end(content("x") + finishAndUsage(1, 1));
        });
        CompletableFuture<StreamingClient> built = new CompletableFuture<>();
        await(vertx.deployVerticle(new AbstractVerticle() {
            @Override
            public void start() {
                built.complete(client(server.baseUrl()));
            }
        }, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)));
        StreamingClient client = built.get(10, TimeUnit.SECONDS);
        List<Boolean> onEventLoop = new ArrayList<>();

        StreamOutcome outcome = await(client.send(StreamRequest.of("m", "hi"))
                .onSuccess(o -> onEventLoop.add(Context.isOnEventLoopThread())));

        assertThat(outcome.ok()).isTrue();
        assertThat(onEventLoop).containsExactly(true);
    }

    /**
     * A server whose accept queue is full until it starts accepting: the client's SYN is dropped and retransmitted,
     * so the connection takes hundreds of milliseconds to open. That time belongs to TTFT and latency (AIPerf stamps
     * before the connect too) and is reported on its own as the connection overhead.
     */
    @Test
    void ttftAndLatencyIncludeASlowConnect() throws Exception {
        try (SlowAcceptServer server = SlowAcceptServer.start(Duration.ofMillis(400))) {
            StreamOutcome outcome = send(client("http://127.0.0.1:" + server.port()), StreamRequest.of("m", "hi"));

            assertThat(outcome.ok()).as("%s", outcome.failure()).isTrue();
            assertThat(outcome.joinedContent()).isEqualTo("slow");
            long overhead = outcome.connectionOverheadNanos();
            assertThat(overhead).as("connection overhead").isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(350));
            assertThat(outcome.responseNanos(0) - outcome.sentNanos()).as("TTFT").isGreaterThanOrEqualTo(overhead);
            assertThat(outcome.endNanos() - outcome.sentNanos()).as("latency").isGreaterThan(overhead);
        }
    }

    @Test
    void aReusedConnectionCostsNearlyNothing() throws Exception {
        ScriptedSseServer server = ScriptedSseServer.start(vertx, (s, response) -> {
            beginStream(response);
            s.writePaced(response, List.of(content("a"), finishAndUsage(1, 1)), 1);
        });
        StreamingClient client = new StreamingClient(vertx, options(server.baseUrl()).withMaxConnections(1));
        send(client, StreamRequest.of("m", "first"));

        StreamOutcome second = send(client, StreamRequest.of("m", "second"));

        assertThat(second.ok()).isTrue();
        assertThat(second.connectionOverheadNanos()).isBetween(0L, TimeUnit.MILLISECONDS.toNanos(50));
    }

    @Test
    void preconnectedConnectionsCarryTheFirstRequestsWithNoConnectInside() throws Exception {
        ScriptedSseServer server = ScriptedSseServer.start(vertx, (s, response) -> {
            beginStream(response);
            s.writePaced(response, List.of(content("a"), finishAndUsage(1, 1)), 1);
        });
        StreamingClient client = new StreamingClient(vertx, options(server.baseUrl()));

        assertThat(await(client.preconnect(4, Duration.ofSeconds(5)))).as("connections opened").isEqualTo(4);
        awaitCount(server.accepted, 4);
        assertThat(server.received).as("requests before the window").isEmpty();
        List<StreamOutcome> outcomes = new ArrayList<>();
        for (Future<StreamOutcome> sent : List.of(client.send(StreamRequest.of("m", "a")),
                client.send(StreamRequest.of("m", "b")), client.send(StreamRequest.of("m", "c")),
                client.send(StreamRequest.of("m", "d")))) {
            outcomes.add(await(sent));
        }

        assertThat(outcomes).allSatisfy(outcome -> {
            assertThat(outcome.ok()).as("%s", outcome.failure()).isTrue();
            assertThat(outcome.connectionOverheadNanos()).as("connection overhead").isZero();
        });
        assertThat(server.accepted).as("connections accepted").hasValue(4);
        assertThat(server.connections).as("connections that carried a request").hasSize(4);
    }

    @Test
    void preconnectedConnectionsNeverUsedCloseWithTheClient() throws Exception {
        ScriptedSseServer server = ScriptedSseServer.start(vertx, (s, response) -> response.end());
        StreamingClient client = new StreamingClient(vertx, options(server.baseUrl()));
        assertThat(await(client.preconnect(3, Duration.ofSeconds(5)))).isEqualTo(3);
        awaitCount(server.accepted, 3);

        await(client.closeAsync());

        awaitCount(server.closed, 3);
        assertThat(server.received).isEmpty();
    }

    @Test
    void preconnectToADeadPortOpensNothingAndTheRequestStillFailsAsAConnect() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        StreamingClient client = client("http://127.0.0.1:" + port);

        assertThat(await(client.preconnect(2, Duration.ofSeconds(5)))).isZero();
        StreamOutcome outcome = send(client, StreamRequest.of("m", "hi"));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.failure().kind()).isEqualTo(ErrorKind.CONNECT);
    }

    private static void awaitCount(java.util.concurrent.atomic.AtomicInteger count, int expected)
            throws InterruptedException {
        long deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (count.get() < expected && System.nanoTime() < deadlineNanos) {
            Thread.sleep(10);
        }
        assertThat(count).hasValue(expected);
    }

    private StreamingClient client(String baseUrl) {
        return new StreamingClient(vertx, options(baseUrl));
    }

    private static ClientOptions options(String baseUrl) {
        return ClientOptions.of(baseUrl, EndpointKind.CHAT).withMaxConnections(4)
                .withRequestTimeout(Duration.ofSeconds(8));
    }

    private static StreamOutcome send(StreamingClient client, StreamRequest request) throws Exception {
        return await(client.send(request));
    }

    private static void awaitReceived(ScriptedSseServer server, int count) throws InterruptedException {
        long deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.received.size() < count && System.nanoTime() < deadlineNanos) {
            Thread.sleep(10);
        }
        assertThat(server.received).hasSize(count);
    }
}
