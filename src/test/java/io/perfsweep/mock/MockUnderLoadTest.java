package io.perfsweep.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

class MockUnderLoadTest {

    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void concurrentStreamsUnderKvPressureAllGetExactlyMaxTokensAndSomeArePreempted() throws Exception {
        MockEngineConfig config = MockEngineConfig.simulated(2.0).withBlockSize(16).withNumGpuBlocks(40);
        MockLlmServer server = MockLlmServer.start(vertx, config).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String prompt = ("request " + i + " asks about the weather in the north and the south. ").repeat(4);
                HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/completions"))
                        .timeout(Duration.ofSeconds(20)).header("X-Request-ID", "load-" + i)
                        .POST(HttpRequest.BodyPublishers.ofString(MockHttp.completionBody(prompt, 40, true))).build();
                responses.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }
            CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

            for (CompletableFuture<HttpResponse<String>> response : responses) {
                assertThat(MockHttp.sseData(response.get().body())).hasSize(40 + 2);
            }
            List<MockRequestTruth> truths = server.groundTruth();
            assertThat(truths).hasSize(24).allSatisfy(t -> assertThat(t.completionTokens()).isEqualTo(40));
            assertThat(truths.stream().mapToInt(MockRequestTruth::preemptions).sum()).isPositive();
            assertThat(server.stats().preemptions()).isPositive();
            assertThat(server.stats().completionTokens()).isEqualTo(24 * 40);
        } finally {
            server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void clientArrivalNeverPrecedesTheTruthStamp() throws Exception {
        MockLlmServer server = MockLlmServer.start(vertx, MockEngineConfig.fixed(20, 5)).toCompletionStage()
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/chat/completions"))
                    .timeout(Duration.ofSeconds(20)).header("X-Request-ID", "clock")
                    .POST(HttpRequest.BodyPublishers.ofString(MockHttp.chatBody("Hi", 12, true))).build();
            List<Long> arrivals = client.send(request, HttpResponse.BodyHandlers.ofLines()).body()
                    .filter(line -> line.startsWith("data: {") && !line.contains("\"usage\""))
                    .map(line -> System.nanoTime())
                    .collect(Collectors.toList());

            long[] written = server.truth("clock").orElseThrow().tokenWrittenNanos();
            assertThat(arrivals).hasSize(12);
            for (int i = 0; i < 12; i++) {
                assertThat(arrivals.get(i)).isGreaterThanOrEqualTo(written[i]);
            }
        } finally {
            server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
