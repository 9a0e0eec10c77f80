package io.perfsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import io.perfsweep.report.AiperfExport;
import io.perfsweep.report.ResultPlots;
import picocli.CommandLine;

/** The {@code plot} command on runs the test writes, as a user would run it; plain picocli, no Quarkus. */
class PlotCommandTest {

    private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void plotsTwoRunsAndSummarizesThemWithTheirParetoPoints() throws Exception {
        Path data = dir.resolve("results");
        // alpha: no GPU count anywhere → 1 GPU, warned. Points (tok/s/user, tok/s/gpu):
        // c1 (100, 100), c4 (80, 320), c16 (20, 300) → frontier c4 (80, 320), c1 (100, 100); c16 is dominated by c4.
        point(data, "alpha", 1, 12.5, 11.0, 10.0, 9.5, 0.9, 100, 100, "");
        point(data, "alpha", 4, 20.0, 18.0, 12.5, 12.0, 2.5, 320, 80, "");
        point(data, "alpha", 16, 80.0, 75.0, 50.0, 49.0, 2.3, 300, 20, "");
        // beta: 2 GPUs from input_config. c1 (120, 60), c8 (100, 400), c16 (50, 350), c32 (40, 600)
        // → frontier c32 (40, 600), c8 (100, 400), c1 (120, 60); c16 is dominated by c8.
        String gpus = "\"input_config\": {\"num_gpus\": 2},";
        point(data, "beta", 1, 9.0, 8.5, 8.3, 8.1, 1.1, 120, 120, gpus);
        point(data, "beta", 8, 15.0, 14.0, 10.0, 9.9, 5.0, 800, 100, gpus);
        point(data, "beta", 16, 30.0, 29.0, 20.0, 19.5, 4.4, 700, 50, gpus);
        point(data, "beta", 32, 60.0, 55.0, 25.0, 24.0, 6.0, 1200, 40, gpus);
        Files.createDirectories(data.resolve("plots")); // an earlier output: not a run

        int exit = run("plot", "--data-dir", data.toString());

        assertThat(exit).as(err.toString()).isZero();
        Path plots = data.resolve("plots");
        for (String name : ResultPlots.NAMES) {
            assertSvg(plots.resolve(name + ".svg"));
            assertPng(plots.resolve(name + ".png"));
        }
        assertThat(plots.resolve("p50_inter_token_latency_vs_concurrency.png")).exists();
        assertThat(plots.resolve("avg_time_to_first_token_vs_concurrency.png")).exists();
        assertThat(plots.resolve("request_throughput_vs_concurrency.png")).exists();
        assertThat(plots.resolve("efficiency_tok_s_gpu_vs_user.png")).exists();
        assertThat(err.toString()).contains("alpha", "assumes 1 GPU").doesNotContain("beta");

        String summary = Files.readString(plots.resolve(PlotCommand.SUMMARY_FILE));
        String alpha = summary.substring(summary.indexOf("Run: alpha"), summary.indexOf("Run: beta"));
        String beta = summary.substring(summary.indexOf("Run: beta"));
        assertThat(alpha).contains("GPUs: 1 (assumed)");
        assertThat(beta).contains("GPUs: 2 (input_config)");
        // each concurrency's row: TTFT avg/p50, ITL avg/p50, req/s, tok/s, tok/s/user, tok/s/gpu
        assertThat(alpha).containsPattern("\\s1\\s+12\\.50\\s+11\\.00\\s+10\\.00\\s+9\\.50\\s+0\\.90\\s+100\\.00"
                + "\\s+100\\.00\\s+100\\.00\\s+-\\n");
        assertThat(alpha).containsPattern("\\s4\\s+20\\.00\\s+18\\.00\\s+12\\.50\\s+12\\.00\\s+2\\.50\\s+320\\.00"
                + "\\s+80\\.00\\s+320\\.00\\s+-\\n");
        assertThat(alpha).containsPattern("\\s16\\s+80\\.00\\s+75\\.00\\s+50\\.00\\s+49\\.00\\s+2\\.30\\s+300\\.00"
                + "\\s+20\\.00\\s+300\\.00\\s+-\\n");
        assertThat(beta).containsPattern("\\s8\\s+15\\.00\\s+14\\.00\\s+10\\.00\\s+9\\.90\\s+5\\.00\\s+800\\.00"
                + "\\s+100\\.00\\s+400\\.00\\s+-\\n");
        assertThat(beta).containsPattern("\\s32\\s+60\\.00\\s+55\\.00\\s+25\\.00\\s+24\\.00\\s+6\\.00\\s+1200\\.00"
                + "\\s+40\\.00\\s+600\\.00\\s+-\\n");
        assertThat(beta).containsPattern("\\s1\\s+9\\.00\\s").containsPattern("\\s16\\s+30\\.00\\s");
        assertThat(alpha.substring(alpha.indexOf("Pareto"))).isEqualTo("""
                Pareto frontier (tok/s/user, tok/s/gpu):
                  c4: (80.00, 320.00)
                  c1: (100.00, 100.00)

                """);
        assertThat(beta.substring(beta.indexOf("Pareto"))).isEqualTo("""
                Pareto frontier (tok/s/user, tok/s/gpu):
                  c32: (40.00, 600.00)
                  c8: (100.00, 400.00)
                  c1: (120.00, 60.00)

                """);
    }

    @Test
    void plotsPerfShArtifactsWithTheirDeploymentGpuCounts() throws IOException {
        Path root = dir.resolve("artifacts_root");
        Path agg = root.resolve("artifacts_0");
        Files.createDirectories(agg);
        Files.writeString(agg.resolve("deployment_config.json"), """
                {"kind": "vllm_serve", "mode": "aggregated", "tensor_parallelism": 4, "data_parallelism": 2,
                 "prefill_tensor_parallelism": 0, "prefill_data_parallelism": 0,
                 "decode_tensor_parallelism": 0, "decode_data_parallelism": 0}
                """);
        Path disagg = root.resolve("artifacts_1");
        Files.createDirectories(disagg);
        Files.writeString(disagg.resolve("deployment_config.json"), """
                {"kind": "dynamo_vllm", "mode": "disaggregated", "tensor_parallelism": 0, "data_parallelism": 0,
                 "prefill_tensor_parallelism": 1, "prefill_data_parallelism": 4,
                 "decode_tensor_parallelism": 2, "decode_data_parallelism": 1}
                """);
        pointAt(agg.resolve("-concurrency1"), 1, 1, 1, 1, 1, 800, 100, "");
        pointAt(agg.resolve("-concurrency64"), 1, 1, 1, 1, 1, 4000, 40, "");
        pointAt(disagg.resolve("-concurrency1"), 1, 1, 1, 1, 1, 600, 110, "");
        pointAt(disagg.resolve("-concurrency64"), 1, 1, 1, 1, 1, 3600, 50, "");

        int exit = run("plot", "--data-dir", root.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(err.toString()).doesNotContain("warning");
        String summary = Files.readString(root.resolve("plots").resolve(PlotCommand.SUMMARY_FILE));
        // aggregated: 4·2 = 8 GPUs; disaggregated: 1·4 + 2·1 = 6 GPUs
        assertThat(summary).contains("Run: artifacts_0\nGPUs: 8 (deployment_config.json)",
                "Run: artifacts_1\nGPUs: 6 (deployment_config.json)", "c64: (40.00, 500.00)",
                "c1: (100.00, 100.00)", "c64: (50.00, 600.00)", "c1: (110.00, 100.00)");
        assertPng(root.resolve("plots").resolve("efficiency_tok_s_gpu_vs_user.png"));
    }

    @Test
    void namedRunsGoToTheChosenOutputDirectory() throws IOException {
        Path data = dir.resolve("results");
        point(data, "alpha", 2, 1, 1, 1, 1, 1, 10, 10, "");
        point(data, "beta", 2, 1, 1, 1, 1, 1, 10, 10, "");
        Path target = dir.resolve("elsewhere");

        int exit = run("plot", "--data-dir", data.toString(), "--benchmark-name", "beta", "--output-dir",
                target.toString());

        assertThat(exit).as(err.toString()).isZero();
        String summary = Files.readString(target.resolve(PlotCommand.SUMMARY_FILE));
        assertThat(summary).contains("Run: beta").doesNotContain("alpha");
        assertThat(target.resolve("efficiency_tok_s_gpu_vs_user.svg")).exists();
        assertThat(data.resolve("plots")).doesNotExist();
    }

    @Test
    void moreThanTwelveRunsIsAClearError() throws IOException {
        Path data = dir.resolve("results");
        for (int i = 0; i < 13; i++) {
            point(data, "run" + i, 1, 1, 1, 1, 1, 1, 10, 10, "");
        }

        int exit = run("plot", "--data-dir", data.toString());

        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("13 runs", "at most 12", "--benchmark-name");
        assertThat(data.resolve("plots")).doesNotExist();
    }

    @Test
    void anUnknownBenchmarkNameIsAClearError() throws IOException {
        Path data = dir.resolve("results");
        point(data, "alpha", 1, 1, 1, 1, 1, 1, 10, 10, "");

        int exit = run("plot", "--data-dir", data.toString(), "--benchmark-name", "nope");

        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("--benchmark-name nope");
    }

    private int run(String... args) {
        var cli = new CommandLine(new PerfsweepCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** One concurrency level of a run as an AIPerf JSON export; times in ms, throughputs per second. */
    private static void point(Path data, String run, int concurrency, double ttftAvg, double ttftP50, double itlAvg,
            double itlP50, double requestsPerSecond, double tokensPerSecond, double tokensPerSecondPerUser,
            String extra) throws IOException {
        pointAt(data.resolve(run).resolve("c" + concurrency), ttftAvg, ttftP50, itlAvg, itlP50, requestsPerSecond,
                tokensPerSecond, tokensPerSecondPerUser, extra);
    }

    private static void pointAt(Path pointDir, double ttftAvg, double ttftP50, double itlAvg, double itlP50,
            double requestsPerSecond, double tokensPerSecond, double tokensPerSecondPerUser, String extra)
            throws IOException {
        Files.createDirectories(pointDir);
        Files.writeString(pointDir.resolve(AiperfExport.JSON_FILE), """
                {"schema_version": "1.2", "aiperf_version": "test", %s
                 "time_to_first_token": {"unit": "ms", "avg": %s, "p50": %s},
                 "inter_token_latency": {"unit": "ms", "avg": %s, "p50": %s},
                 "request_throughput": {"unit": "requests/sec", "avg": %s},
                 "output_token_throughput": {"unit": "tokens/sec", "avg": %s},
                 "output_token_throughput_per_user": {"unit": "tokens/sec/user", "avg": %s}}
                """.formatted(extra, ttftAvg, ttftP50, itlAvg, itlP50, requestsPerSecond, tokensPerSecond,
                tokensPerSecondPerUser), StandardCharsets.UTF_8);
    }

    private static void assertSvg(Path file) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc;
        try (InputStream in = Files.newInputStream(file)) {
            doc = factory.newDocumentBuilder().parse(in);
        }
        assertThat(doc.getDocumentElement().getNodeName()).as(file.toString()).isEqualTo("svg");
        assertThat(Files.size(file)).as(file.toString()).isGreaterThan(2_000);
    }

    private static void assertPng(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertThat(Arrays.copyOf(bytes, PNG_SIGNATURE.length)).as(file.toString()).isEqualTo(PNG_SIGNATURE);
        assertThat(bytes.length).as(file.toString()).isGreaterThan(5_000);
    }
}
