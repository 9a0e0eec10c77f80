package io.perfsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsweep.load.PrefixRatioSpec;
import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.mock.MockLlmServer;
import io.perfsweep.mock.MockRequestTruth;
import io.perfsweep.report.AiperfExport;
import io.perfsweep.report.AiperfResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import picocli.CommandLine;

/**
 * {@code prefix-ratio} end to end against mock engines the test starts itself, so their prefix caches can be read
 * afterwards: small sizes (the script's 14000-token prompts would take minutes), real HTTP, real files.
 */
@QuarkusTest
@TestProfile(CliProfile.class)
class PrefixRatioCommandTest {

    @Inject
    CommandLine.IFactory factory;

    private static final Path OUTPUT_DIR = Path.of("target", "prefix-ratio-command-test");
    private static final int REQUESTS = 24;
    private static final List<String> SUMMARY_KEYS = List.of("prefix_ratios", "ttft_p25_values", "ttft_p50_values",
            "ttft_p75_values", "itl_p25_values", "itl_p50_values", "itl_p75_values", "config");

    /**
     * Prefill 50× faster than the timing model (a 640-token prompt in ~0.5 ms), decode steps of ~2.3 ms: steps of the
     * plain 50× (~0.1 ms) reach the client several tokens to a read, whose chunks then share one arrival time and an
     * ITL of 0, which is true but leaves nothing to check here.
     */
    private static final MockEngineConfig MOCK = MockEngineConfig.simulated(50).withDecodeSpeedupRatio(0.05);

    private static Vertx vertx;
    private static final List<MockLlmServer> mocks = new ArrayList<>();

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopMocks() throws Exception {
        for (MockLlmServer mock : mocks) {
            mock.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static MockLlmServer mock() throws Exception {
        MockLlmServer mock = MockLlmServer.start(vertx, MOCK).toCompletionStage()
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        mocks.add(mock);
        return mock;
    }

    private static String[] args(Path dir, String... more) {
        List<String> args = new ArrayList<>(List.of("prefix-ratio", "--isl", "640", "--osl", "8", "--requests",
                String.valueOf(REQUESTS), "--concurrency", "4", "--num-prefix-prompts", "4", "--prefix-ratios", "0.1",
                "0.5", "0.9", "--seed", "5", "--output-dir", dir.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void writesTheScriptsSummaryAndPlotAndTheMocksCacheHitsGrowWithTheRatio()
            throws Exception {
        MockLlmServer mock = mock();
        Path dir = OUTPUT_DIR.resolve("one-url");

        CommandRun result = CommandRun.inApp(factory, args(dir, "--url", mock.baseUrl()));

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("results_summary.json").toFile());
        assertThat(summary.fieldNames()).toIterable().containsExactlyElementsOf(SUMMARY_KEYS);
        assertThat(summary.path("prefix_ratios")).extracting(JsonNode::asDouble).containsExactly(0.1, 0.5, 0.9);
        for (String metric : List.of("ttft", "itl")) {
            for (int i = 0; i < 3; i++) {
                double p25 = summary.path(metric + "_p25_values").get(i).asDouble();
                double p50 = summary.path(metric + "_p50_values").get(i).asDouble();
                double p75 = summary.path(metric + "_p75_values").get(i).asDouble();
                assertThat(p25).as("%s ratio %d", metric, i).isPositive().isLessThanOrEqualTo(p50);
                assertThat(p50).isLessThanOrEqualTo(p75).isLessThan(10_000);
            }
        }
        JsonNode config = summary.path("config");
        assertThat(config.path("model").asText()).isEqualTo("deepseek-ai/DeepSeek-R1-Distill-Llama-8B");
        assertThat(config.path("tokenizer").asText()).isEqualTo("deepseek-ai/DeepSeek-R1-Distill-Llama-8B");
        assertThat(List.of(config.path("isl").asInt(), config.path("osl").asInt(), config.path("requests").asInt(),
                config.path("concurrency").asInt(), config.path("initial_seed").asInt()))
                .containsExactly(640, 8, REQUESTS, 4, 5);
        assertValidSvg(dir.resolve("prefix_ratio_performance.svg"));
        assertThat(ImageIO.read(dir.resolve("prefix_ratio_performance.png").toFile()).getWidth()).isEqualTo(1600);
        // The script's per-ratio artifact directories, seed incremented per ratio.
        for (String label : List.of("prefix_ratio_0.1_seed_5", "prefix_ratio_0.5_seed_6", "prefix_ratio_0.9_seed_7")) {
            AiperfResult aiperf = AiperfExport.read(dir.resolve(label).resolve(AiperfExport.JSON_FILE));
            assertThat(aiperf.stat("request_count", "avg")).as(label).hasValue((double) REQUESTS);
        }
        // The point of the benchmark: the longer the shared prefix, the more prompt tokens the server's prefix cache
        // serves. The ratios ran one after another, so the mock's records come in three consecutive groups.
        List<MockRequestTruth> truth = mock.groundTruth();
        assertThat(truth).hasSize(3 * REQUESTS);
        long[] cached = new long[3];
        for (int i = 0; i < truth.size(); i++) {
            cached[i / REQUESTS] += truth.get(i).cachedTokens();
        }
        // 0.1 of 640 is 64 tokens: at most one 64-token block per request.
        assertThat(cached[0]).isLessThan(cached[1]);
        assertThat(cached[1]).isLessThan(cached[2]);
        // 0.9: 576 prefix tokens, 9 whole blocks; 4 prefixes over 24 requests repeat a prefix 20 times, less the
        // few that start beside their twin before it is cached.
        assertThat(cached[2]).isGreaterThanOrEqualTo(12L * 8 * 64);
    }

    @Test
    void severalUrlsShareTheRequestsAndTheSameSeedSendsTheSamePrompts() throws Exception {
        MockLlmServer first = mock();
        MockLlmServer second = mock();
        Path dir = OUTPUT_DIR.resolve("two-urls");

        CommandRun result = CommandRun.inApp(factory, args(dir, "--url", first.baseUrl(), second.baseUrl()));

        assertThat(result.exitCode()).as(result.err()).isZero();
        // 24 requests split 12/12 at each of the 3 ratios; concurrency 4 becomes 2 per URL.
        assertThat(first.groundTruth()).hasSize(3 * REQUESTS / 2);
        assertThat(second.groundTruth()).hasSize(3 * REQUESTS / 2);
        AiperfResult url1 = AiperfExport.read(dir.resolve("prefix_ratio_0.5_seed_6_url_1").resolve(AiperfExport.JSON_FILE));
        assertThat(url1.stat("request_count", "avg")).hasValue(12.0);
        // Same seed on each URL, as each of the script's AIPerf processes: the same prompts, in the same order.
        assertThat(promptTokens(first, 3)).isEqualTo(promptTokens(second, 3));
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("results_summary.json").toFile());
        assertThat(summary.path("prefix_ratios")).hasSize(3);
    }

    @Test
    void aRatioRunAloneWithItsOwnSeedSendsTheSamePromptsAsInTheFullRun()
            throws Exception {
        MockLlmServer full = mock();
        MockLlmServer alone = mock();

        // Ratio 0.5 is the second ratio of the full run, so it ran with seed 5 + 1 = 6.
        assertThat(CommandRun.inApp(factory, args(OUTPUT_DIR.resolve("full"), "--url", full.baseUrl())).exitCode()).isZero();
        CommandRun single = CommandRun.inApp(factory, "prefix-ratio", "--isl", "640", "--osl", "8", "--requests",
                String.valueOf(REQUESTS), "--concurrency", "4", "--num-prefix-prompts", "4", "--prefix-ratios", "0.5",
                "--seed", "6", "--output-dir", OUTPUT_DIR.resolve("alone").toString(), "--url", alone.baseUrl());

        assertThat(single.exitCode()).as(single.err()).isZero();
        assertThat(OUTPUT_DIR.resolve("alone").resolve("prefix_ratio_0.5_seed_6")).isDirectory();
        assertThat(promptTokens(alone, 1).get(0)).isEqualTo(promptTokens(full, 3).get(1));
    }

    /** One path: the same benchmark as a job file ({@code run --job}) sends the same prompts and writes the same files. */
    @Test
    void aPrefixJobFileRunsTheSameBenchmarkAsTheFlags() throws Exception {
        MockLlmServer byFlags = mock();
        MockLlmServer byJob = mock();
        Path flagsDir = OUTPUT_DIR.resolve("by-flags");
        Path job = Files.createDirectories(OUTPUT_DIR).resolve("prefix-job.json");
        Files.writeString(job, """
                {"apiVersion": "perfsweep/v1", "name": "router-job",
                 "target": {"url": "%s", "model": "deepseek-ai/DeepSeek-R1-Distill-Llama-8B", "serverMetrics": false},
                 "workload": {"type": "prefix", "prefixRatios": [0.1, 0.5, 0.9], "isl": 640, "osl": 8,
                              "prefixPromptCount": 4, "seed": 5},
                 "load": {"type": "concurrency", "levels": [4], "requestCount": %d},
                 "extras": {"minTokens": false, "ignoreEos": true, "nvextIgnoreEos": true}}
                """.formatted(byJob.baseUrl(), REQUESTS));

        CommandRun flags = CommandRun.inApp(factory, args(flagsDir, "--url", byFlags.baseUrl()));
        CommandRun fromJob = CommandRun.inApp(factory, "run", "--job", job.toString(), "--output-dir",
                OUTPUT_DIR.toString());

        assertThat(flags.exitCode()).as(flags.err()).isZero();
        assertThat(fromJob.exitCode()).as(fromJob.err()).isZero();
        Path jobDir = OUTPUT_DIR.resolve("router-job");
        assertThat(promptTokens(byJob, 3)).isEqualTo(promptTokens(byFlags, 3));
        assertThat(fileNames(jobDir)).isEqualTo(fileNames(flagsDir)).contains("results_summary.json",
                "prefix_ratio_0.9_seed_7/profile_export_aiperf.json");
        var json = new ObjectMapper();
        JsonNode fromFlags = json.readTree(flagsDir.resolve("results_summary.json").toFile());
        JsonNode fromFile = json.readTree(jobDir.resolve("results_summary.json").toFile());
        assertThat(fromFile.path("config")).isEqualTo(fromFlags.path("config"));
        assertThat(fromFile.fieldNames()).toIterable().containsExactlyElementsOf(SUMMARY_KEYS);
        JsonNode flagsInput = json.readTree(flagsDir.resolve("prefix_ratio_0.5_seed_6/profile_export_aiperf.json")
                .toFile()).path("input_config");
        JsonNode jobInput = json.readTree(jobDir.resolve("prefix_ratio_0.5_seed_6/profile_export_aiperf.json")
                .toFile()).path("input_config");
        assertThat(jobInput.fieldNames()).toIterable().containsExactlyElementsOf(() -> flagsInput.fieldNames());
        assertThat(jobInput.path("prefix_prompt_length")).isEqualTo(flagsInput.path("prefix_prompt_length"));
    }

    /** The files under {@code dir}, as paths relative to it. */
    static List<String> fileNames(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(file -> dir.relativize(file).toString()).sorted().toList();
        }
    }

    @Test
    void theDefaultsAreTheRouterScripts() {
        var options = new CommandLine(new PrefixRatioCommand()).getCommandSpec();
        assertThat(List.of("--isl", "--osl", "--requests", "--concurrency", "--num-prefix-prompts", "--seed",
                "--output-dir", "--model").stream().map(name -> options.findOption(name).defaultValue()))
                .containsExactly("14000", "200", "200", "20", "20", "0", "kv_router",
                        "deepseek-ai/DeepSeek-R1-Distill-Llama-8B");
        // No --prefix-ratios: the script's list.
        assertThat(PrefixRatioSpec.DEFAULT_RATIOS).containsExactly(0.1, 0.3, 0.5, 0.7, 0.9);
    }

    /**
     * Prompt token counts per ratio, sorted within each ratio (requests of one ratio arrive in any order); the ratios
     * ran one after another, so the mock's records come in {@code ratios} consecutive groups.
     */
    private static List<List<Integer>> promptTokens(MockLlmServer mock, int ratios) {
        List<MockRequestTruth> truth = mock.groundTruth();
        int perRatio = truth.size() / ratios;
        List<List<Integer>> groups = new ArrayList<>();
        for (int r = 0; r < ratios; r++) {
            groups.add(truth.subList(r * perRatio, (r + 1) * perRatio).stream().map(MockRequestTruth::promptTokens)
                    .sorted().toList());
        }
        return groups;
    }

    private static void assertValidSvg(Path svg) throws Exception {
        assertThat(Files.size(svg)).isPositive();
        var factory = DocumentBuilderFactory.newInstance();
        // JFreeSVG names the SVG 1.1 DTD; a well-formedness check must not fetch it from the network.
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        var document = factory.newDocumentBuilder().parse(svg.toFile());
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
        // Two panels side by side; xchart draws its text as outlines, so the words are not in the file.
        assertThat(document.getDocumentElement().getAttribute("width")).isEqualTo("1600.0");
    }
}
