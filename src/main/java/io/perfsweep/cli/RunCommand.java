package io.perfsweep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import io.perfsweep.config.PerfsweepConfig;
import io.perfsweep.datagen.TraceFormatException;
import io.perfsweep.datagen.TraceReader;
import io.perfsweep.datagen.TraceRequests;
import io.perfsweep.job.JobInputConfig;
import io.perfsweep.job.JobSubmissions;
import io.perfsweep.job.PreparedJob;
import io.perfsweep.job.TelemetryListener;
import io.perfsweep.job.TraceUnavailableException;
import io.perfsweep.load.ArrivalSchedule;
import io.perfsweep.load.PointResult;
import io.perfsweep.load.ScheduleLag;
import io.perfsweep.load.SearchOutcome;
import io.perfsweep.load.SweepCancelledException;
import io.perfsweep.load.SweepRunner;
import io.perfsweep.load.SweepSpec;
import io.perfsweep.load.TrialFailedException;
import io.perfsweep.metrics.PointSummary;
import io.perfsweep.metrics.PointTrials;
import io.perfsweep.metrics.Slo;
import io.perfsweep.metrics.TrialConfidence;
import io.perfsweep.mock.MockLlmServer;
import io.perfsweep.report.AiperfAggregate;
import io.perfsweep.report.AiperfExport;
import io.perfsweep.report.ExportContext;
import io.perfsweep.report.InputConfig;
import io.perfsweep.report.SearchFiles;
import io.perfsweep.report.SummaryTable;
import io.perfsweep.server.PointServerMetrics;
import io.perfsweep.spec.InvalidJobException;
import io.perfsweep.spec.JobDeployment;
import io.perfsweep.spec.JobExtras;
import io.perfsweep.spec.JobLimits;
import io.perfsweep.spec.JobLoad;
import io.perfsweep.spec.JobSlo;
import io.perfsweep.spec.JobSpec;
import io.perfsweep.spec.JobTarget;
import io.perfsweep.spec.JobTimeouts;
import io.perfsweep.spec.JobWorkload;
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
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code run}: a concurrency sweep against one endpoint, mirroring Dynamo's {@code benchmark.py}, or an open-loop rate
 * sweep ({@code --rate}), or a trace replay ({@code --trace-file}); without {@code --endpoint-url} it sweeps the
 * built-in mock engine. The flags become a {@code perfsweep/v1} job spec ({@link #jobSpec}); with {@code --job FILE} the
 * spec is a job file's, parsed and checked by the service's own parser. Either way the spec runs one path: the
 * service's translation into a sweep, its points one after another, its files; without NATS or a database. Writes
 * AIPerf's layout:
 * {@code <output-dir>/<name>/<point>/profile_export_aiperf.json} with {@code c<N>}, {@code r<rate>} or
 * {@code replay-x<speedup>} points, and perf.sh's {@code <output-dir>/<name>/deployment_config.json}.
 */
@Dependent
@Unremovable
@RegisterForReflection
@Command(name = "run", mixinStandardHelpOptions = true, description = "Sweep an OpenAI-compatible endpoint over concurrency levels, request rates or a replayed trace (the built-in mock when no URL is given).")
public class RunCommand implements Callable<Integer> {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]+");

    /** The options that do not shape the sweep, so they combine with {@code --job}. */
    private static final Set<String> BESIDE_JOB = Set.of("--job", "--output-dir", "--tokenizer");

    @Spec
    CommandSpec spec;

    @Inject
    PerfsweepConfig config;

    @Inject
    Vertx vertx;

    @Inject
    SweepTelemetry telemetry;

    @Inject
    JobSubmissions submissions;

    @Mixin
    LoadSizeOptions size;

    @Mixin
    ScheduleOptions schedule;

    @Mixin
    TimeoutOptions timeouts;

    @Mixin
    TargetOptions target;

    @Mixin
    ClientSideOptions clientSide;

    @Mixin
    SearchOptions search;

    @Option(names = "--job", paramLabel = "FILE", description = "Run this job file (JSON, apiVersion perfsweep/v1) as the service would, without NATS or a database; the sweep is the job's, so only --output-dir and --tokenizer combine with it.")
    Path jobFile;

    @Option(names = "--benchmark-name", defaultValue = "demo", description = "Label of the run: letters, digits, - and _ ('plots' is reserved). Default: ${DEFAULT-VALUE}.")
    String benchmarkName;

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

    @Option(names = "--request-latency-slo-ms", converter = Checked.Positive.class, description = "Goodput threshold on request latency (send to last token), in ms (the job spec's slo.requestLatencyMs).")
    Double requestLatencySloMillis;

    @Option(names = "--no-min-tokens", negatable = true, defaultValue = "true", fallbackValue = "true", description = "Send min_tokens = max_tokens. Default: on.")
    boolean minTokens;

    @Option(names = "--no-ignore-eos", negatable = true, defaultValue = "true", fallbackValue = "true", description = "Send ignore_eos: true. Default: on.")
    boolean ignoreEos;

    @Option(names = "--nvext-ignore-eos", description = "Also send nvext: {ignore_eos: true} (Dynamo frontends).")
    boolean nvextIgnoreEos;

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

    @Option(names = "--slice-duration", paramLabel = "SECONDS", converter = Checked.Positive.class, description = "AIPerf's time slices: each point's client metrics also per slice of SECONDS on wall-clock boundaries (profile_export_aiperf_timeslices.json/.csv), the server's too (timeslices in server_metrics_export.json). At least 0.1.")
    Double sliceDurationSeconds;

    @Option(names = "--trials", converter = Checked.AtLeastOne.class, defaultValue = "1", description = "Runs of each point, back to back (AIPerf's --num-profile-runs, 1 to 10): the same requests each time, warm-up before the first only; the point reports each metric's mean over trials with a 95 %% t confidence interval, each trial's files in <point>/profile_runs/run_0001/. Default: ${DEFAULT-VALUE}.")
    int trials;

    @Override
    public Integer call() {
        if (jobFile != null) {
            return runJob();
        }
        PrintWriter err = spec.commandLine().getErr();
        validateName();
        if (sliceDurationSeconds != null && sliceDurationSeconds < JobLoad.MIN_SLICE_SECONDS) {
            throw new ParameterException(spec.commandLine(), "--slice-duration must be at least " + JobLoad.MIN_SLICE_SECONDS
                    + " s, was " + sliceDurationSeconds);
        }
        if (trials > JobLoad.MAX_TRIALS) {
            throw new ParameterException(spec.commandLine(), "--trials must be at most " + JobLoad.MAX_TRIALS
                    + " (AIPerf's --num-profile-runs range), was " + trials);
        }
        String conflict = search.conflict(size.concurrencies != null, schedule,
                ttftSloMillis != null || itlSloMillis != null || requestLatencySloMillis != null);
        if (conflict == null && !search.isSearch()) {
            conflict = schedule.conflict(size.concurrencies != null);
        }
        if (conflict != null) {
            throw new ParameterException(spec.commandLine(), conflict);
        }
        JobTarget.Endpoint endpointKind = target.endpoint();
        List<TraceRequest> traceRows = schedule.isTrace() ? readTrace() : null;
        String modelName = target.model(config);
        Tokenizer resolved = Tokenizers.resolve(clientSide.tokenizerId(modelName));
        MockLlmServer mock = target.mock() ? clientSide.startMock(config, modelName) : null;
        try {
            JobSpec job = jobSpec(mock != null ? mock.baseUrl() : target.endpointUrl, endpointKind, modelName, traceRows);
            PreparedJob prepared;
            try {
                prepared = submissions.prepareRun(job, clientSide.clientDefaults(config), traceRows);
            } catch (InvalidJobException e) {
                throw new ParameterException(spec.commandLine(), String.join("; ", e.violations()));
            }
            if (mock != null) {
                err.printf("No --endpoint-url: sweeping the built-in mock engine at %s (speed-up %.1fx)%n",
                        mock.baseUrl(), clientSide.speedupRatio(config));
            }
            return run(job, prepared, resolved, deploymentKind, mock);
        } finally {
            if (mock != null) {
                mock.close();
            }
        }
    }

    /**
     * {@code --job FILE}: the job parsed, checked and translated as the service does it ({@link JobSubmissions}), then
     * swept against its {@code target.url}. A job the service would reject prints every reason, one a line, and ends
     * with exit code 2, as bad flags do.
     */
    private int runJob() {
        PrintWriter err = spec.commandLine().getErr();
        List<String> shaping = spec.commandLine().getParseResult().matchedOptions().stream()
                .map(OptionSpec::longestName).filter(name -> !BESIDE_JOB.contains(name)).distinct().toList();
        if (!shaping.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--job does not combine with "
                    + String.join(", ", shaping) + ": the job file says how to sweep (only --output-dir and"
                    + " --tokenizer go with it)");
        }
        byte[] payload = readJobFile();
        JobSpec job;
        PreparedJob prepared;
        try {
            job = submissions.parser().parse(payload);
            prepared = submissions.prepareLocally(job);
        } catch (InvalidJobException e) {
            err.printf("%s: %s is not a job that can run (%d problem%s):%n", spec.qualifiedName(), jobFile,
                    e.violations().size(), e.violations().size() == 1 ? "" : "s");
            e.violations().forEach(violation -> err.println("  " + violation));
            err.flush();
            return spec.exitCodeOnInvalidInput();
        } catch (TraceUnavailableException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            err.flush();
            return 1;
        }
        String tokenizerId = clientSide.tokenizerId(job.target().model());
        Tokenizer resolved = Tokenizers.resolve(tokenizerId);
        Path runDir = outputDir.resolve(job.name());
        if (prepared.plannerProfile() != null) {
            // the same run as planner-profile's, its files under <output-dir>/<name>/
            err.printf("Job %s (%s): a planner profile of %s%n", prepared.id(), job.name(),
                    prepared.sweep().client().baseUrl());
            return new PlannerProfileRun(spec, vertx, JobLimits.from(config.limits()), resolved, runDir).run(prepared);
        }
        err.printf("Job %s (%s): %d point(s) against %s%n", prepared.id(), job.name(),
                prepared.sweep().plan().points().size(), prepared.sweep().client().baseUrl());
        if (prepared.prefixRatio() != null) {
            return new PrefixRatioRun(spec, vertx, resolved, tokenizerId, runDir).run(prepared); // prefix-ratio's
        }
        if (prepared.workers() > 1) {
            // no other instances here: the same points, driven by this process alone (docs/scale-out.md)
            err.printf("load.workers = %d: a local run drives each point alone; submit the job to the service to"
                    + " share its points between instances%n", prepared.workers());
        }
        return run(job, prepared, resolved, null, null);
    }

    /**
     * The one path of {@code run}, from flags or from a job file: the job's points one after another, as the service's
     * runner runs them (stopped once {@code maxDurationSeconds} is over), then its files and table.
     *
     * @param kind the {@code --deployment-kind} label, or null for the shape's own
     * @param mock the built-in mock engine swept, or null
     */
    private int run(JobSpec job, PreparedJob prepared, Tokenizer resolved, String kind, MockLlmServer mock) {
        if (prepared.search() != null) {
            return runSearch(job, prepared, resolved, kind, mock);
        }
        PrintWriter err = spec.commandLine().getErr();
        SweepSpec sweep = prepared.sweep();
        Instant deadline = Instant.now().plus(prepared.maxDuration());
        int pointCount = sweep.plan().points().size();
        List<List<PointResult>> results = new ArrayList<>();
        Map<String, AiperfAggregate.FailedRun> failed = new LinkedHashMap<>();
        String overrun = null;
        try (var listener = new TelemetryListener(
                telemetry.meters(sweep.benchmarkName(), sweep.client().baseUrl(), sweep.model()),
                new ConsoleProgress(err))) {
            var runner = new SweepRunner(vertx, resolved);
            for (int i = 0; i < pointCount && overrun == null; i++) {
                if (Instant.now().isAfter(deadline)) {
                    overrun = "after " + results.size() + " of " + pointCount + " points";
                    continue;
                }
                try {
                    results.add(runner.runTrials(sweep, i, prepared.trials(), listener,
                            () -> Instant.now().isAfter(deadline)));
                } catch (SweepCancelledException e) {
                    overrun = "during point " + e.point().label() + "; kept " + results.size() + " of " + pointCount
                            + " points";
                } catch (TrialFailedException e) {
                    keepFailedPoint(e, results, failed);
                    break;
                }
            }
        }
        int exitCode = report(results, failed, JobInputConfig.run(job, resolved.name(), kind), sweep.slo(), mock);
        if (overrun == null) {
            return failed.isEmpty() ? exitCode : 1;
        }
        // as the service's runner ends such a job: the points it finished kept, the rest not run
        err.printf("%s: exceeded maxDurationSeconds = %d %s%n", spec.qualifiedName(),
                prepared.maxDuration().toSeconds(), overrun);
        err.flush();
        return 1;
    }

    /**
     * A search job: its probes one after another, each the next point of a plan that grows a point a probe (run and
     * written as a sweep's point), then the points' files and table as {@link #run}'s, and what the search found: on
     * the console and in {@value SearchFiles#FILE} beside the points. Exit code as {@link #report}'s, or 1 when the
     * job overran its {@code maxDurationSeconds} (the probes it finished are kept).
     */
    private int runSearch(JobSpec job, PreparedJob prepared, Tokenizer resolved, String kind, MockLlmServer mock) {
        PrintWriter err = spec.commandLine().getErr();
        SweepSpec sweep = prepared.sweep();
        Instant deadline = Instant.now().plus(prepared.maxDuration());
        List<List<PointResult>> results = new ArrayList<>();
        Map<String, AiperfAggregate.FailedRun> failed = new LinkedHashMap<>();
        SearchOutcome outcome = null;
        String overrun = null;
        try (var listener = new TelemetryListener(
                telemetry.meters(sweep.benchmarkName(), sweep.client().baseUrl(), sweep.model()),
                new ConsoleProgress(err))) {
            var runner = new SweepRunner(vertx, resolved);
            outcome = prepared.search().run((plan, index) -> {
                if (Instant.now().isAfter(deadline)) {
                    throw new SweepCancelledException(plan.points().get(index));
                }
                List<PointResult> trials = runner.runTrials(sweep.withPlan(plan), index, prepared.trials(), listener,
                        () -> Instant.now().isAfter(deadline));
                results.add(trials);
                return PointResult.ofTrials(trials).summary();
            });
        } catch (SweepCancelledException e) {
            overrun = "at probe " + e.point().label() + "; kept " + results.size() + " probe(s)";
        } catch (TrialFailedException e) {
            keepFailedPoint(e, results, failed);
        }
        int exitCode = report(results, failed, JobInputConfig.run(job, resolved.name(), kind), sweep.slo(), mock);
        PrintWriter out = spec.commandLine().getOut();
        if (outcome != null) {
            outcome.lines().forEach(out::println);
            SearchFiles.write(outputDir.resolve(job.name()), outcome.toJson());
        }
        out.flush();
        if (overrun == null) {
            return failed.isEmpty() ? exitCode : 1;
        }
        err.printf("%s: exceeded maxDurationSeconds = %d %s%n", spec.qualifiedName(),
                prepared.maxDuration().toSeconds(), overrun);
        err.flush();
        return 1;
    }

    /**
     * A point whose later trial failed: the trials that finished are measurements, written with the point marked
     * failed (its aggregate's {@code failed_runs}), and the run ends there.
     */
    private void keepFailedPoint(TrialFailedException e, List<List<PointResult>> results,
            Map<String, AiperfAggregate.FailedRun> failed) {
        results.add(e.completed());
        failed.put(e.completed().get(0).point().label(), new AiperfAggregate.FailedRun(e.failedTrial(), e.reason()));
        spec.commandLine().getErr().printf("%s: %s%n", spec.qualifiedName(), e.getMessage());
    }

    private byte[] readJobFile() {
        try {
            return Files.readAllBytes(jobFile);
        } catch (NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), "--job " + jobFile + " does not exist");
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--job " + jobFile + " cannot be read: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    /**
     * Writes every point's files and perf.sh's {@code deployment_config.json}, prints the table and what goes with
     * it; exit code 0 when every trial of every point had a successful request, else 1. A point of several trials is
     * written in AIPerf's multi-run layout ({@link AiperfAggregate}) and its row of the table holds the means over
     * its trials.
     *
     * @param pointTrials each point's trials, in the order they ran
     * @param failed by point label, the trial that failed after that point's trials (written in the multi-run layout,
     *        its aggregate's {@code failed_runs} naming it)
     */
    private int report(List<List<PointResult>> pointTrials, Map<String, AiperfAggregate.FailedRun> failed,
            InputConfig.Run inputs, Slo slo, MockLlmServer mock) {
        PrintWriter out = spec.commandLine().getOut();
        Path runDir = outputDir.resolve(inputs.benchmarkName());
        var servers = new LinkedHashMap<String, PointServerMetrics>();
        var byLabel = new LinkedHashMap<String, PointSummary>();
        var aggregates = new LinkedHashMap<String, PointTrials>();
        Double slice = inputs.load() == null ? null : inputs.load().sliceDuration();
        for (List<PointResult> trialResults : pointTrials) {
            PointResult first = trialResults.get(0);
            Path pointDir = runDir.resolve(first.point().label());
            AiperfAggregate.FailedRun failure = failed.get(first.point().label());
            for (int trial = 0; trial < trialResults.size(); trial++) {
                PointResult result = trialResults.get(trial);
                Path dir = trialResults.size() == 1 && failure == null ? pointDir
                        : AiperfAggregate.trialPath(pointDir, trial + 1);
                ExportContext ctx = exportContext(inputs, result);
                AiperfExport.write(dir, result.summary(), result.records(), ctx);
                if (slice != null) {
                    AiperfExport.writeTimeslices(dir, result.records(), result.startTime(), result.endTime(), slice,
                            slo, ctx);
                }
                PointServerMetrics.of(result.server(), result.summary(), result.records(), result.startTime(),
                        result.endTime(), slice).ifPresent(server -> {
                            AiperfExport.writeServerMetrics(dir, server, ctx);
                            servers.putIfAbsent(result.point().label(), server);
                        });
            }
            var trials = new PointTrials(trialResults.stream().map(PointResult::summary).toList());
            if (trials.count() > 1 || failure != null) {
                AiperfAggregate.write(pointDir, trials, TrialConfidence.DEFAULT_LEVEL, failure);
                aggregates.put(first.point().label(), trials);
            }
            byLabel.put(first.point().label(), trials.mean());
        }
        AiperfExport.writeDeploymentConfig(runDir, inputs.deploymentConfig());
        List<PointResult> results = pointTrials.stream().map(t -> t.get(0)).toList();
        out.print(SummaryTable.render(byLabel));
        if (!aggregates.isEmpty()) {
            out.println("Over trials (mean, 95 % t interval, coefficient of variation; first trial's server metrics"
                    + " and mock check below):");
            aggregates.forEach((label, trials) -> TrialLines.print(out, label, trials));
        }
        ServerMetricsLines.print(out, results, servers);
        if (mock != null) {
            printAgainstMockTruth(out, mock.baseUrl(), results);
        }
        results.stream().filter(r -> r.point().isOpenLoop() || r.point().isReplay())
                .forEach(r -> out.println(scheduleLagLine(r)));
        out.printf("Results: %s%n", runDir.toAbsolutePath());
        out.flush();
        return pointTrials.stream().flatMap(List::stream).allMatch(r -> r.summary().requestCount() > 0) ? 0 : 1;
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

    /**
     * The flags as a job spec, the one contract of the CLI, REST and NATS: from here on the run is a job's
     * ({@link #run}). What a spec does not hold stays an option of this command: literal {@code --header} values (a
     * spec names headers by secret reference only, since it is stored and published; they go with the configured
     * headers, {@link ClientSideOptions#clientDefaults}), {@code --deployment-kind} (a label of this run's files),
     * the trace's path (read by the command from where the user is, not from {@code perfsweep.traces.dir}),
     * {@code --tokenizer}, {@code --output-dir} and the built-in mock's settings. Its {@code maxDurationSeconds} is the
     * ceiling a job file gets by default ({@code perfsweep.limits.max-job-duration}).
     */
    private JobSpec jobSpec(String baseUrl, JobTarget.Endpoint endpointKind, String modelName,
            List<TraceRequest> traceRows) {
        var defaults = config.sweep();
        long promptSeed = seed != null ? seed : defaults.seed();
        var jobTarget = new JobTarget(baseUrl, modelName, endpointKind, Map.of(), deployment(), List.of(),
                !noServerMetrics, serverMetricsUrls);
        JobWorkload workload = traceRows != null
                ? new JobWorkload.Trace(schedule.traceFile.toString(), null, null, schedule.blockSizeTokens(),
                        promptSeed)
                : new JobWorkload.Synthetic(LoadSizeOptions.or(size.isl, defaults.isl()),
                        islStd != null ? islStd : defaults.islStd(), LoadSizeOptions.or(size.osl, defaults.osl()),
                        oslStd, promptSeed);
        return new JobSpec(null, benchmarkName, jobTarget, workload, load(traceRows != null),
                new JobExtras(minTokens, ignoreEos, nvextIgnoreEos),
                new JobSlo(ttftSloMillis, itlSloMillis, requestLatencySloMillis, null),
                Map.of(), config.limits().maxJobDuration());
    }

    /** Rate points, a replay, the trace at each level, or (the default) synthetic prompts at each level. */
    private JobLoad load(boolean trace) {
        int warmup = LoadSizeOptions.or(size.warmupRequestCount, 0);
        JobTimeouts jobTimeouts = timeouts.jobTimeouts();
        var arrival = schedule.arrivalProcess() == ArrivalSchedule.Arrival.CONSTANT ? JobLoad.Arrival.CONSTANT
                : JobLoad.Arrival.POISSON;
        if (search.isSearch()) {
            return search.load(requestCount(), warmup, arrival, jobTimeouts, sliceDurationSeconds, trials);
        }
        if (schedule.isRate()) {
            return new JobLoad.Rate(schedule.rates, arrival, schedule.maxConcurrency, requestCount(), warmup,
                    jobTimeouts, sliceDurationSeconds, trials);
        }
        if (trace && size.concurrencies == null) {
            return new JobLoad.Replay(schedule.speedupFactor(), jobTimeouts, sliceDurationSeconds, trials);
        }
        // a trace without --request-count sends every row at each level
        return new JobLoad.Concurrency(levels(), trace ? size.requestCount : requestCount(), warmup, jobTimeouts,
                sliceDurationSeconds, trials);
    }

    /**
     * The deployment shape, with the GPU count {@code plot} divides throughput by: TP·DP, or prefill TP·DP + decode
     * TP·DP when any disaggregated option is given, each defaulting to 1.
     */
    private JobDeployment deployment() {
        boolean disaggregated = prefillTp != null || prefillDp != null || decodeTp != null || decodeDp != null;
        return disaggregated
                ? new JobDeployment.Disaggregated(orOne(prefillTp), orOne(prefillDp), orOne(decodeTp), orOne(decodeDp))
                : new JobDeployment.Aggregated(tp, dp);
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

    private static int orOne(Integer value) {
        return value == null ? 1 : value;
    }

    private static ExportContext exportContext(InputConfig.Run inputs, PointResult result) {
        var inputConfig = InputConfig.of(inputs, JobInputConfig.point(result.point(), result.summary()));
        return new ExportContext(inputs.benchmarkName() + "-" + result.point().label(), result.startTime(),
                result.endTime(), false, inputConfig, Map.of("run_label", inputs.benchmarkName()),
                result.requestIds());
    }
}
