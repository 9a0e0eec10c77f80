package io.perfsweep.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

import io.perfsweep.job.PreparedJob;
import io.perfsweep.load.PointResult;
import io.perfsweep.load.PrefixRatioRunner;
import io.perfsweep.load.PrefixRatioSpec;
import io.perfsweep.report.AiperfExport;
import io.perfsweep.report.ExportContext;
import io.perfsweep.report.PrefixRatioResults;
import io.perfsweep.workload.Tokenizer;
import io.vertx.core.Vertx;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A prefix-ratio job (the router benchmark) run in this process, the one path of {@code prefix-ratio} (its flags made
 * a job) and of {@code run --job} with a {@code prefix} workload: one point per ratio, the requests split over the
 * target's URLs, and the script's files under {@code outputDir}: {@code results_summary.json},
 * {@code prefix_ratio_performance.{svg,png}} and each ratio's AIPerf files in
 * {@code prefix_ratio_<r>_seed_<s>[_url_<i>]/}.
 *
 * @param command the command that runs it, for its output
 * @param tokenizerId the tokenizer asked for, as the summary names it
 * @param outputDir where the files go
 */
record PrefixRatioRun(CommandSpec command, Vertx vertx, Tokenizer tokenizer, String tokenizerId, Path outputDir) {

    /** Runs {@code job}; exit code 0, or 1 when a ratio had no successful request. */
    int run(PreparedJob job) {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        PrefixRatioSpec benchmark = job.prefixRatio();
        var ratios = new PrefixRatioRunner(vertx, tokenizer).run(job.sweep(), benchmark, new ConsoleProgress(err));
        var points = new ArrayList<PrefixRatioResults.Point>();
        for (var ratio : ratios) {
            writeExports(job, ratio);
            points.add(new PrefixRatioResults.Point(ratio.ratio(), ratio.pooled().summary()));
        }
        var results = PrefixRatioResults.of(points, new PrefixRatioResults.Config(job.sweep().model(), tokenizerId,
                benchmark.islTokens(), benchmark.oslTokens(), benchmark.requests(), benchmark.concurrency(),
                benchmark.initialSeed()));
        if (results.isEmpty()) {
            err.println("No ratio had successful requests: nothing to summarise or plot");
            return 1;
        }
        results.write(outputDir);
        out.print(PrefixRatioTable.render(results));
        out.printf("Results: %s%n", outputDir.toAbsolutePath());
        out.flush();
        return results.prefixRatios().size() == ratios.size() ? 0 : 1;
    }

    private void writeExports(PreparedJob job, PrefixRatioRunner.RatioResult ratio) {
        PrefixRatioSpec benchmark = job.prefixRatio();
        for (int u = 0; u < ratio.perUrl().size(); u++) {
            PointResult result = ratio.perUrl().get(u);
            String label = benchmark.label(ratio.index(), u);
            Map<String, Object> inputConfig = new LinkedHashMap<>();
            inputConfig.put("endpoint_url", benchmark.shares().get(u).url());
            inputConfig.put("model", job.sweep().model());
            inputConfig.put("tokenizer", tokenizer.name());
            inputConfig.put("prefix_ratio", ratio.ratio());
            inputConfig.put("prefix_prompt_length", benchmark.shape(ratio.index()).prefixTokens());
            inputConfig.put("num_prefix_prompts", benchmark.prefixPromptCount());
            inputConfig.put("synthetic_input_tokens_mean", benchmark.shape(ratio.index()).syntheticTokens());
            inputConfig.put("output_tokens_mean", benchmark.oslTokens());
            inputConfig.put("concurrency", result.point().concurrency());
            inputConfig.put("request_count", result.point().requestCount());
            inputConfig.put("random_seed", ratio.seed());
            AiperfExport.write(outputDir.resolve(label), result.summary(), result.records(), new ExportContext(label,
                    result.startTime(), result.endTime(), false, inputConfig, Map.of("run_label", label),
                    result.requestIds()));
        }
    }
}
