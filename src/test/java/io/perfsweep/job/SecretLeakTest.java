package io.perfsweep.job;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.testsupport.NatsServerResource;
import io.perfsweep.testsupport.PostgresResource;
import io.perfsweep.testsupport.ServiceFixture;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * A target API key passed by reference (a mounted secret file) reaches the target and nothing else: a real job
 * against a mock that refuses requests without {@code Authorization: Bearer <key>} succeeds, and then the key's value
 * is searched for, and not found, in every column of every table of PostgreSQL, in every event published about the
 * job, in every line the service logged, and in the job's AIPerf export files.
 */
@QuarkusTest
@TestProfile(QueueAndSecretsProfile.class)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = NatsServerResource.class, scope = TestResourceScope.GLOBAL)
class SecretLeakTest {

    private static final String SECRET = QueueAndSecretsProfile.API_KEY;
    private static ServiceFixture fixture;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @BeforeAll
    static void start() throws Exception {
        fixture = ServiceFixture.startRequiringApiKey(MockEngineConfig.fixed(1, 0.2), SECRET);
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.stop();
    }

    @Test
    void theTargetGetsTheKeyAndNoTableEventLogLineOrExportHoldsIt() throws Exception {
        assertThat(statusWithout(fixture.mock().baseUrl())).as("the mock refuses a request without the key")
                .isEqualTo(401);
        String id = "leak-" + UUID.randomUUID();
        given().header("X-API-Key", "test-api-key").contentType("application/json").body(job(id))
                .post("/api/jobs").then().statusCode(202);

        var completed = fixture.inbox().await("io.perfsweep.job.completed.v1", id, Duration.ofSeconds(60));

        // Every request passed the mock's key check: it received "Authorization: Bearer <secret>".
        assertThat(completed.at("/points/0/requestCount").asInt()).isEqualTo(3);
        assertThat(completed.at("/points/0/errorRequestCount").asInt()).isZero();
        assertThat(fixture.mock().groundTruth()).filteredOn(t -> t.requestId().startsWith("leak-secret-"))
                .hasSize(3).allSatisfy(t -> assertThat(t.httpStatus()).isEqualTo(200));
        given().get("/api/jobs/{id}", id).then().statusCode(200).body("state", equalTo("SUCCEEDED"))
                .body("spec.target.headers.Authorization.secretRef", equalTo(QueueAndSecretsProfile.SECRET_NAME));

        assertNotInDatabase(id);
        assertNotInEvents(id);
        assertNotInExport(id);
        assertNotInLog(id);
        assertThat(RestAssured.get("/api/jobs/{id}", id).asString()).doesNotContain(SECRET);
    }

    /** Every column of every table, whatever its type, as text (bytea as its bytes). */
    private void assertNotInDatabase(String jobId) throws Exception {
        List<String> searched = new ArrayList<>();
        try (var db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                var columns = db.createStatement().executeQuery("select table_schema, table_name, column_name,"
                        + " data_type from information_schema.columns where table_schema not in"
                        + " ('pg_catalog', 'information_schema') order by 1, 2, 3")) {
            while (columns.next()) {
                String table = '"' + columns.getString(1) + "\".\"" + columns.getString(2) + '"';
                String column = '"' + columns.getString(3) + '"';
                String contains = columns.getString(4).equals("bytea")
                        ? "position(convert_to(?, 'UTF8') in " + column + ") > 0"
                        : "strpos(" + column + "::text, ?) > 0";
                try (var query = db.prepareStatement("select count(*) from " + table + " where " + contains)) {
                    query.setString(1, SECRET);
                    try (var count = query.executeQuery()) {
                        count.next();
                        assertThat(count.getLong(1)).as("rows of " + table + "." + column + " holding the secret")
                                .isZero();
                    }
                }
                searched.add(columns.getString(2) + "." + columns.getString(3));
            }
            try (var spec = db.prepareStatement("select spec::text from job where id = ?")) {
                spec.setString(1, jobId);
                try (var row = spec.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getString(1)).as("the stored spec keeps the reference")
                            .contains(QueueAndSecretsProfile.SECRET_NAME);
                }
            }
        }
        assertThat(searched).contains("job.spec", "job.reason", "sweep_point.summary");
        assertThat(searched.stream().filter(c -> c.startsWith("request_record.")).count()).isGreaterThan(5);
    }

    private void assertNotInEvents(String jobId) {
        List<String> events = fixture.inbox().published(jobId);
        assertThat(events).hasSizeGreaterThanOrEqualTo(2); // point.completed and job.completed
        assertThat(events).allSatisfy(event -> assertThat(event).doesNotContain(SECRET));
    }

    /**
     * What a user downloads or opens: every file of {@code GET /api/jobs/{id}/export} (the AIPerf layout, with the
     * stored spec as {@code input_config}) and the HTML report page.
     */
    private void assertNotInExport(String jobId) throws Exception {
        byte[] zip = given().get("/api/jobs/{id}/export", jobId).then().statusCode(200).extract().asByteArray();
        Map<String, String> files = new TreeMap<>();
        try (var entries = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = entries.getNextEntry()) != null;) {
                if (!entry.isDirectory()) {
                    files.put(entry.getName(), new String(entries.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        // deployment_config.json, one point's JSON, CSV and JSONL, and the target's own metrics (JSON and CSV)
        assertThat(files).hasSize(6).allSatisfy(
                (name, content) -> assertThat(content).as(name).isNotEmpty().doesNotContain(SECRET));
        assertThat(files).containsKeys("leak-secret/deployment_config.json", "leak-secret/c1/profile_export.jsonl");
        String page = given().get("/api/jobs/{id}/report", jobId).then().statusCode(200).extract().asString();
        assertThat(page).contains(jobId).doesNotContain(SECRET);
    }

    private static void assertNotInLog(String jobId) throws Exception {
        Path log = QueueAndSecretsProfile.LOG_FILE;
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).as("the captured log covers the job").anySatisfy(line -> assertThat(line).contains(jobId));
        assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain(SECRET));
    }

    private static int statusWithout(String baseUrl) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"Qwen/Qwen3-0.6B\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String job(String id) {
        return """
                {"apiVersion": "perfsweep/v1", "id": "%s", "name": "leak-secret",
                 "target": {"url": "%s", "model": "Qwen/Qwen3-0.6B",
                            "headers": {"Authorization": {"secretRef": "%s"}}},
                 "workload": {"type": "synthetic", "isl": 32, "islStd": 0, "osl": 4},
                 "load": {"type": "concurrency", "levels": [1], "requestCount": 3}}
                """.formatted(id, fixture.mock().baseUrl(), QueueAndSecretsProfile.SECRET_NAME);
    }
}
