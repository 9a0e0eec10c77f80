package io.perfsweep.job;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.nats.client.impl.NatsMessage;
import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.mock.MockLlmServer;
import io.perfsweep.testsupport.ApiJobs;
import io.perfsweep.testsupport.NatsServerResource;
import io.perfsweep.testsupport.PostgresResource;
import io.perfsweep.testsupport.ServiceFixture;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

/**
 * A {@code prefix} job end to end over real NATS, PostgreSQL and HTTP: one point per ratio stored with its ratio, the
 * completion event carrying the router script's summary, the summary and plot served by the API, and the requests
 * spread over two mock engines as the script spreads them over two URLs.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = NatsServerResource.class, scope = TestResourceScope.GLOBAL)
class PrefixRatioJobTest {

    private static ServiceFixture fixture;
    private static Vertx secondVertx;
    private static MockLlmServer second;

    @BeforeAll
    static void start() throws Exception {
        fixture = ServiceFixture.start(MockEngineConfig.simulated(50));
        secondVertx = Vertx.vertx();
        second = MockLlmServer.start(secondVertx, MockEngineConfig.simulated(50)).toCompletionStage()
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        second.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        secondVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        fixture.stop();
    }

    @Test
    void aPrefixJobRunsEveryRatioOverBothUrlsAndReportsTheScriptsSummary() throws Exception {
        String id = "prefix-" + UUID.randomUUID();
        publish("""
                {"apiVersion": "perfsweep/v1", "id": "%s", "name": "router-job",
                 "target": {"url": "%s", "additionalUrls": ["%s"]},
                 "workload": {"type": "prefix", "prefixRatios": [0.2, 0.8], "isl": 512, "osl": 8,
                              "prefixPromptCount": 3, "seed": 11},
                 "load": {"levels": [4], "requestCount": 15},
                 "extras": {"minTokens": false, "nvextIgnoreEos": true}}
                """.formatted(id, fixture.mock().baseUrl(), second.baseUrl()));

        JsonNode completed = fixture.inbox().await("io.perfsweep.job.completed.v1", id, Duration.ofSeconds(90));

        JsonNode summary = completed.path("prefixRatio");
        assertThat(summary.fieldNames()).toIterable().containsExactly("prefix_ratios", "ttft_p25_values",
                "ttft_p50_values", "ttft_p75_values", "itl_p25_values", "itl_p50_values", "itl_p75_values", "config");
        assertThat(summary.path("prefix_ratios")).extracting(JsonNode::asDouble).containsExactly(0.2, 0.8);
        assertThat(summary.path("ttft_p50_values").get(1).asDouble()).isPositive();
        assertThat(summary.at("/config/requests").asInt()).isEqualTo(15);
        assertThat(summary.at("/config/initial_seed").asInt()).isEqualTo(11);
        assertThat(completed.at("/points/1/label").asText()).isEqualTo("prefix_ratio_0.8_seed_12");
        // 15 requests over two URLs: 8 and 7 per ratio, as the script splits them.
        assertThat(fixture.mock().groundTruth()).filteredOn(t -> t.requestId().startsWith("router-job-"))
                .hasSize(16);
        assertThat(second.groundTruth()).filteredOn(t -> t.requestId().startsWith("router-job-")).hasSize(14);

        given().get("/api/jobs/{id}/points", id).then().statusCode(200).body("$", hasSize(2))
                .body("label", contains("prefix_ratio_0.2_seed_11", "prefix_ratio_0.8_seed_12"))
                .body("prefixRatio", contains(0.2f, 0.8f)).body("[1].summary.request_count.avg", equalTo(15.0f));
        String fromApi = given().get("/api/jobs/{id}/prefix-ratio", id).then().statusCode(200)
                .contentType("application/json").extract().asString();
        assertThat(new ObjectMapper().readTree(fromApi)).isEqualTo(summary);
        byte[] png = given().get("/api/jobs/{id}/prefix-ratio/plot.png", id).then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isEqualTo(1600);
        String svg = given().get("/api/jobs/{id}/prefix-ratio/plot.svg", id).then().statusCode(200)
                .contentType("image/svg+xml").extract().asString();
        assertThat(svg).contains("<svg", "</svg>");

        // The report page shows the router script's figure, linked to its files, not plots against concurrency
        // (every ratio ran at the same concurrency).
        String page = given().get("/api/jobs/{id}/report", id).then().statusCode(200).extract().asString();
        assertThat(page).contains("id=\"prefix_ratio_performance\"", "href=\"prefix-ratio/plot.svg\"",
                "prefix_ratio_0.2_seed_11", "prefix_ratio_0.8_seed_12");
        assertThat(page.split("<svg", -1)).as("one inline figure").hasSize(2);
        assertThat(page).doesNotContain("vs_concurrency");
    }

    @Test
    void theSummaryOfAJobThatIsNoPrefixJobIsNotFound() {
        given().get("/api/jobs/{id}/prefix-ratio", "no-such-job").then().statusCode(404)
                .body("type", equalTo("not_found"));
        String id = "not-prefix-" + UUID.randomUUID();
        ApiJobs.submit("""
                {"apiVersion": "perfsweep/v1", "id": "%s", "name": "plain-job", "target": {"url": "%s"},
                 "workload": {"isl": 32, "osl": 4}, "load": {"levels": [1], "requestCount": 2}}
                """.formatted(id, fixture.mock().baseUrl()));
        ApiJobs.awaitEnd(id, Duration.ofSeconds(60));
        given().get("/api/jobs/{id}/prefix-ratio", id).then().statusCode(404).body("type", equalTo("not_found"))
                .body("message", containsString("not a prefix-ratio job"));
    }

    private static void publish(String payload) throws Exception {
        fixture.nats().jetStream().publish(NatsMessage.builder().subject("perfsweep.jobs")
                .data(payload.getBytes(StandardCharsets.UTF_8)).build());
    }

}
