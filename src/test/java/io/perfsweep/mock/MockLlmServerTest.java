package io.perfsweep.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.api.Encoding;

import io.perfsweep.testsupport.RawHttpMessage;
import io.vertx.core.Vertx;

class MockLlmServerTest {

    private static Vertx vertx;
    private MockLlmServer server;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private MockLlmServer start(MockEngineConfig config) throws Exception {
        server = MockLlmServer.start(vertx, config).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return server;
    }

    private static String contentOf(JsonNode chunk) {
        JsonNode choice = chunk.path("choices").path(0);
        return choice.has("text") ? choice.path("text").asText() : choice.path("delta").path("content").asText();
    }

    @Test
    void streamingChatSendsExactlyMaxTokensEventsThenUsageThenDone() throws Exception {
        start(MockEngineConfig.zeroDelay());
        HttpResponse<String> response = MockHttp.post(server, "/v1/chat/completions",
                MockHttp.chatBody("Hello there, how are you?", 25, true), "chat-1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThat(response.headers().firstValue("x-request-id")).hasValue("chat-1");
        List<String> data = MockHttp.sseData(response.body());
        assertThat(data).hasSize(25 + 2).last().isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            JsonNode chunk = MockHttp.json(data.get(i));
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("choices").path(0).path("finish_reason").isNull()).isEqualTo(i < 24);
            text.append(contentOf(chunk));
        }
        assertThat(MockHttp.json(data.get(24)).path("choices").path(0).path("finish_reason").asText())
                .isEqualTo("length");
        Encoding o200k = PromptTokenizer.encoding();
        assertThat(o200k.countTokensOrdinary(text.toString())).isEqualTo(25);

        JsonNode usage = MockHttp.json(data.get(25)).path("usage");
        assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(o200k.countTokensOrdinary("Hello there, how are you?"));
        assertThat(usage.path("completion_tokens").asInt()).isEqualTo(25);
        assertThat(usage.path("total_tokens").asInt()).isEqualTo(usage.path("prompt_tokens").asInt() + 25);
        assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asInt()).isZero();

        MockRequestTruth truth = server.truth("chat-1").orElseThrow();
        assertThat(truth.completionTokens()).isEqualTo(25);
        assertThat(truth.tokenWrittenNanos()).hasSize(25).isSorted();
        assertThat(truth.tokenWrittenNanos()[0]).isGreaterThanOrEqualTo(truth.receivedNanos());
        assertThat(truth.httpStatus()).isEqualTo(200);
    }

    @Test
    void streamingCompletionsAndNonStreamingBothWork() throws Exception {
        start(MockEngineConfig.zeroDelay());
        HttpResponse<String> streamed = MockHttp.post(server, "/v1/completions",
                MockHttp.completionBody("Once upon a time", 7, true), null);
        List<String> data = MockHttp.sseData(streamed.body());
        assertThat(data).hasSize(9).last().isEqualTo("[DONE]");
        assertThat(MockHttp.json(data.get(0)).path("object").asText()).isEqualTo("text_completion");
        assertThat(MockHttp.json(data.get(7)).path("usage").path("completion_tokens").asInt()).isEqualTo(7);
        String generatedId = streamed.headers().firstValue("x-request-id").orElseThrow();
        assertThat(server.truth(generatedId)).isPresent();

        HttpResponse<String> whole = MockHttp.post(server, "/v1/chat/completions",
                MockHttp.chatBody("Hi", 9, false), "whole");
        JsonNode body = MockHttp.json(whole.body());
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        String content = body.path("choices").path(0).path("message").path("content").asText();
        assertThat(PromptTokenizer.encoding().countTokensOrdinary(content)).isEqualTo(9);
        assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(9);
        assertThat(body.path("choices").path(0).path("finish_reason").asText()).isEqualTo("length");
    }

    @Test
    void requestWithoutMaxTokensGets400WithOpenAiError() throws Exception {
        start(MockEngineConfig.zeroDelay());
        HttpResponse<String> response = MockHttp.post(server, "/v1/chat/completions",
                MockHttp.chatBody("Hi", null, true), "no-max");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = MockHttp.json(response.body()).path("error");
        assertThat(error.path("message").asText()).isEqualTo("max_output_tokens must be specified for mocker");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(server.truth("no-max").orElseThrow().httpStatus()).isEqualTo(400);
        assertThat(MockHttp.post(server, "/v1/completions", "not json", null).statusCode()).isEqualTo(400);
        assertThat(server.stats().rejectedRequests()).isEqualTo(2);
    }

    @Test
    void servesModelsHealthMetricsAndGroundTruth() throws Exception {
        start(MockEngineConfig.simulated(20.0));
        MockHttp.post(server, "/v1/completions", MockHttp.completionBody("one two three", 3, true), "gt-1");

        JsonNode models = MockHttp.json(MockHttp.get(server, "/v1/models").body());
        assertThat(models.path("data").path(0).path("id").asText()).isEqualTo("Qwen/Qwen3-0.6B");
        assertThat(MockHttp.get(server, "/health").statusCode()).isEqualTo(200);

        String metrics = MockHttp.get(server, "/metrics").body();
        assertThat(metrics).contains("perfsweep_mock_requests_total{model_name=\"Qwen/Qwen3-0.6B\"} 1")
                .contains("perfsweep_mock_generation_tokens_total{model_name=\"Qwen/Qwen3-0.6B\"} 3")
                .contains("perfsweep_mock_kv_cache_usage_ratio")
                .contains("perfsweep_mock_prefix_cache_hit_tokens_total");

        JsonNode truths = MockHttp.json(MockHttp.get(server, "/mock/requests").body());
        assertThat(truths).hasSize(1);
        JsonNode truth = truths.path(0);
        assertThat(truth.path("requestId").asText()).isEqualTo("gt-1");
        assertThat(truth.path("tokenWrittenNanos")).hasSize(3);
        assertThat(truth.path("completionTokens").asInt()).isEqualTo(3);
        assertThat(truth.path("receivedNanos").asLong()).isEqualTo(server.truth("gt-1").orElseThrow().receivedNanos());
        assertThat(MockHttp.json(MockHttp.get(server, "/mock/requests?id=nope").body())).isEmpty();
        assertThat(MockHttp.get(server, "/nowhere").statusCode()).isEqualTo(404);
    }

    @Test
    void servesOnEveryEventLoopAndTwoMocksOnPortZeroGetTheirOwnPorts() throws Exception {
        MockLlmServer first = start(MockEngineConfig.zeroDelay());
        MockLlmServer second = MockLlmServer.start(vertx, MockEngineConfig.zeroDelay()).toCompletionStage()
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        try {
            assertThat(first.eventLoops()).isEqualTo(Runtime.getRuntime().availableProcessors()); // one per core
            assertThat(first.port()).isPositive().isNotEqualTo(second.port());
            for (MockLlmServer server : List.of(first, second)) {
                HttpResponse<String> response = MockHttp.post(server, "/v1/chat/completions",
                        MockHttp.chatBody("Hi", 40, true), "on-" + server.port());
                assertThat(MockHttp.sseData(response.body())).hasSize(40 + 2); // 16-event batches, one event a token
                assertThat(server.truth("on-" + server.port()).orElseThrow().tokenWrittenNanos()).hasSize(40);
            }
        } finally {
            second.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void fixedModeShowsTheConfiguredTtftAndItlInTheGroundTruth() throws Exception {
        start(MockEngineConfig.fixed(50, 10));
        long sentNanos = System.nanoTime();
        MockHttp.post(server, "/v1/chat/completions", MockHttp.chatBody("Hi", 20, true), "fixed");
        long doneNanos = System.nanoTime();

        MockRequestTruth truth = server.truth("fixed").orElseThrow();
        assertThat(truth.completionTokens()).isEqualTo(20);
        double ttftMillis = truth.ttftNanos().orElseThrow() / 1e6;
        double itlMillis = truth.meanItlNanos().orElseThrow() / 1e6;
        assertThat(ttftMillis).isBetween(50.0, 50.0 + 40);
        assertThat(itlMillis).isBetween(5.0, 15.0); // a late first token shortens the mean: the schedule is absolute
        long lastMillis = (truth.tokenWrittenNanos()[19] - truth.receivedNanos()) / 1_000_000;
        assertThat(lastMillis).isBetween(50L + 19 * 10, 50L + 19 * 10 + 60);
        assertThat(truth.receivedNanos()).isBetween(sentNanos, doneNanos);
        long[] written = truth.tokenWrittenNanos();
        for (int i = 1; i < written.length; i++) {
            // absolute schedule: token i is never early
            assertThat(written[i] - truth.receivedNanos()).isGreaterThanOrEqualTo((50 + 10L * i) * 1_000_000L);
        }
    }

    @Test
    void tokensPerEventBatchesTokensButKeepsTheCount() throws Exception {
        start(MockEngineConfig.zeroDelay().withTokensPerEvent(4));
        HttpResponse<String> response = MockHttp.post(server, "/v1/chat/completions",
                MockHttp.chatBody("Hi", 10, true), "batched");
        List<String> data = MockHttp.sseData(response.body());
        assertThat(data).hasSize(3 + 2);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            text.append(contentOf(MockHttp.json(data.get(i))));
        }
        assertThat(PromptTokenizer.encoding().countTokensOrdinary(text.toString())).isEqualTo(10);
        assertThat(server.truth("batched").orElseThrow().tokenWrittenNanos()).hasSize(10);
    }

    @Test
    void secondIdenticalLongPromptHitsThePrefixCacheAndHasShorterTtft() throws Exception {
        start(MockEngineConfig.simulated(1.0));
        StringBuilder prompt = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            prompt.append("token").append(i % 97).append(' ');
        }
        String body = MockHttp.chatBody(prompt.toString(), 2, true);
        HttpResponse<String> first = MockHttp.post(server, "/v1/chat/completions", body, "cold");
        HttpResponse<String> second = MockHttp.post(server, "/v1/chat/completions", body, "warm");

        List<String> firstData = MockHttp.sseData(first.body());
        List<String> secondData = MockHttp.sseData(second.body());
        JsonNode coldUsage = MockHttp.json(firstData.get(firstData.size() - 2)).path("usage");
        JsonNode warmUsage = MockHttp.json(secondData.get(secondData.size() - 2)).path("usage");
        assertThat(coldUsage.path("prompt_tokens").asInt()).isGreaterThan(2000);
        assertThat(coldUsage.path("prompt_tokens_details").path("cached_tokens").asInt()).isZero();
        int cached = warmUsage.path("prompt_tokens_details").path("cached_tokens").asInt();
        assertThat(cached).isPositive().isEqualTo(server.truth("warm").orElseThrow().cachedTokens());

        long coldTtft = server.truth("cold").orElseThrow().ttftNanos().orElseThrow();
        long warmTtft = server.truth("warm").orElseThrow().ttftNanos().orElseThrow();
        assertThat(warmTtft).isLessThan(coldTtft);
        assertThat(coldTtft / 1e6).isGreaterThan(PerfModel.rawPrefillMillis(coldUsage.path("prompt_tokens").asInt()));
        assertThat(server.stats().cachedTokens()).isEqualTo(cached);
    }

    @Test
    void errorRateOneAnswersEveryRequestWith500() throws Exception {
        start(MockEngineConfig.zeroDelay().withErrorRate(1.0));
        HttpResponse<String> response = MockHttp.post(server, "/v1/chat/completions",
                MockHttp.chatBody("Hi", 3, true), "boom");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(MockHttp.json(response.body()).path("error").path("type").asText()).isEqualTo("server_error");
        assertThat(server.truth("boom").orElseThrow().httpStatus()).isEqualTo(500);
        assertThat(server.stats().failedRequests()).isEqualTo(1);
    }

    @Test
    void oneShotStallDelaysTheRequestThatTriggersIt() throws Exception {
        start(MockEngineConfig.fixed(5, 2).withStall(2, 200));
        MockHttp.post(server, "/v1/chat/completions", MockHttp.chatBody("Hi", 3, true), "before");
        MockHttp.post(server, "/v1/chat/completions", MockHttp.chatBody("Hi", 3, true), "stalled");
        MockHttp.post(server, "/v1/chat/completions", MockHttp.chatBody("Hi", 3, true), "after");
        assertThat(server.truth("before").orElseThrow().ttftNanos().orElseThrow()).isLessThan(100_000_000L);
        assertThat(server.truth("stalled").orElseThrow().ttftNanos().orElseThrow()).isGreaterThan(200_000_000L);
        assertThat(server.truth("after").orElseThrow().ttftNanos().orElseThrow()).isLessThan(100_000_000L);
    }

    @Test
    void aBodyNoRouteReadDoesNotStampTheNextRequestOnTheConnection() throws Exception {
        start(MockEngineConfig.fixed(5, 2));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            String body = "{\"x\":1}";
            // A route that answers from the head alone: the 404 goes out before the body is sent.
            send(out, "POST /v1/no-such-route HTTP/1.1\r\nHost: mock\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n");
            assertThat(readResponse(in)).startsWith("HTTP/1.1 404");
            send(out, body);
            Thread.sleep(300); // the body's read, had it left a stamp, is now 300 ms older than the next request

            String chat = MockHttp.chatBody("Hi", 3, false);
            long sentNanos = System.nanoTime();
            send(out, "POST /v1/chat/completions HTTP/1.1\r\nHost: mock\r\nContent-Type: application/json\r\n"
                    + "X-Request-ID: after-404\r\nContent-Length: " + chat.length() + "\r\n\r\n" + chat);
            assertThat(readResponse(in)).startsWith("HTTP/1.1 200");

            MockRequestTruth truth = server.truth("after-404").orElseThrow();
            assertThat(truth.receivedNanos()).isGreaterThanOrEqualTo(sentNanos);
            assertThat(truth.ttftNanos().orElseThrow()).isLessThan(100_000_000L);
        }
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** One HTTP/1.1 response with a Content-Length: its head and body as text. */
    private static String readResponse(InputStream in) throws IOException {
        RawHttpMessage response = RawHttpMessage.read(in);
        if (response == null) {
            throw new IOException("the connection closed before a whole response");
        }
        return response.text();
    }
}
