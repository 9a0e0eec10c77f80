package io.perfsweep.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.perfsweep.cli.OneLineParameterErrors;
import io.perfsweep.cli.PerfsweepCommand;
import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.report.AiperfExport;
import io.perfsweep.report.ResultPlots;
import io.perfsweep.report.RunResults;
import io.perfsweep.server.ServerMetricsExport;
import io.perfsweep.testsupport.ApiJobs;
import io.perfsweep.testsupport.NatsServerResource;
import io.perfsweep.testsupport.PostgresResource;
import io.perfsweep.testsupport.ServiceFixture;
import io.perfsweep.testsupport.ZipArchives;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import picocli.CommandLine;

/**
 * {@code GET /api/jobs/{id}/export} of a real job: the archive unpacked and read back with the same reader
 * {@code plot --data-dir} uses gives the numbers the API's JSON reports, with every raw record.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = NatsServerResource.class, scope = TestResourceScope.GLOBAL)
class JobExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ServiceFixture fixture;
    private static String id;
    private static String jobJson;

    @Inject
    CommandLine.IFactory commands;

    @BeforeAll
    static void start() throws Exception {
        fixture = ServiceFixture.start(MockEngineConfig.fixed(2, 0.5));
    }

    /** Once, before the first test: REST Assured knows the app's port only from here on. */
    @BeforeEach
    void runJobOnce() {
        if (id != null) {
            return;
        }
        id = "export-" + UUID.randomUUID();
        jobJson = """
                {"apiVersion": "perfsweep/v1", "id": "%s", "name": "export-demo",
                 "target": {"url": "%s", "model": "Qwen/Qwen3-0.6B",
                            "deployment": {"mode": "disaggregated", "prefillTp": 1, "prefillDp": 1,
                                           "decodeTp": 2, "decodeDp": 1}},
                 "workload": {"type": "synthetic", "isl": 64, "islStd": 0, "osl": 8},
                 "load": {"type": "concurrency", "levels": [1, 3], "requestCount": 6}}
                """.formatted(id, fixture.mock().baseUrl());
        ApiJobs.submit(jobJson);
        assertThat(ApiJobs.awaitEnd(id, Duration.ofSeconds(90))).isEqualTo("SUCCEEDED");
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.stop();
    }

    @Test
    void theArchiveReadsBackAsARunWithTheApisNumbersAndEveryRecord() throws Exception {
        byte[] zip = given().get("/api/jobs/{id}/export", id).then().statusCode(200).contentType("application/zip")
                .header("Content-Disposition", containsString("export-demo.zip")).extract().asByteArray();
        Path dir = ZipArchives.unzip(zip, Files.createDirectories(Path.of("target", "export-test")).resolve(id));

        assertThat(dir.resolve("export-demo/deployment_config.json")).isRegularFile();
        RunResults run = RunResults.read(dir.resolve("export-demo"));
        assertThat(run.gpus()).as("prefill 1·1 + decode 2·1").isEqualTo(3);
        assertThat(run.gpuSource()).isEqualTo(RunResults.DEPLOYMENT_CONFIG);
        assertThat(run.points()).extracting(RunResults.Point::concurrency).containsExactly(1, 3);
        JsonNode api = JSON.readTree(given().get("/api/jobs/{id}/points", id).then().extract().asString());
        for (int i = 0; i < 2; i++) {
            JsonNode summary = api.get(i).path("summary");
            RunResults.Point point = run.points().get(i);
            for (String tag : List.of("time_to_first_token", "inter_token_latency", "request_latency")) {
                for (String stat : List.of("avg", "p50", "p99")) {
                    assertThat(point.result().stat(tag, stat)).as(tag + " " + stat)
                            .hasValue(summary.path(tag).path(stat).asDouble());
                }
            }
            assertThat(point.requestThroughput()).hasValue(summary.at("/request_throughput/avg").asDouble());
            assertThat(point.outputTokenThroughput())
                    .hasValue(summary.at("/output_token_throughput/avg").asDouble());
            assertThat(run.tokensPerSecondPerGpu(point))
                    .hasValue(summary.at("/output_token_throughput/avg").asDouble() / 3);

            Path pointDir = dir.resolve("export-demo").resolve(api.get(i).path("label").asText());
            assertThat(pointDir.resolve(AiperfExport.CSV_FILE)).content().contains("Time to First Token");
            List<String> records = Files.readAllLines(pointDir.resolve(AiperfExport.JSONL_FILE));
            assertThat(records).hasSize(6);
            for (String line : records) {
                JsonNode record = JSON.readTree(line);
                assertThat(record.at("/metrics/time_to_first_token/value").asDouble()).isPositive();
                assertThat(record.at("/metrics/output_sequence_length/value").asInt()).isPositive();
            }
            JsonNode aiperf = JSON.readTree(pointDir.resolve(AiperfExport.JSON_FILE).toFile());
            assertThat(aiperf.at("/input_config/num_gpus").asInt()).isEqualTo(3);
            // the target's own metrics beside it, in AIPerf's server_metrics_export.json, and in the API's view
            JsonNode server = JSON.readTree(pointDir.resolve(ServerMetricsExport.JSON_FILE).toFile());
            assertThat(server.path("schema_version").asText()).isEqualTo("1.0");
            assertThat(server.path("benchmark_id").asText()).isEqualTo(aiperf.path("benchmark_id").asText());
            assertThat(server.at("/input_config/num_gpus").asInt()).isEqualTo(3);
            assertThat(server.at("/summary/endpoints_successful/0").asText())
                    .isEqualTo(fixture.mock().baseUrl() + "/metrics");
            assertThat(server.at("/metrics/vllm:generation_tokens/series/0/stats/total").asDouble())
                    .as("tokens the mock streamed in the window: 6 requests of 8").isEqualTo(48.0);
            assertThat(pointDir.resolve(ServerMetricsExport.CSV_FILE)).content().contains("vllm:generation_tokens");
            assertThat(api.get(i).at("/server/facts/server").asText()).isEqualTo("vllm");
            assertThat(api.get(i).at("/server/facts/generation_tokens").asDouble()).isEqualTo(48.0);
        }
        // and perfsweep's own plot reads it
        assertThat(ResultPlots.write(List.of(run), dir.resolve("plots"))).hasSize(10);
    }

    /**
     * The same job run by {@code run --job} (no NATS, no database) writes the files of the service's export, with the
     * same keys at the top of {@code profile_export_aiperf.json} and in every {@code input_config}, the same values
     * but the tokenizer's name, and the same {@code deployment_config.json}.
     */
    @Test
    void theSameJobRunByTheCliWritesFilesWithTheKeysOfTheServicesExport() throws Exception {
        byte[] zip = given().get("/api/jobs/{id}/export", id).then().statusCode(200).extract().asByteArray();
        Path base = Files.createDirectories(Path.of("target", "export-test")).resolve(id + "-vs-cli");
        Path service = ZipArchives.unzip(zip, base.resolve("service")).resolve("export-demo");
        Path jobFile = Files.writeString(Files.createDirectories(base).resolve("job.json"), jobJson);

        int exitCode = new CommandLine(PerfsweepCommand.class, commands)
                .setParameterExceptionHandler(new OneLineParameterErrors())
                .execute("run", "--job", jobFile.toString(), "--output-dir", base.resolve("cli").toString());

        assertThat(exitCode).isZero();
        Path cli = base.resolve("cli").resolve("export-demo");
        assertThat(fileNames(cli)).isEqualTo(fileNames(service)).contains(RunResults.DEPLOYMENT_CONFIG, "c1", "c3");
        assertThat(JSON.readTree(cli.resolve(RunResults.DEPLOYMENT_CONFIG).toFile()))
                .isEqualTo(JSON.readTree(service.resolve(RunResults.DEPLOYMENT_CONFIG).toFile()));
        for (String label : List.of("c1", "c3")) {
            assertThat(fileNames(cli.resolve(label))).as(label).isEqualTo(fileNames(service.resolve(label)));
            for (String file : List.of(AiperfExport.JSON_FILE, ServerMetricsExport.JSON_FILE)) {
                JsonNode fromCli = JSON.readTree(cli.resolve(label).resolve(file).toFile());
                JsonNode fromService = JSON.readTree(service.resolve(label).resolve(file).toFile());
                assertThat(keys(fromCli)).as(label + "/" + file).isEqualTo(keys(fromService));
                JsonNode cliConfig = fromCli.path("input_config");
                JsonNode serviceConfig = fromService.path("input_config");
                assertThat(keys(cliConfig)).as(label + "/" + file + " input_config").isEqualTo(keys(serviceConfig))
                        .contains("benchmark_name", "endpoint_url", "model", "isl", "num_gpus", "concurrency",
                                "request_count");
                ((ObjectNode) cliConfig).remove("tokenizer");
                ((ObjectNode) serviceConfig).remove("tokenizer");
                assertThat(cliConfig).as(label + "/" + file + " input_config").isEqualTo(serviceConfig);
            }
        }
    }

    private static Set<String> keys(JsonNode node) {
        var keys = new TreeSet<String>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static Set<String> fileNames(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void anUnknownJobHasNoExport() {
        given().get("/api/jobs/{id}/export", "no-such-job").then().statusCode(404).body("type", equalTo("not_found"));
    }
}
