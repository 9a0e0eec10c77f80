package io.perfsweep.job;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.nats.client.impl.NatsMessage;
import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.mock.MockLlmServer;
import io.perfsweep.planner.StrictNpy;
import io.perfsweep.testsupport.ApiJobs;
import io.perfsweep.testsupport.NatsServerResource;
import io.perfsweep.testsupport.PostgresResource;
import io.perfsweep.testsupport.ServiceFixture;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

/**
 * A {@code plannerProfile} job end to end over real NATS, PostgreSQL and HTTP, against a mock engine with a small KV
 * cache (2000 one-token blocks) that its {@code /metrics} tell: every profiler point stored as a point, the planner's
 * arrays and the profile's summary in {@code job.completed}, the files downloadable as a zip; and a job against a
 * server that tells no capacity, naming none itself, failed with that reason.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = NatsServerResource.class, scope = TestResourceScope.GLOBAL)
class PlannerProfileJobTest {

    private static final int KV_BLOCKS = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ServiceFixture fixture;
    private static Vertx fixedVertx;
    private static MockLlmServer fixed;

    @BeforeAll
    static void start() throws Exception {
        fixture = ServiceFixture.start(MockEngineConfig.simulated(20).withBlockSize(1).withNumGpuBlocks(KV_BLOCKS));
        fixedVertx = Vertx.vertx();
        // FIXED mode has no KV cache: its /metrics have no cache_config_info
        fixed = MockLlmServer.start(fixedVertx, MockEngineConfig.fixed(1, 0.1)).toCompletionStage()
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        fixed.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        fixedVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        fixture.stop();
    }

    /** max_ctx 900: prefill ISLs 100, 172, 244, 316; decode ISLs 100 (1 and 16 requests) and 540 (1 and 3). */
    private static String job(String id, String url, String more) {
        return """
                {"apiVersion": "perfsweep/v1", "id": "%s", "name": "qwen-profile", "target": {"url": "%s"},
                 "workload": {"type": "plannerProfile", "maxContextLength": 900, "prefillGranularity": 4,
                              "decodeGranularity": 2, "decodeOsl": 20, "gpusPerEngine": 2%s}}
                """.formatted(id, url, more);
    }

    @Test
    void aPlannerProfileJobStoresEveryPointAndThePlannersFiles() throws Exception {
        String id = "profile-" + UUID.randomUUID();
        publish(job(id, fixture.mock().baseUrl(), ", \"maxKvTokens\": 123456"));

        JsonNode end = awaitEnd(id);
        assertThat(end.has("planner")).as("job.completed, not %s", end).isTrue();

        // The capacity the server tells wins over the job's own figure.
        JsonNode summary = end.path("plannerProfile");
        assertThat(summary.at("/inputs/max_kv_tokens").asLong()).isEqualTo(KV_BLOCKS);
        assertThat(summary.at("/inputs/max_kv_tokens_source").asText()).isEqualTo("server");
        assertThat(summary.at("/inputs/max_context_length").asInt()).isEqualTo(900);
        assertThat(summary.path("download").asText()).isEqualTo("/api/jobs/" + id + "/planner-profile");
        assertThat(summary.path("files")).extracting(JsonNode::asText).containsExactly("prefill_raw_data.json",
                "decode_raw_data.json", "selected_prefill_interpolation/raw_data.npz",
                "selected_decode_interpolation/raw_data.npz");
        JsonNode planner = end.path("planner");
        assertThat(planner.path("max_kv_tokens").asLong()).isEqualTo(KV_BLOCKS);
        // Each point is in the arrays, or left out because the client's own timing was distorted there (on a
        // machine too busy for it).
        assertThat(planner.path("prefill_isl").size() + planner.path("x_kv_usage").size()
                + summary.path("excluded_points").size()).isEqualTo(8);
        assertThat(planner.path("prefill_isl").size()).isGreaterThanOrEqualTo(3);
        summary.path("excluded_points").forEach(
                why -> assertThat(why.asText()).isEqualTo("the client's own timing was distorted"));
        List<String> excluded = new ArrayList<>();
        summary.path("excluded_points").fieldNames().forEachRemaining(excluded::add);
        assertThat(planner.path("excluded_points")).extracting(JsonNode::asText).containsExactlyElementsOf(excluded);
        assertThat(summary.path("distorted_points").isArray()).isTrue();

        // Every profiler point is an ordinary stored point, labelled as the profiler names its artifacts.
        given().get("/api/jobs/{id}/points", id).then().statusCode(200).body("$", hasSize(8))
                .body("label", contains("aiperf_isl100", "aiperf_isl172", "aiperf_isl244", "aiperf_isl316",
                        "aiperf_isl100_osl20_n1", "aiperf_isl100_osl20_n16", "aiperf_isl540_osl20_n1",
                        "aiperf_isl540_osl20_n3"))
                .body("concurrency", contains(1, 1, 1, 1, 1, 16, 1, 3))
                .body("[5].summary.request_count.avg", equalTo(16.0f));
        given().get("/api/jobs/{id}", id).then().statusCode(200).body("pointsTotal", equalTo(8))
                .body("pointsDone", equalTo(8));

        // The download: the planner's --profile-results-dir as a zip, the same arrays as the event.
        byte[] zip = given().get("/api/jobs/{id}/planner-profile", id).then().statusCode(200)
                .contentType("application/zip").extract().asByteArray();
        Map<String, byte[]> files = unzip(zip);
        assertThat(files).containsOnlyKeys("prefill_raw_data.json", "decode_raw_data.json",
                "selected_prefill_interpolation/raw_data.npz", "selected_decode_interpolation/raw_data.npz");
        JsonNode prefill = JSON.readTree(files.get("prefill_raw_data.json"));
        JsonNode decode = JSON.readTree(files.get("decode_raw_data.json"));
        assertThat(prefill.path("prefill_ttft")).isEqualTo(planner.path("prefill_ttft"));
        assertThat(decode.path("z_itl")).isEqualTo(planner.path("z_itl"));
        assertThat(decode.path("max_kv_tokens").asLong()).isEqualTo(KV_BLOCKS);
        for (int i = 0; i < prefill.path("prefill_isl").size(); i++) {
            double isl = prefill.path("prefill_isl").get(i).asDouble();
            double ttft = prefill.path("prefill_ttft").get(i).asDouble();
            assertThat(prefill.path("prefill_thpt_per_gpu").get(i).asDouble()).isEqualTo(isl / ttft / 2 * 1000 * 1);
        }
        for (int i = 0; i < decode.path("x_kv_usage").size(); i++) {
            double context = decode.path("y_context_length").get(i).asDouble();
            double usage = decode.path("x_kv_usage").get(i).asDouble();
            long n = Math.round(usage * KV_BLOCKS / context);
            assertThat(n).isIn(1L, 16L, 3L);
            assertThat(usage).isEqualTo(context * n / KV_BLOCKS);
        }
        Map<String, StrictNpy.Array> decodeNpz = StrictNpy
                .readNpz(files.get("selected_decode_interpolation/raw_data.npz"));
        assertThat(decodeNpz.get("max_kv_tokens").longs()).containsExactly(KV_BLOCKS);
        assertThat(decodeNpz.get("z_itl").length()).isEqualTo(decode.path("z_itl").size());
        assertThat(StrictNpy.readNpz(files.get("selected_prefill_interpolation/raw_data.npz")).get("prefill_isl")
                .descr()).isEqualTo("<i8");

        // The report page shows the profiler's figure, linked to its SVG and PNG, not plots against concurrency.
        String page = given().get("/api/jobs/{id}/report", id).then().statusCode(200).extract().asString();
        assertThat(page).contains("id=\"planner_profile\"", "href=\"planner-profile/plot.svg\"",
                "aiperf_isl100_osl20_n16").doesNotContain("vs_concurrency");
        byte[] png = given().get("/api/jobs/{id}/planner-profile/plot.png", id).then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isEqualTo(1600);
        assertThat(given().get("/api/jobs/{id}/planner-profile/plot.svg", id).then().statusCode(200)
                .contentType("image/svg+xml").extract().asString()).contains("<svg", "</svg>");
    }

    @Test
    void aJobWhoseServerTellsNoCapacityAndThatNamesNoneFails() {
        String id = "profile-no-kv-" + UUID.randomUUID();
        ApiJobs.submit(job(id, fixed.baseUrl(), ""));

        JsonNode failed = fixture.inbox().await("io.perfsweep.job.failed.v1", id, Duration.ofSeconds(60));

        assertThat(failed.path("state").asText()).isEqualTo("FAILED");
        assertThat(failed.path("reason").asText()).startsWith("max_kv_tokens is unknown, so the decode points cannot"
                + " be planned: the target's metrics").contains("tell no KV capacity",
                        "the job names none (workload.maxKvTokens)");
        assertThat(failed.path("pointsDone").asInt()).isZero();
        given().get("/api/jobs/{id}", id).then().statusCode(200).body("state", equalTo("FAILED"));
        assertThat(fixed.groundTruth()).as("nothing was sent").isEmpty();
        given().get("/api/jobs/{id}/planner-profile", id).then().statusCode(404).body("type", equalTo("not_found"));
        given().get("/api/jobs/{id}/planner-profile", "no-such-job").then().statusCode(404);
    }

    /** The job.completed data, or the job.failed data when it failed. */
    private static JsonNode awaitEnd(String id) {
        String state = ApiJobs.awaitEnd(id, Duration.ofSeconds(180));
        String type = "SUCCEEDED".equals(state) ? "io.perfsweep.job.completed.v1" : "io.perfsweep.job.failed.v1";
        return fixture.inbox().await(type, id, Duration.ofSeconds(10));
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    private static void publish(String payload) throws Exception {
        fixture.nats().jetStream().publish(NatsMessage.builder().subject("perfsweep.jobs")
                .data(payload.getBytes(StandardCharsets.UTF_8)).build());
    }
}
