package io.perfsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.mock.MockLlmServer;
import io.perfsweep.mock.MockRequestTruth;
import io.perfsweep.mock.PerfModel;
import io.perfsweep.planner.StrictNpy;
import io.perfsweep.report.AiperfExport;
import io.perfsweep.report.AiperfResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import picocli.CommandLine;

/**
 * {@code planner-profile} end to end against mock engines the test starts itself, so their model and their own record
 * of each request can be compared with the files: a small context (four prefill points, four decode points) and a
 * small KV cache of one-token blocks, which the mock's {@code /metrics} tells, so the test takes seconds.
 */
@QuarkusTest
@TestProfile(CliProfile.class)
class PlannerProfileCommandTest {

    @Inject
    CommandLine.IFactory factory;

    private static final Path OUTPUT_DIR = Path.of("target", "planner-profile-command-test");
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Prefill at a twentieth of the mocker's speed, so a TTFT is hundreds of ms and what a busy machine adds to it (the
     * mock's engine thread waking late, the client's stamps) stays far below 5 %; decode at five times its speed.
     */
    private static final double SPEEDUP = 0.05;
    private static final double DECODE_SPEEDUP = 100;
    private static final int KV_BLOCKS = 4096;
    private static final int OSL = 40;

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

    private static MockLlmServer mock(MockEngineConfig config) throws Exception {
        MockLlmServer mock = MockLlmServer.start(vertx, config).toCompletionStage().toCompletableFuture().get(30,
                TimeUnit.SECONDS);
        mocks.add(mock);
        return mock;
    }

    /** max_ctx 1600: prefill ISLs 100, 347, 594, 841; decode ISLs 100 and 880 at OSL 40, two request counts each. */
    private static List<String> args(Path dir, String... more) {
        List<String> args = new ArrayList<>(List.of("planner-profile", "--max-context-length", "1600",
                "--prefill-granularity", "4", "--decode-granularity", "2", "--decode-osl", String.valueOf(OSL),
                "--gpus-per-engine", "2", "--output-dir", dir.toString()));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void theProfileOfTheMockFollowsItsModelAndItsKvCapacity() throws Exception {
        MockLlmServer mock = mock(MockEngineConfig.simulated(SPEEDUP).withDecodeSpeedupRatio(DECODE_SPEEDUP)
                .withBlockSize(1).withNumGpuBlocks(KV_BLOCKS));
        Path dir = OUTPUT_DIR.resolve("mock");

        CommandRun result = CommandRun.inApp(factory, args(dir, "--endpoint-url", mock.baseUrl()).toArray(String[]::new));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("8 points (4 prefill, 4 decode); max_kv_tokens 4096 from the"
                + " server");
        JsonNode prefill = JSON.readTree(dir.resolve("prefill_raw_data.json").toFile());
        JsonNode decode = JSON.readTree(dir.resolve("decode_raw_data.json").toFile());
        assertThat(prefill.fieldNames()).toIterable().containsExactly("prefill_isl", "prefill_ttft",
                "prefill_thpt_per_gpu");
        assertThat(decode.fieldNames()).toIterable().containsExactly("x_kv_usage", "y_context_length", "z_itl",
                "z_thpt_per_gpu", "max_kv_tokens");

        // Prefill: each TTFT is what the mock's model gives its measured request, within 5 %: the prefill of its
        // uncached prompt tokens and the decode step its first token comes out of, at the cache's usage then. Only
        // where the client judged its own timing exact: on a machine too busy for that, a point is measured again and
        // then left out (or, when too few would be left, kept and named), and its figure is no test of anything.
        List<Integer> isls = new ArrayList<>();
        prefill.path("prefill_isl").forEach(isl -> isls.add(isl.asInt()));
        assertThat(isls).hasSizeGreaterThanOrEqualTo(3).isSubsetOf(100, 347, 594, 841).isSorted();
        for (int isl : List.of(100, 347, 594, 841)) {
            if (!isls.contains(isl)) {
                assertThat(result.out()).contains("Left out aiperf_isl" + isl + ": the client's own timing was"
                        + " distorted");
            }
        }
        int exact = 0;
        for (int i = 0; i < isls.size(); i++) {
            Path pointDir = dir.resolve("selected_prefill_interpolation").resolve("aiperf_isl" + isls.get(i));
            MockRequestTruth measured = single(truths(mock, pointDir));
            assertThat(measured.promptTokens()).isEqualTo(isls.get(i));
            assertThat(measured.cachedTokens()).as("a prefill point's prompt is new to the cache").isLessThan(64);
            double ttft = prefill.path("prefill_ttft").get(i).asDouble();
            // prefill_thpt_per_gpu = isl / ttft_ms / num_gpus × 1000 × attention_dp, from the file's own numbers
            assertThat(prefill.path("prefill_thpt_per_gpu").get(i).asDouble())
                    .isEqualTo((double) isls.get(i) / ttft / 2 * 1000 * 1);
            if (distorted(pointDir)) {
                assertThat(result.out()).contains("aiperf_isl" + isls.get(i));
                continue;
            }
            double model = PerfModel.rawPrefillMillis(measured.promptTokens() - measured.cachedTokens()) / SPEEDUP
                    + PerfModel.rawDecodeMillis((double) measured.promptTokens() / KV_BLOCKS)
                            / (SPEEDUP * DECODE_SPEEDUP);
            assertThat(ttft).as("TTFT at ISL %d", isls.get(i)).isCloseTo(model, within(0.05 * model));
            exact++;
        }

        // Decode: max_kv_tokens is what the mock's /metrics tells (blocks × block size); x_kv_usage follows from each
        // point's request count, which the sweep takes up to what the cache holds: 4096 // 140 = 29 at ISL 100,
        // 4096 // 920 = 4 at ISL 880.
        assertThat(decode.path("max_kv_tokens").asLong()).isEqualTo(KV_BLOCKS);
        List<String> expected = List.of("aiperf_isl100_osl40_n1", "aiperf_isl100_osl40_n29", "aiperf_isl880_osl40_n1",
                "aiperf_isl880_osl40_n4");
        List<String> labels = new ArrayList<>();
        int exactDecode = 0;
        for (int i = 0; i < decode.path("x_kv_usage").size(); i++) {
            double context = decode.path("y_context_length").get(i).asDouble();
            double usage = decode.path("x_kv_usage").get(i).asDouble();
            int n = (int) Math.round(usage * KV_BLOCKS / context);
            assertThat(usage).isEqualTo(context * n / KV_BLOCKS);
            String label = "aiperf_isl" + (int) (context - OSL / 2.0) + "_osl" + OSL + "_n" + n;
            labels.add(label);
            Path pointDir = dir.resolve("selected_decode_interpolation").resolve(label);
            List<MockRequestTruth> measured = truths(mock, pointDir);
            assertThat(measured).hasSize(n).allMatch(t -> t.completionTokens() == OSL)
                    .allMatch(t -> t.promptTokens() + OSL / 2.0 == context);
            assertThat(measured).as("the priming run left every prompt's prefix cached")
                    .allMatch(t -> t.cachedTokens() == t.promptTokens() - 1);
            if (distorted(pointDir)) {
                continue;
            }
            exactDecode++;
            // z_itl is the mock's own inter-token latency of the measured requests
            double mockItl = measured.stream().mapToDouble(t -> t.meanItlNanos().getAsDouble() / 1e6).average()
                    .getAsDouble();
            double zItl = decode.path("z_itl").get(i).asDouble();
            // the gaps are read only when the check fails
            assertThat(zItl).as(() -> String.format("ITL of %s; token gaps (ms) as the client read them, then as the"
                    + " mock wrote them:%n%s", label, gaps(pointDir, measured)))
                    .isCloseTo(mockItl, within(0.05 * mockItl));
            if (n == 1) {
                // alone in the engine, its ITL is the model's decode step at its mean KV usage
                double model = PerfModel.rawDecodeMillis(usage) / (SPEEDUP * DECODE_SPEEDUP);
                assertThat(zItl).as("ITL of %s against the model", label).isCloseTo(model, within(0.1 * model));
            }
        }
        assertThat(labels).as("the decode points in sweep order, those left out distorted").isNotEmpty()
                .isSubsetOf(expected);
        assertThat(expected).containsSubsequence(labels);

        // The NPZ files hold the same arrays, with the profiler's dtypes.
        Map<String, StrictNpy.Array> prefillNpz = StrictNpy
                .readNpz(Files.readAllBytes(dir.resolve("selected_prefill_interpolation/raw_data.npz")));
        assertThat(prefillNpz.get("prefill_isl").longs()).containsExactly(isls.stream().mapToLong(v -> v).toArray());
        double[] ttfts = new double[isls.size()];
        for (int k = 0; k < ttfts.length; k++) {
            ttfts[k] = prefill.path("prefill_ttft").get(k).asDouble();
        }
        assertThat(prefillNpz.get("prefill_ttft").doubles()).containsExactly(ttfts);
        Map<String, StrictNpy.Array> decodeNpz = StrictNpy
                .readNpz(Files.readAllBytes(dir.resolve("selected_decode_interpolation/raw_data.npz")));
        assertThat(decodeNpz.get("max_kv_tokens").longs()).containsExactly(KV_BLOCKS);
        assertThat(decodeNpz.get("z_itl").doubles()[0]).isEqualTo(decode.path("z_itl").get(0).asDouble());

        // Every point's AIPerf files, in the profiler's artifact directories.
        AiperfResult busiest = AiperfExport.read(dir.resolve("selected_decode_interpolation/aiperf_isl100_osl40_n29")
                .resolve(AiperfExport.JSON_FILE));
        assertThat(busiest.stat("request_count", "avg")).hasValue(29.0);
        assertThat(busiest.stat("output_sequence_length", "avg")).hasValue((double) OSL);
        assumeTrue(exact >= 2, "this machine was too busy for the client to time the prefill points exactly: "
                + result.out());
        assumeTrue(exactDecode >= 1, "this machine was too busy for the client to time the decode points exactly");
    }

    /** The mock's record of each measured request of the point exported in {@code pointDir}, in the export's order. */
    private static List<MockRequestTruth> truths(MockLlmServer mock, Path pointDir) throws Exception {
        List<MockRequestTruth> truths = new ArrayList<>();
        for (String line : Files.readAllLines(pointDir.resolve("profile_export.jsonl"))) {
            String id = JSON.readTree(line).at("/metadata/x_request_id").asText();
            truths.add(mock.truth(id).orElseThrow(() -> new AssertionError("the mock has no request " + id)));
        }
        return truths;
    }

    /** Each request's chunk gaps from the export beside its token gaps from the mock's record: what a failure shows. */
    private static String gaps(Path pointDir, List<MockRequestTruth> truths) {
        StringBuilder text = new StringBuilder();
        try {
            List<String> lines = Files.readAllLines(pointDir.resolve("profile_export.jsonl"));
            for (int i = 0; i < lines.size(); i++) {
                JsonNode metrics = JSON.readTree(lines.get(i)).path("metrics");
                text.append("client: ttft ").append(metrics.at("/time_to_first_token/value").asDouble()).append(' ')
                        .append(metrics.at("/inter_chunk_latency/value")).append(System.lineSeparator());
                long[] written = truths.get(i).tokenWrittenNanos();
                List<Double> mockGaps = new ArrayList<>();
                for (int k = 1; k < written.length; k++) {
                    mockGaps.add((written[k] - written[k - 1]) / 1e6);
                }
                text.append("mock:   ttft ").append(truths.get(i).ttftNanos().orElse(0) / 1e6).append(' ')
                        .append(mockGaps).append(System.lineSeparator());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** Whether the client judged its own timing distorted at the point exported in {@code pointDir}. */
    private static boolean distorted(Path pointDir) throws Exception {
        return "distorted".equals(JSON.readTree(pointDir.resolve(AiperfExport.JSON_FILE).toFile())
                .at("/client_health/verdict").asText());
    }

    private static MockRequestTruth single(List<MockRequestTruth> truths) {
        assertThat(truths).hasSize(1);
        return truths.get(0);
    }

    @Test
    void aServerThatTellsNoCapacityNeedsMaxKvTokens() throws Exception {
        // FIXED mode has no KV cache, so its /metrics have no cache_config_info.
        MockLlmServer mock = mock(MockEngineConfig.fixed(1, 0.2));
        Path dir = OUTPUT_DIR.resolve("no-capacity");

        CommandRun rejected = CommandRun.inApp(factory, args(dir, "--endpoint-url", mock.baseUrl()).toArray(String[]::new));

        assertThat(rejected.exitCode()).isEqualTo(2);
        assertThat(rejected.err()).contains("max_kv_tokens is unknown", "tell no KV capacity",
                "the job names none (workload.maxKvTokens)");
        assertThat(mock.groundTruth()).as("nothing was sent").isEmpty();
        assertThat(dir.resolve("prefill_raw_data.json")).doesNotExist();
    }

    /** One path: the same profile as a job file ({@code run --job}) sends the same requests and writes the same files. */
    @Test
    void aPlannerProfileJobFileRunsTheSameProfileAsTheFlags() throws Exception {
        MockLlmServer byFlags = mock(MockEngineConfig.simulated(20));
        MockLlmServer byJob = mock(MockEngineConfig.simulated(20));
        Path flagsDir = OUTPUT_DIR.resolve("by-flags");
        Path job = Files.createDirectories(OUTPUT_DIR).resolve("profile-job.json");
        Files.writeString(job, """
                {"apiVersion": "perfsweep/v1", "name": "profile-job",
                 "target": {"url": "%s", "model": "Qwen/Qwen3-0.6B", "serverMetrics": false},
                 "workload": {"type": "plannerProfile", "maxContextLength": 1600, "prefillGranularity": 4,
                              "decodeGranularity": 2, "decodeOsl": %d, "gpusPerEngine": 2, "maxKvTokens": 300}}
                """.formatted(byJob.baseUrl(), OSL));

        CommandRun flags = CommandRun.inApp(factory, args(flagsDir, "--endpoint-url", byFlags.baseUrl(),
                "--no-server-metrics", "--max-kv-tokens", "300").toArray(String[]::new));
        CommandRun fromJob = CommandRun.inApp(factory, "run", "--job", job.toString(), "--output-dir",
                OUTPUT_DIR.toString());

        assertThat(flags.exitCode()).as(flags.err()).isZero();
        assertThat(fromJob.exitCode()).as(fromJob.err()).isZero();
        assertThat(fromJob.err()).contains("max_kv_tokens 300 from the job");
        Path jobDir = OUTPUT_DIR.resolve("profile-job");
        assertThat(requestShapes(byJob)).isEqualTo(requestShapes(byFlags)).isNotEmpty();
        assertThat(PrefixRatioCommandTest.fileNames(jobDir)).isEqualTo(PrefixRatioCommandTest.fileNames(flagsDir))
                .contains("prefill_raw_data.json", "decode_raw_data.json", "planner_profile.png");
        for (String file : List.of("prefill_raw_data.json", "decode_raw_data.json")) {
            JsonNode fromFlags = JSON.readTree(flagsDir.resolve(file).toFile());
            assertThat(JSON.readTree(jobDir.resolve(file).toFile()).fieldNames()).toIterable().as(file)
                    .containsExactlyElementsOf(() -> fromFlags.fieldNames());
        }
        String point = "selected_prefill_interpolation/aiperf_isl100/" + AiperfExport.JSON_FILE;
        JsonNode flagsInput = JSON.readTree(flagsDir.resolve(point).toFile()).path("input_config");
        JsonNode jobInput = JSON.readTree(jobDir.resolve(point).toFile()).path("input_config");
        assertThat(jobInput.fieldNames()).toIterable().containsExactlyElementsOf(() -> flagsInput.fieldNames());
        assertThat(jobInput.path("num_gpus").asInt()).isEqualTo(flagsInput.path("num_gpus").asInt()).isEqualTo(2);
    }

    /** The distinct (prompt tokens, output tokens) pairs a mock served: a point measured again repeats its pairs. */
    private static Set<List<Integer>> requestShapes(MockLlmServer mock) {
        return mock.groundTruth().stream().map(t -> List.of(t.promptTokens(), t.completionTokens()))
                .collect(Collectors.toSet());
    }

    @Test
    void withoutAnEndpointItProfilesTheBuiltInMockWithTheGivenCapacity()
            throws Exception {
        Path dir = OUTPUT_DIR.resolve("built-in");

        CommandRun result = CommandRun.inApp(factory, args(dir, "--no-server-metrics", "--max-kv-tokens", "300",
                "--mock-speedup-ratio", "20").toArray(String[]::new));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("profiling the built-in mock engine",
                "max_kv_tokens 300 from the job");
        JsonNode decode = JSON.readTree(dir.resolve("decode_raw_data.json").toFile());
        // 300 // 140 = 2 requests at ISL 100; not one of 920 tokens at ISL 880, where the profiler's sweep stops.
        // (One of the two is left out when the client's timing was distorted there: this machine may be busy.)
        assertThat(decode.path("x_kv_usage")).extracting(JsonNode::asDouble).isNotEmpty().isSubsetOf(120.0 / 300,
                240.0 / 300);
        assertThat(decode.path("max_kv_tokens").asLong()).isEqualTo(300);
        assertThat(ImageIO.read(dir.resolve("planner_profile.png").toFile()).getWidth()).isEqualTo(1600);
        assertThat(Files.readString(dir.resolve("planner_profile.svg"))).contains("<svg", "</svg>");
    }
}
