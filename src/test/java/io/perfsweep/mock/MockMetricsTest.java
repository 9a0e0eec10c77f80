package io.perfsweep.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

/** The mock's {@code /metrics}: vLLM V1's names and values from the mock's own state, over real HTTP on loopback. */
class MockMetricsTest {

    private static final String MODEL = "Qwen/Qwen3-0.6B";
    private static final Map<String, String> COMMON = Map.of("model_name", MODEL, "engine", "0");

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

    private PrometheusText scrape() throws Exception {
        HttpResponse<String> response = MockHttp.get(server, "/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        return PrometheusText.parse(response.body());
    }

    /** Scrapes until {@code condition} holds (at most 10 s), returning the scrape that satisfied it. */
    private PrometheusText awaitScrape(Predicate<PrometheusText> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        PrometheusText last = scrape();
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                fail("condition not met within 10 s; last scrape had %s", last.families().keySet());
            }
            Thread.sleep(10);
            last = scrape();
        }
        return last;
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(String path, String body, String requestId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .timeout(Duration.ofSeconds(20)).header("X-Request-ID", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static double value(PrometheusText metrics, String name) {
        return metrics.value(name, COMMON);
    }

    @Test
    void countersAndHistogramsEqualWhatWasStreamedAndTheGroundTruth() throws Exception {
        start(MockEngineConfig.simulated(20.0));
        int n = 5;
        long promptTokens = 0;
        long streamedTokens = 0;
        long itlCount = 0;
        for (int i = 0; i < n; i++) {
            String prompt = "Request number " + i + " asks about the weather " + "and the sea ".repeat(i);
            int maxTokens = 3 + 2 * i;
            HttpResponse<String> response = MockHttp.post(server, "/v1/completions",
                    MockHttp.completionBody(prompt, maxTokens, true), "known-" + i);
            List<String> data = MockHttp.sseData(response.body());
            streamedTokens += data.size() - 2; // one event per token, then usage and [DONE]
            promptTokens += PromptTokenizer.tokenIds(prompt).length;
            itlCount += maxTokens - 1;
        }
        PrometheusText metrics = scrape();

        assertThat(streamedTokens).isEqualTo(3 + 5 + 7 + 9 + 11);
        assertThat(value(metrics, "vllm:generation_tokens_total")).isEqualTo(streamedTokens);
        assertThat(value(metrics, "vllm:prompt_tokens_total")).isEqualTo(promptTokens);
        assertThat(metrics.value("vllm:request_success_total", Map.of("finished_reason", "length"))).isEqualTo(n);
        assertThat(metrics.value("vllm:request_success_total", Map.of("finished_reason", "stop"))).isZero();
        assertThat(value(metrics, "vllm:prefix_cache_queries_total")).isEqualTo(promptTokens); // all prompts >= 1 token
        assertThat(value(metrics, "vllm:num_preemptions_total")).isZero();

        List<MockRequestTruth> truths = server.groundTruth();
        assertThat(truths).hasSize(n);
        double ttftSeconds = truths.stream().mapToLong(t -> t.ttftNanos().orElseThrow()).sum() / 1e9;
        double e2eSeconds = truths.stream().mapToLong(t -> t.tokenWrittenNanos()[t.completionTokens() - 1]
                - t.receivedNanos()).sum() / 1e9;
        double itlSeconds = truths.stream().mapToLong(t -> t.tokenWrittenNanos()[t.completionTokens() - 1]
                - t.tokenWrittenNanos()[0]).sum() / 1e9;
        assertThat(value(metrics, "vllm:time_to_first_token_seconds_count")).isEqualTo(n);
        assertThat(value(metrics, "vllm:time_to_first_token_seconds_sum")).isCloseTo(ttftSeconds, within(1e-9));
        assertThat(value(metrics, "vllm:e2e_request_latency_seconds_count")).isEqualTo(n);
        assertThat(value(metrics, "vllm:e2e_request_latency_seconds_sum")).isCloseTo(e2eSeconds, within(1e-9));
        assertThat(value(metrics, "vllm:inter_token_latency_seconds_count")).isEqualTo(itlCount);
        assertThat(value(metrics, "vllm:inter_token_latency_seconds_sum")).isCloseTo(itlSeconds, within(1e-9));
        // every TTFT lies in the bucket the ledger's value belongs to
        double slowest = truths.stream().mapToLong(t -> t.ttftNanos().orElseThrow()).max().orElseThrow() / 1e9;
        double fastest = truths.stream().mapToLong(t -> t.ttftNanos().orElseThrow()).min().orElseThrow() / 1e9;
        for (PrometheusText.Sample bucket : metrics.family("vllm:time_to_first_token_seconds").orElseThrow().samples()) {
            if (!bucket.name().endsWith("_bucket")) {
                continue;
            }
            double le = bucket.labels().get("le").equals("+Inf") ? Double.POSITIVE_INFINITY
                    : Double.parseDouble(bucket.labels().get("le"));
            if (le >= slowest) {
                assertThat(bucket.value()).as("le=%s", le).isEqualTo(n);
            } else if (le < fastest) {
                assertThat(bucket.value()).as("le=%s", le).isZero();
            }
        }
    }

    @Test
    void gaugesCountTheRequestsInFlightAndKvUsageIsTheirBlocksOverTheTotal() throws Exception {
        int blockSize = 16;
        int totalBlocks = 1000;
        // decode steps of about 290 ms: the requests stay in flight for seconds
        start(MockEngineConfig.simulated(1.0).withDecodeSpeedupRatio(0.02).withBlockSize(blockSize)
                .withNumGpuBlocks(totalBlocks));
        int m = 4;
        String[] prompts = new String[m];
        int blocksEach = -1;
        for (int i = 0; i < m; i++) {
            // padded to 1 token past a block edge: the prompt's last block has room for 15 more
            prompts[i] = "Question " + (char) ('A' + i) + ": how warm is the sea near the northern coast in spring?";
            for (int pad = 0; pad < 64 && PromptTokenizer.tokenIds(prompts[i]).length % blockSize != 1; pad++) {
                prompts[i] += " so";
            }
            int tokens = PromptTokenizer.tokenIds(prompts[i]).length;
            assertThat(tokens % blockSize).as("padded prompt").isEqualTo(1);
            assertThat(blocksEach).as("prompts of the same block count").isIn(-1, (tokens + blockSize - 1) / blockSize);
            blocksEach = (tokens + blockSize - 1) / blockSize;
        }
        // a request holds at most prompt + generated - 1 tokens: 8 tokens keep it inside its prompt's blocks
        int maxTokens = 8;
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            inFlight.add(sendAsync("/v1/completions", MockHttp.completionBody(prompts[i], maxTokens, true), "held-" + i));
        }

        int blocks = blocksEach;
        PrometheusText all = awaitScrape(metrics -> {
            double running = value(metrics, "vllm:num_requests_running");
            // every scrape is one instant of the engine: only running requests hold blocks, each its prompt's blocks
            assertThat(value(metrics, "vllm:kv_cache_usage_perc")).isEqualTo(running * blocks / totalBlocks);
            return running + value(metrics, "vllm:num_requests_waiting") == m;
        });
        assertThat(value(all, "vllm:num_requests_running") + value(all, "vllm:num_requests_waiting")).isEqualTo(m);
        PrometheusText admitted = awaitScrape(metrics -> value(metrics, "vllm:num_requests_running") == m);
        assertThat(value(admitted, "vllm:num_requests_waiting")).isZero();
        assertThat(value(admitted, "vllm:kv_cache_usage_perc")).isEqualTo((double) m * blocksEach / totalBlocks);
        assertThat(inFlight).noneMatch(CompletableFuture::isDone);

        PrometheusText.Sample info = admitted.family("vllm:cache_config_info").orElseThrow().samples().get(0);
        assertThat(info.value()).isEqualTo(1.0);
        assertThat(info.labels()).containsEntry("block_size", "16").containsEntry("num_gpu_blocks", "1000")
                .containsEntry("cache_dtype", "auto").containsEntry("enable_prefix_caching", "True")
                .containsEntry("gpu_memory_utilization", "0.9").containsAllEntriesOf(COMMON);

        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        PrometheusText idle = awaitScrape(metrics -> value(metrics, "vllm:num_requests_running") == 0);
        assertThat(value(idle, "vllm:num_requests_waiting")).isZero();
        assertThat(value(idle, "vllm:kv_cache_usage_perc")).isZero();
    }

    @Test
    void aSharedPrefixAddsItsFullBlocksToThePrefixCacheHits() throws Exception {
        int blockSize = 16;
        start(MockEngineConfig.simulated(20.0).withBlockSize(blockSize));
        String prefix = "You are a careful assistant who answers questions about the weather and the sea. ".repeat(6);
        String first = prefix + "What is the water temperature in May?";
        String second = prefix + "Will it rain on Sunday afternoon in the harbour?";
        MockHttp.post(server, "/v1/completions", MockHttp.completionBody(first, 2, true), "first");
        PrometheusText before = scrape();
        MockHttp.post(server, "/v1/completions", MockHttp.completionBody(second, 2, true), "second");
        PrometheusText after = scrape();

        int[] a = PromptTokenizer.tokenIds(first);
        int[] b = PromptTokenizer.tokenIds(second);
        int common = 0;
        while (common < Math.min(a.length, b.length) && a[common] == b[common]) {
            common++;
        }
        // full blocks of the common prefix, never the second prompt's last token (it must be computed)
        int expectedHits = Math.min(common / blockSize, (b.length - 1) / blockSize) * blockSize;
        assertThat(expectedHits).isGreaterThanOrEqualTo(4 * blockSize);
        assertThat(value(before, "vllm:prefix_cache_hits_total")).isZero();
        assertThat(value(before, "vllm:prefix_cache_queries_total")).isEqualTo(a.length);
        assertThat(value(after, "vllm:prefix_cache_hits_total")).isEqualTo(expectedHits);
        assertThat(value(after, "vllm:prefix_cache_queries_total")).isEqualTo(a.length + b.length);
        assertThat(server.truth("second").orElseThrow().cachedTokens()).isEqualTo(expectedHits);
    }

    @Test
    void theExpositionIsValidTextFormatWithVllmsFamiliesAndLabels() throws Exception {
        start(MockEngineConfig.simulated(20.0).withModelName("org/model \"quoted\""));
        for (int i = 0; i < 3; i++) {
            MockHttp.post(server, "/v1/chat/completions", MockHttp.chatBody("Hello number " + i, 4, true), null);
        }
        String body = MockHttp.get(server, "/metrics").body();
        PrometheusText metrics = PrometheusText.parse(body); // throws on any line out of the format

        Map<String, String> types = Map.ofEntries(Map.entry("vllm:num_requests_running", "gauge"),
                Map.entry("vllm:num_requests_waiting", "gauge"), Map.entry("vllm:kv_cache_usage_perc", "gauge"),
                Map.entry("vllm:prompt_tokens", "counter"), Map.entry("vllm:generation_tokens", "counter"),
                Map.entry("vllm:prefix_cache_queries", "counter"), Map.entry("vllm:prefix_cache_hits", "counter"),
                Map.entry("vllm:num_preemptions", "counter"), Map.entry("vllm:request_success", "counter"),
                Map.entry("vllm:time_to_first_token_seconds", "histogram"),
                Map.entry("vllm:inter_token_latency_seconds", "histogram"),
                Map.entry("vllm:e2e_request_latency_seconds", "histogram"),
                Map.entry("vllm:cache_config_info", "gauge"));
        types.forEach((name, type) -> assertThat(metrics.family(name)).as(name).hasValueSatisfying(family -> {
            assertThat(family.type()).isEqualTo(type);
            assertThat(family.help()).isNotBlank();
            assertThat(family.samples()).isNotEmpty().allSatisfy(s -> assertThat(s.labels())
                    .containsEntry("model_name", "org/model \"quoted\"").containsEntry("engine", "0"));
        }));
        assertThat(body).contains("vllm:generation_tokens_total{model_name=\"org/model \\\"quoted\\\"\",engine=\"0\"} 12.0\n")
                .contains("# TYPE vllm:generation_tokens counter\n");
        assertThat(bucketEdges(metrics, "vllm:time_to_first_token_seconds")).containsExactly("0.001", "0.005", "0.01",
                "0.02", "0.04", "0.06", "0.08", "0.1", "0.25", "0.5", "0.75", "1.0", "2.5", "5.0", "7.5", "10.0", "20.0",
                "40.0", "80.0", "160.0", "640.0", "2560.0", "+Inf");
        assertThat(bucketEdges(metrics, "vllm:inter_token_latency_seconds")).containsExactly("0.01", "0.025", "0.05",
                "0.075", "0.1", "0.15", "0.2", "0.3", "0.4", "0.5", "0.75", "1.0", "2.5", "5.0", "7.5", "10.0", "20.0",
                "40.0", "80.0", "+Inf");
        assertThat(bucketEdges(metrics, "vllm:e2e_request_latency_seconds")).containsExactly("0.3", "0.5", "0.8", "1.0",
                "1.5", "2.0", "2.5", "5.0", "10.0", "15.0", "20.0", "30.0", "40.0", "50.0", "60.0", "120.0", "240.0",
                "480.0", "960.0", "1920.0", "7680.0", "+Inf");
        assertThat(metrics.value("vllm:e2e_request_latency_seconds_bucket", Map.of("le", "+Inf"))).isEqualTo(3);
    }

    private static List<String> bucketEdges(PrometheusText metrics, String family) {
        return metrics.family(family).orElseThrow().samples().stream().filter(s -> s.name().endsWith("_bucket"))
                .map(s -> s.labels().get("le")).toList();
    }

    @Test
    void theFormatCheckRejectsWhatIsNotTheFormat() {
        String help = "# HELP h_seconds x\n# TYPE h_seconds histogram\n";
        assertThat(PrometheusText.parse(help + "h_seconds_bucket{le=\"1.0\"} 1\nh_seconds_bucket{le=\"+Inf\"} 2\n"
                + "h_seconds_count 2\nh_seconds_sum 3.5\n").value("h_seconds_count")).isEqualTo(2);
        assertThatThrownBy(() -> PrometheusText.parse(help + "h_seconds_bucket{le=\"1.0\"} 3\n"
                + "h_seconds_bucket{le=\"+Inf\"} 2\nh_seconds_count 2\n")).hasMessageContaining("cumulative");
        assertThatThrownBy(() -> PrometheusText.parse(help + "h_seconds_bucket{le=\"1.0\"} 1\nh_seconds_count 1\n"))
                .hasMessageContaining("+Inf");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE c counter\nc_total 1\n")).hasMessageContaining("HELP");
        assertThatThrownBy(() -> PrometheusText.parse("# HELP g x\n# TYPE g gauge\ng_total 1\n"))
                .hasMessageContaining("outside its family");
        assertThatThrownBy(() -> PrometheusText.parse("# HELP g x\n# TYPE g gauge\ng{a=\"1\" b=\"2\"} 1\n"))
                .hasMessageContaining("labels");
        assertThatThrownBy(() -> PrometheusText.parse("# HELP g x\n# TYPE g gauge\ng one\n"))
                .hasMessageContaining("float");
    }

    @Test
    void fixedModeCountsRequestsInFlightTokensAndTtftButShowsNoKvCache() throws Exception {
        start(MockEngineConfig.fixed(800, 5));
        int m = 3;
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            inFlight.add(sendAsync("/v1/chat/completions", MockHttp.chatBody("Hi " + i, 4, true), "fixed-" + i));
        }
        PrometheusText held = awaitScrape(metrics -> value(metrics, "vllm:num_requests_running") == m);
        assertThat(value(held, "vllm:num_requests_waiting")).isZero();
        assertThat(held.families()).doesNotContainKeys("vllm:kv_cache_usage_perc", "vllm:cache_config_info",
                "vllm:prefix_cache_queries", "vllm:prefix_cache_hits");
        assertThat(value(held, "vllm:time_to_first_token_seconds_count")).isZero();

        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        PrometheusText done = awaitScrape(metrics -> value(metrics, "vllm:num_requests_running") == 0);
        assertThat(value(done, "vllm:generation_tokens_total")).isEqualTo(m * 4);
        assertThat(value(done, "vllm:time_to_first_token_seconds_count")).isEqualTo(m);
        double ttftSeconds = server.groundTruth().stream().mapToLong(t -> t.ttftNanos().orElseThrow()).sum() / 1e9;
        assertThat(value(done, "vllm:time_to_first_token_seconds_sum")).isCloseTo(ttftSeconds, within(1e-9))
                .isGreaterThanOrEqualTo(m * 0.8);
        assertThat(done.value("vllm:request_success_total", Map.of("finished_reason", "length"))).isEqualTo(m);
    }

    @Test
    void writesCarryingManyTokensStillObserveOneInterTokenLatencyPerToken() throws Exception {
        start(MockEngineConfig.zeroDelay().withTokensPerEvent(3)); // 3 tokens an event, up to 16 events a write
        MockHttp.post(server, "/v1/chat/completions", MockHttp.chatBody("Hi", 40, true), "batched");
        PrometheusText metrics = scrape();

        long[] written = server.truth("batched").orElseThrow().tokenWrittenNanos();
        assertThat(written).hasSize(40);
        assertThat(value(metrics, "vllm:inter_token_latency_seconds_count")).isEqualTo(39);
        assertThat(value(metrics, "vllm:inter_token_latency_seconds_sum")).isCloseTo((written[39] - written[0]) / 1e9,
                within(1e-9));
        assertThat(value(metrics, "vllm:generation_tokens_total")).isEqualTo(40);
    }
}
