package io.perfsweep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import io.perfsweep.client.ClientOptions;
import io.perfsweep.client.EndpointKind;
import io.perfsweep.config.PerfsweepConfig;
import io.perfsweep.datagen.TraceFormatException;
import io.perfsweep.datagen.TraceReader;
import io.perfsweep.datagen.TraceRequests;
import io.perfsweep.job.TelemetryListener;
import io.perfsweep.load.LoadPoint;
import io.perfsweep.load.PointResult;
import io.perfsweep.load.ScheduleLag;
import io.perfsweep.load.SweepPlan;
import io.perfsweep.load.SweepRunner;
import io.perfsweep.load.SweepSpec;
import io.perfsweep.metrics.PointSummary;
import io.perfsweep.metrics.Slo;
import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.mock.MockLlmServer;
import io.perfsweep.report.AiperfExport;
import io.perfsweep.report.ExportContext;
import io.perfsweep.report.SummaryTable;
import io.perfsweep.server.MetricsEndpoints;
import io.perfsweep.server.PointServerMetrics;
import io.perfsweep.telemetry.SweepTelemetry;
import io.perfsweep.workload.Tokenizer;
import io.perfsweep.workload.Tokenizers;
import io.perfsweep.workload.TraceRequest;
import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code run}: a concurrency sweep against one endpoint, mirroring Dynamo's {@code benchmark.py}, or an open-loop rate
 * sweep ({@code --rate}), or a trace replay ({@code --trace-file}); without {@code --endpoint-url} it sweeps the
 * built-in mock engine. Writes AIPerf's layout: {@code <output-dir>/<name>/<point>/profile_export_aiperf.json} with
 * {@code c<N>}, {@code r<rate>} or {@code replay-x<speedup>} points.
 */
@Dependent
@Unremovable
@RegisterForReflection
@Command(name = "run", mixinStandardHelpOptions = true, description = "Sweep an OpenAI-compatible endpoint over concurrency levels, request rates or a replayed trace (the built-in mock when no URL is given).")
public class RunCommand implements Callable<Integer> {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]+");

    @Spec
    CommandSpec spec;

    @Inject
    PerfsweepConfig config;

    @Inject
    Vertx vertx;

    @Inject
    SweepTelemetry telemetry;

    @Mixin
    LoadSizeOptions size;

    @Mixin
    ScheduleOptions schedule;

    @Mixin
    TimeoutOptions timeouts;

    @Option(names = "--benchmark-name", defaultValue = "demo", description = "Label of the run: letters, digits, - and _ ('plots' is reserved). Default: ${DEFAULT-VALUE}.")
    String benchmarkName;

    @Option(names = "--endpoint-url", converter = Checked.EndpointUrl.class, description = "Base URL of the endpoint (http(s)://host:port or bare host:port). Default: the built-in mock engine.")
    String endpointUrl;

    @Option(names = "--endpoint", defaultValue = "chat", description = "chat or completions. Default: ${DEFAULT-VALUE}.")
    String endpoint;

    @Option(names = "--model", description = "Model name. Default: perfsweep.sweep.model (Qwen/Qwen3-0.6B).")
    String model;

    @Option(names = "--tokenizer", description = "tokenizer.json path, directory or model id in the local HF cache. Default: the model.")
    String tokenizer;

    @Option(names = "--std", converter = Checked.NotNegative.class, description = "Standard deviation of the input length. Default: 10.")
    Integer islStd;

    @Option(names = "--osl-std", converter = Checked.NotNegative.class, defaultValue = "0", description = "Standard deviation of the output length. Default: 0.")
    int oslStd;

    @Option(names = "--output-dir", defaultValue = "benchmarks/results", description = "Where results go: <output-dir>/<name>/c<N>/. Default: ${DEFAULT-VALUE}.")
    Path outputDir;

    @Option(names = "--seed", description = "Seed of the synthetic prompts. Default: 100.")
    Long seed;

    @Option(names = "--ttft-slo-ms", converter = Checked.Positive.class, description = "Goodput threshold on time to first token, in ms.")
    Double ttftSloMillis;

    @Option(names = "--itl-slo-ms", converter = Checked.Positive.class, description = "Goodput threshold on inter-token latency, in ms.")
    Double itlSloMillis;

    @Option(names = "--no-min-tokens", negatable = true, defaultValue = "true", fallbackValue = "true", description = "Send min_tokens = max_tokens. Default: on.")
    boolean minTokens;

    @Option(names = "--no-ignore-eos", negatable = true, defaultValue = "true", fallbackValue = "true", description = "Send ignore_eos: true. Default: on.")
    boolean ignoreEos;

    @Option(names = "--nvext-ignore-eos", description = "Also send nvext: {ignore_eos: true} (Dynamo frontends).")
    boolean nvextIgnoreEos;

    @Option(names = "--header", description = "Extra request header, NAME=VALUE (repeatable).")
    Map<String, String> headers = new LinkedHashMap<>();

    @Option(names = "--tp", converter = Checked.AtLeastOne.class, defaultValue = "1", description = "Aggregated deployment: tensor parallelism. Default: 1.")
    int tp;

    @Option(names = "--dp", converter = Checked.AtLeastOne.class, defaultValue = "1", description = "Aggregated deployment: data parallelism. Default: 1.")
    int dp;

    @Option(names = "--prefill-tp", converter = Checked.AtLeastOne.class, description = "Disaggregated deployment: prefill tensor parallelism.")
    Integer prefillTp;

    @Option(names = "--prefill-dp", converter = Checked.AtLeastOne.class, description = "Disaggregated deployment: prefill data parallelism.")
    Integer prefillDp;

    @Option(names = "--decode-tp", converter = Checked.AtLeastOne.class, description = "Disaggregated deployment: decode tensor parallelism.")
    Integer decodeTp;

    @Option(names = "--decode-dp", converter = Checked.AtLeastOne.class, description = "Disaggregated deployment: decode data parallelism.")
    Integer decodeDp;

    @Option(names = "--deployment-kind", description = "Label of the deployment for comparisons (perf.sh's kind). Default: derived from the shape.")
    String deploymentKind;

    @Option(names = "--server-metrics", arity = "1..*", paramLabel = "URL", converter = Checked.EndpointUrl.class, description = "More Prometheus endpoints to scrape while each point runs (Dynamo worker system ports, a DCGM exporter); host:port means http://host:port/metrics. The endpoint's own /metrics is always scraped unless --no-server-metrics.")
    List<String> serverMetricsUrls = new ArrayList<>();

    @Option(names = "--no-server-metrics", description = "Do not scrape the endpoint's Prometheus metrics (on by default, about 3 times a second).")
    boolean noServerMetrics;

    @Option(names = "--mock-speedup-ratio", converter = Checked.Positive.class, description = "Speed-up of the built-in mock engine. Default: perfsweep.mock.speedup-ratio (10).")
    Double mockSpeedupRatio;

    /** The rows of {@code --trace-file}, read once when the command starts; null without a trace. */
    private List<TraceRequest> traceRows;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        validateName();
        String conflict = schedule.conflict(size.concurrencies != null);
        if (conflict != null) {
            throw new ParameterException(spec.commandLine(), conflict);
        }
        traceRows = schedule.isTrace() ? readTrace() : null;
        String modelName = model != null ? model : config.sweep().model();
        Tokenizer resolved = Tokenizers.resolve(tokenizer != null ? tokenizer : modelName);
        MockLlmServer mock = endpointUrl == null ? startMock(modelName) : null;
        try {
            SweepSpec sweep = sweepSpec(mock != null ? mock.baseUrl() : endpointUrl);
            if (mock != null) {
                err.printf("No --endpoint-url: sweeping the built-in mock engine at %s (speed-up %.1fx)%n",
                        mock.baseUrl(), speedupRatio());
            }
            List<PointResult> results = sweep(sweep, resolved, new ConsoleProgress(err));
            Path runDir = outputDir.resolve(benchmarkName);
            var servers = new LinkedHashMap<String, PointServerMetrics>();
            for (PointResult result : results) {
                Path pointDir = runDir.resolve(result.point().label());
                ExportContext ctx = exportContext(sweep, result, resolved);
                AiperfExport.write(pointDir, result.summary(), result.records(), ctx);
                PointServerMetrics.of(result.server(), result.summary()).ifPresent(server -> {
                    AiperfExport.writeServerMetrics(pointDir, server, ctx);
                    servers.put(result.point().label(), server);
                });
            }
            var byLabel = new LinkedHashMap<String, PointSummary>();
            results.forEach(r -> byLabel.put(r.point().label(), r.summary()));
            out.print(SummaryTable.render(byLabel));
            ServerMetricsLines.print(out, results, servers);
            if (mock != null) {
                printAgainstMockTruth(out, mock.baseUrl(), results);
            }
            results.stream().filter(r -> r.point().isOpenLoop() || r.point().isReplay())
                    .forEach(r -> out.println(scheduleLagLine(r)));
            out.printf("Results: %s%n", runDir.toAbsolutePath());
            out.flush();
            return results.stream().allMatch(r -> r.summary().requestCount() > 0) ? 0 : 1;
        } finally {
            if (mock != null) {
                mock.close();
            }
        }
    }

    /**
     * The client's figures against the built-in mock's own record of each request, joined per request on the trace id
     * of the {@code traceparent} every request carries, as one would join a real server's traces.
     */
    private static void printAgainstMockTruth(PrintWriter out, String baseUrl, List<PointResult> results) {
        MockTruth truth;
        try {
            truth = MockTruth.fetch(baseUrl);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        out.println("Against the mock's own record of each request (joined on traceparent; client minus mock):");
        for (PointResult result : results) {
            MockTruth.Error error = truth.compare(result);
            out.printf(Locale.ROOT, "  %-8s %s joined  TTFT mean %s ms, p99 %s ms  ITL mean %s %%%n",
                    result.point().label(), truth.joined(result), error.ttftMeanMillis(), error.ttftP99Millis(),
                    error.itlMeanPercent());
        }
    }

    /**
     * How late an open-loop or replay point sent its requests behind their schedule, and whether that makes its
     * offered load lower than its label says (degraded: p99 above {@value ScheduleLag#DEGRADED_P99_MILLIS} ms).
     */
    private static String scheduleLagLine(PointResult result) {
        ScheduleLag lag = result.scheduleLag();
        return String.format(Locale.ROOT, "%s: schedule lag p50 %.2f ms, p90 %.2f ms, p99 %.2f ms%s",
                result.point().label(), lag.p50Millis(), lag.p90Millis(), lag.p99Millis(),
                lag.degraded() ? " - DEGRADED: the client could not keep the schedule; latency from intended start"
                        + " includes the lag" : "");
    }

    /** Runs the sweep with live meters too: no HTTP server serves them here, but a run inside a service would. */
    private List<PointResult> sweep(SweepSpec sweep, Tokenizer resolved, ConsoleProgress progress) {
        try (var listener = new TelemetryListener(
                telemetry.meters(sweep.benchmarkName(), sweep.client().baseUrl(), sweep.model()), progress)) {
            return new SweepRunner(vertx, resolved).run(sweep, listener);
        }
    }

    private void validateName() {
        if (!NAME.matcher(benchmarkName).matches() || "plots".equals(benchmarkName)) {
            throw new ParameterException(spec.commandLine(), "--benchmark-name must match [a-zA-Z0-9_-]+ and must not be"
                    + " 'plots' (reserved for plot output), was '" + benchmarkName + "'");
        }
    }

    /** The trace's rows, every one checked; rows breaking a rule end the command with their lines named. */
    private List<TraceRequest> readTrace() {
        try {
            return TraceRequests.of(TraceReader.read(schedule.traceFile, schedule.blockSizeTokens()));
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--trace-file " + schedule.traceFile
                    + " cannot be read: " + e.getMessage());
        } catch (TraceFormatException | IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--trace-file " + schedule.traceFile + ": "
                    + e.getMessage());
        }
    }

    private SweepSpec sweepSpec(String baseUrl) {
        var defaults = config.sweep();
        var clientOptions = new ClientOptions(baseUrl, endpointKind(), 1, timeouts.requestTimeout(config.client()),
                timeouts.idleTimeout(config.client()), mergedHeaders());
        long promptSeed = seed != null ? seed : defaults.seed();
        var workload = new SweepSpec.SyntheticSpec(LoadSizeOptions.or(size.isl, defaults.isl()),
                islStd != null ? islStd : defaults.islStd(), LoadSizeOptions.or(size.osl, defaults.osl()), oslStd,
                promptSeed);
        SweepSpec.TraceSpec trace = null;
        if (traceRows != null) {
            trace = new SweepSpec.TraceSpec(traceRows, schedule.blockSizeTokens(), promptSeed);
            workload = new SweepSpec.SyntheticSpec(
                    (int) Math.round(traceRows.stream().mapToInt(TraceRequest::inputTokens).average().orElse(0)), 0,
                    (int) Math.round(traceRows.stream().mapToInt(TraceRequest::outputTokens).average().orElse(0)), 0,
                    promptSeed);
        }
        var extras = new SweepSpec.RequestExtras(minTokens, ignoreEos, nvextIgnoreEos);
        return new SweepSpec(benchmarkName, clientOptions, model != null ? model : defaults.model(), workload, extras,
                plan(promptSeed), new Slo(ttftSloMillis, itlSloMillis, null, null), trace,
                noServerMetrics ? List.of() : MetricsEndpoints.of(baseUrl, serverMetricsUrls));
    }

    /** Rate points, a replay, the trace at each level, or (the default) synthetic prompts at each level. */
    private SweepPlan plan(long seed) {
        int warmup = LoadSizeOptions.or(size.warmupRequestCount, 0);
        if (schedule.isRate()) {
            return new SweepPlan(schedule.rates.stream()
                    .map(rate -> LoadPoint.rate(rate, LoadSizeOptions.or(requestCount(),
                            Math.max(3 * (int) Math.ceil(rate), 10)), warmup, schedule.arrivalProcess(),
                            schedule.maxConcurrency, seed))
                    .toList());
        }
        if (traceRows != null && size.concurrencies == null) {
            return new SweepPlan(List.of(LoadPoint.replay(schedule.speedupFactor(), traceRows.size())));
        }
        Integer count = traceRows != null ? LoadSizeOptions.or(size.requestCount, traceRows.size()) : requestCount();
        return SweepPlan.concurrencySweep(levels(), count, warmup);
    }

    private EndpointKind endpointKind() {
        return switch (endpoint.toLowerCase()) {
            case "chat" -> EndpointKind.CHAT;
            case "completions" -> EndpointKind.COMPLETIONS;
            default -> throw new ParameterException(spec.commandLine(),
                    "--endpoint must be chat or completions, was '" + endpoint + "'");
        };
    }

    private Map<String, String> mergedHeaders() {
        var merged = new LinkedHashMap<>(config.client().headers());
        merged.putAll(headers);
        return merged;
    }

    private List<Integer> levels() {
        if (size.concurrencies != null) {
            return size.concurrencies;
        }
        String fromEnv = System.getenv("CONCURRENCIES");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnvironment("CONCURRENCIES", fromEnv);
        }
        return config.sweep().concurrencies();
    }

    private Integer requestCount() {
        if (size.requestCount != null) {
            return size.requestCount;
        }
        String fromEnv = System.getenv("REQUEST_COUNT");
        return fromEnv == null || fromEnv.isBlank() ? null : fromEnvironment("REQUEST_COUNT", fromEnv).get(0);
    }

    /** A list from the environment, held to the rule of the option it stands in for: whole numbers from 1. */
    private List<Integer> fromEnvironment(String name, String value) {
        try {
            List<Integer> values = EnvLists.integers(name, value);
            if (values.stream().anyMatch(v -> v < 1)) {
                throw new IllegalArgumentException(name + " values must be at least 1, was '" + value + "'");
            }
            return values;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private double speedupRatio() {
        return mockSpeedupRatio != null ? mockSpeedupRatio : config.mock().speedupRatio();
    }

    private MockLlmServer startMock(String modelName) {
        var mockConfig = MockEngineConfig.simulated(speedupRatio()).withModelName(modelName);
        return MockLlmServer.startOnOwnVertx(mockConfig);
    }

    /**
     * The deployment shape as perf.sh records it, with the GPU count {@code plot} divides throughput by: TP·DP, or
     * prefill TP·DP + decode TP·DP when any disaggregated option is given (each defaulting to 1).
     */
    private Map<String, Object> deployment() {
        Map<String, Object> shape = new LinkedHashMap<>();
        boolean disaggregated = prefillTp != null || prefillDp != null || decodeTp != null || decodeDp != null;
        if (disaggregated) {
            int ptp = orOne(prefillTp);
            int pdp = orOne(prefillDp);
            int dtp = orOne(decodeTp);
            int ddp = orOne(decodeDp);
            shape.put("mode", "disaggregated");
            shape.put("prefill_tensor_parallelism", ptp);
            shape.put("prefill_data_parallelism", pdp);
            shape.put("decode_tensor_parallelism", dtp);
            shape.put("decode_data_parallelism", ddp);
            shape.put("num_gpus", ptp * pdp + dtp * ddp);
            shape.put("kind", deploymentKind != null ? deploymentKind : "disagg-p" + ptp + "x" + pdp + "-d" + dtp + "x" + ddp);
        } else {
            shape.put("mode", "aggregated");
            shape.put("tensor_parallelism", tp);
            shape.put("data_parallelism", dp);
            shape.put("num_gpus", tp * dp);
            shape.put("kind", deploymentKind != null ? deploymentKind : "agg-tp" + tp + "-dp" + dp);
        }
        return shape;
    }

    private static int orOne(Integer value) {
        return value == null ? 1 : value;
    }

    private ExportContext exportContext(SweepSpec sweep, PointResult result, Tokenizer resolved) {
        Map<String, Object> inputConfig = new LinkedHashMap<>();
        inputConfig.put("benchmark_name", sweep.benchmarkName());
        inputConfig.put("endpoint_url", sweep.client().baseUrl());
        inputConfig.put("endpoint_type", endpoint);
        inputConfig.put("model", sweep.model());
        inputConfig.put("tokenizer", resolved.name());
        inputConfig.put("isl", sweep.workload().isl());
        inputConfig.put("isl_std", sweep.workload().islStd());
        inputConfig.put("osl", sweep.workload().osl());
        inputConfig.putAll(deployment());
        LoadPoint point = result.point();
        if (point.isOpenLoop()) {
            inputConfig.put("request_rate", point.openLoop().ratePerSecond());
            inputConfig.put("arrival", point.openLoop().arrival().name().toLowerCase());
        }
        if (point.isReplay()) {
            inputConfig.put("speedup", point.replay().speedup());
        }
        if (schedule.isTrace()) {
            inputConfig.put("trace_file", schedule.traceFile.toString());
            inputConfig.put("block_size", schedule.blockSizeTokens());
        }
        if (!point.isOpenLoop() && !point.isReplay() || point.isOpenLoop() && point.openLoop().capped()) {
            inputConfig.put("concurrency", point.concurrency());
        }
        inputConfig.put("request_count", point.requestCount());
        inputConfig.put("warmup_request_count", result.point().warmupRequestCount());
        return new ExportContext(sweep.benchmarkName() + "-" + result.point().label(), result.startTime(),
                result.endTime(), false, inputConfig, Map.of("run_label", sweep.benchmarkName()), result.requestIds());
    }
}
