package io.perfsweep.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

/** The mock with an API key behaves like vLLM's {@code --api-key}: {@code /v1/} needs the bearer key, the rest is open. */
class MockApiKeyTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static Vertx vertx;
    private static MockLlmServer server;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = MockLlmServer.startRequiringApiKey(vertx, MockEngineConfig.zeroDelay(), "127.0.0.1", 0, "sk-right")
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void completionsNeedTheBearerKey() throws Exception {
        assertThat(chat(null).statusCode()).isEqualTo(401);
        var wrong = chat("Bearer sk-wrong");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(MockHttp.json(wrong.body()).path("error").path("type").asText()).isEqualTo("authentication_error");
        assertThat(wrong.body()).doesNotContain("sk-right");
        assertThat(chat("Bearer sk-right").statusCode()).isEqualTo(200);
        assertThat(server.groundTruth()).hasSize(1);
    }

    @Test
    void healthAndGroundTruthStayOpen() throws Exception {
        assertThat(MockHttp.get(server, "/health").statusCode()).isEqualTo(200);
        assertThat(MockHttp.get(server, "/mock/requests").statusCode()).isEqualTo(200);
        assertThat(MockHttp.get(server, "/v1/models").statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> chat(String authorization) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(MockHttp.chatBody("hi", 3, false)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
