package io.perfsweep.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.mock.MockLlmServer;
import io.perfsweep.testsupport.EventInbox;
import io.perfsweep.testsupport.NatsServerResource;
import io.perfsweep.testsupport.PostgresResource;
import io.perfsweep.testsupport.StandInDcgmExporter;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.Vertx;

/**
 * The full proof: a real Prometheus (Debian's 2.42) scrapes this service's {@code /q/metrics} every second
 * while a job sweeps the mock, and every expression of the live dashboard returns data through its query API.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = NatsServerResource.class, scope = TestResourceScope.GLOBAL)
class PrometheusScrapeTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Vertx vertx;
    private static MockLlmServer mock;
    private static StandInDcgmExporter dcgm;
    private static Connection nats;
    private static EventInbox inbox;
    private static Process prometheus;
    private static String prometheusUrl;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        // simulated, not fixed timing: only an engine with a KV cache tells every gauge the dashboard reads
        mock = MockLlmServer.start(vertx, MockEngineConfig.simulated(10)).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        // a DCGM exporter among the job's metrics endpoints: the GPU panels read its power, utilisation and energy
        dcgm = StandInDcgmExporter.start(StandInDcgmExporter.twoGpus(300));
        nats = Nats.connect(NatsServerResource.url());
        inbox = new EventInbox(nats);
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            prometheus.waitFor(10, TimeUnit.SECONDS);
        }
        inbox.close();
        nats.close();
        dcgm.close();
        mock.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void everyLiveDashboardExpressionReturnsDataFromARealScrape() throws Exception {
        startPrometheus(Promtool.require("prometheus"));
        // Prometheus answers 503 until its storage is ready, then "up" once it has scraped the service.
        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> query("up{job=\"perfsweep\"} == 1").size() == 1);
        String id = "prom-" + UUID.randomUUID();
        nats.jetStream().publish("perfsweep.jobs", LiveMetricsTest
                .job(id, "prom-" + id.substring(5, 13), mock.baseUrl(), "[2, 4]", 60)
                .replace("\"model\":", "\"metricsUrls\": [\"" + dcgm.metricsUrl() + "\"], \"model\":")
                .getBytes(StandardCharsets.UTF_8));

        inbox.await("io.perfsweep.job.completed.v1", id, Duration.ofSeconds(120));

        // Within a minute of the sweep every rate is still positive, so no quantile may be NaN either.
        for (String expression : LiveDashboard.expressions()) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                List<JsonNode> series = query(expression);
                assertThat(series).as(expression).isNotEmpty();
                assertThat(series).as(expression).anySatisfy(s -> assertThat(s.at("/value/1").asText())
                        .isNotEqualTo("NaN"));
            });
        }
    }

    private static void startPrometheus(Path binary) throws IOException {
        Path dir = Files.createDirectories(Path.of("target/prometheus/" + UUID.randomUUID()));
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: perfsweep
                    metrics_path: /q/metrics
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(RestAssured.port));
        prometheusUrl = "http://127.0.0.1:" + port;
        prometheus = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    }

    private static List<JsonNode> query(String expression) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(prometheusUrl + "/api/v1/query?query="
                + URLEncoder.encode(expression, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10)).build();
        JsonNode body = JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
        assertThat(body.path("status").asText()).as(expression + ": " + body).isEqualTo("success");
        var series = new java.util.ArrayList<JsonNode>();
        body.at("/data/result").forEach(series::add);
        return series;
    }
}
