package io.perfsweep.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.nats.client.Connection;
import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.mock.MockLlmServer;
import io.perfsweep.testsupport.EventInbox;
import io.perfsweep.testsupport.NatsServerResource;
import io.perfsweep.testsupport.PostgresResource;
import io.perfsweep.testsupport.ServiceFixture;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The service's {@code /q/metrics} while a job sweeps the mock: requests show up while they run, the histograms
 * count every measured request afterwards, labels are benchmark/target/model only, and promtool finds nothing to
 * say about any {@code perfsweep_} series.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = NatsServerResource.class, scope = TestResourceScope.GLOBAL)
class LiveMetricsTest {

    static final String MODEL = "Qwen/Qwen3-0.6B";

    private static ServiceFixture fixture;
    private static MockLlmServer mock;
    private static Connection nats;
    private static EventInbox inbox;

    @Inject
    SweepTelemetry telemetry;

    @BeforeAll
    static void start() throws Exception {
        // 20 ms TTFT and 5 ms per token: a 40-token request takes about 0.2 s, slow enough to be seen in flight.
        fixture = ServiceFixture.start(MockEngineConfig.fixed(20, 5));
        mock = fixture.mock();
        nats = fixture.nats();
        inbox = fixture.inbox();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.stop();
    }

    @Test
    void aRunningSweepShowsUpLiveAndItsHistogramsCountEveryMeasuredRequest() throws Exception {
        String id = "live-" + UUID.randomUUID();
        String name = "live-" + id.substring(5, 13);
        var labels = Map.of("benchmark", name, "target", mock.baseUrl(), "model", MODEL);
        int total = 2 * 40;
        publish(job(id, name, mock.baseUrl(), "[2, 4]", 40));

        // During the sweep: some requests in flight, or some but not all of them counted.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Scrape scrape = Scrape.now();
            double done = scrape.sum("perfsweep_requests_total", labels);
            return scrape.sum("perfsweep_requests_in_flight", labels) > 0 || (done > 0 && done < total);
        });
        assertThat(inbox.find("io.perfsweep.job.completed.v1", id)).as("seen before the job completed").isEmpty();

        inbox.await("io.perfsweep.job.completed.v1", id, Duration.ofSeconds(120));
        Scrape after = Scrape.now();

        assertThat(after.sum("perfsweep_requests_total", with(labels, "outcome", "ok"))).isEqualTo(total);
        for (String histogram : new String[] { "perfsweep_request_ttft_seconds", "perfsweep_request_itl_seconds",
                "perfsweep_request_latency_seconds" }) {
            assertThat(after.sum(histogram + "_count", labels)).as(histogram).isEqualTo(total);
            assertThat(after.sum(histogram + "_bucket", with(labels, "le", "+Inf"))).as(histogram).isEqualTo(total);
        }
        // 40 output tokens per request, counted by the client tokenizer at each point's end.
        assertThat(after.sum("perfsweep_output_tokens_total", labels)).isEqualTo(total * 40.0);
        assertThat(after.sum("perfsweep_content_responses_total", labels)).isEqualTo(total * 40.0);
        assertThat(after.sum("perfsweep_input_tokens_total", labels)).isGreaterThan(0);
        assertThat(after.sum("perfsweep_requests_in_flight", labels)).isZero();
        assertThat(after.sum("perfsweep_point_concurrency", labels)).isZero();
        assertThat(after.sum("perfsweep_point_index", labels)).isEqualTo(1);
        assertThat(after.samples()).filteredOn(sample -> sample.name().startsWith("perfsweep_"))
                .allSatisfy(sample -> {
                    assertThat(sample.labels().keySet())
                            .isSubsetOf("benchmark", "target", "model", "outcome", "state", "le");
                    assertThat(sample.labels().values()).noneMatch(value -> value.contains(id));
                });
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Scrape.now()
                .sum("perfsweep_jobs", Map.of("state", "SUCCEEDED")) >= 1);
    }

    @Test
    void jobGaugesAreRegisteredAtStartupForEveryState() {
        Scrape scrape = Scrape.now();
        for (String state : new String[] { "QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED", "REJECTED" }) {
            assertThat(scrape.find("perfsweep_jobs", Map.of("state", state))).as(state).hasSize(1);
        }
        assertThat(scrape.find("perfsweep_queue_depth", Map.of())).hasSize(1);
        assertThat(scrape.find("perfsweep_events_undelivered_total", Map.of())).as("registered at startup").hasSize(1);
    }

    @Test
    void promtoolFindsNothingWrongWithAnyPerfsweepSeries() throws Exception {
        // Every sweep meter family exists whatever ran before: an idle label set of this test's own.
        telemetry.meters("promtool-check", "http://127.0.0.1:9", MODEL).pointStarted(0, 1);
        Scrape scrape = Scrape.now();
        assertThat(scrape.text()).contains("# TYPE perfsweep_request_ttft_seconds histogram",
                "# TYPE perfsweep_requests_total counter", "# TYPE perfsweep_requests_in_flight gauge",
                "# TYPE perfsweep_jobs gauge");

        Promtool.Result result = Promtool.run(scrape.text(), "check", "metrics");

        // Findings on Quarkus's own meters (exit 3) are expected; ours must have none, and it must parse.
        assertThat(result.output()).doesNotContain("perfsweep_").doesNotContain("error while linting");
        assertThat(result.exitCode()).as(result.output()).isIn(0, 3);
    }

    @Test
    void everySeriesTheLiveDashboardReadsIsExported() throws Exception {
        telemetry.meters("promtool-check", "http://127.0.0.1:9", MODEL).pointStarted(0, 1);
        Scrape scrape = Scrape.now();
        for (String expression : LiveDashboard.expressions()) {
            for (String metric : LiveDashboard.metricNames(expression)) {
                String series = metric.endsWith("_seconds") ? metric + "_bucket" : metric;
                assertThat(scrape.samples()).as(expression).anyMatch(sample -> sample.name().equals(series));
            }
        }
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        var copy = new java.util.HashMap<>(labels);
        copy.put(key, value);
        return copy;
    }

    static String job(String id, String name, String url, String levels, int requestCount) {
        return """
                {"apiVersion": "perfsweep/v1", "id": "%s", "name": "%s",
                 "target": {"url": "%s", "model": "%s"},
                 "workload": {"type": "synthetic", "isl": 64, "islStd": 0, "osl": 40},
                 "load": {"type": "concurrency", "levels": %s, "requestCount": %d}}
                """.formatted(id, name, url, MODEL, levels, requestCount);
    }

    private static void publish(String payload) throws Exception {
        nats.jetStream().publish("perfsweep.jobs", payload.getBytes(StandardCharsets.UTF_8));
    }
}
