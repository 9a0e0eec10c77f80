package io.perfsweep.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsweep.metrics.PointSummary;
import io.perfsweep.metrics.PointTrials;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.metrics.Slo;
import io.perfsweep.metrics.TimeSlices;
import io.perfsweep.metrics.TrialConfidence;
import io.perfsweep.server.PointServerMetrics;
import io.perfsweep.server.ServerMetricsExport;
import io.perfsweep.store.StoredPoint;
import io.perfsweep.store.StoredTrial;

/**
 * A stored job as a zip archive in AIPerf's file layout, the one {@code run} writes and {@code plot --data-dir} reads:
 * {@code <name>/<label>/profile_export_aiperf.json}, {@code profile_export_aiperf.csv} and {@code profile_export.jsonl}
 * (the raw records, one line each) per point, and perf.sh's {@code <name>/deployment_config.json}, so tools that read
 * AIPerf artifacts or perf.sh results read a job fetched from the API. A point run as several trials is laid out as
 * {@code run --trials} writes it, AIPerf's multi-run layout ({@link AiperfAggregate}): each trial's three files in
 * {@code <label>/profile_runs/run_0001/} (the point's server metrics beside the first trial's) and the aggregate in
 * {@code <label>/aggregate/}.
 */
public final class AiperfArchive {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AiperfArchive() {
    }

    /**
     * Writes the archive to {@code out}, one point at a time (a point's records are loaded only while it is written),
     * and finishes it; {@code out} stays open.
     *
     * @param records loads a point's raw records, in the order they were stored
     */
    public static void write(OutputStream out, JobReport job, Function<StoredPoint, List<RequestRecord>> records)
            throws IOException {
        JobHeader header = job.header();
        String runDir = safeName(header.name()) + "/";
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        Writer text = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
        if (!header.deploymentConfig().isEmpty()) {
            entry(zip, runDir + RunResults.DEPLOYMENT_CONFIG);
            zip.write(AiperfExport.deploymentConfigJson(header.deploymentConfig()));
        }
        for (StoredPoint point : job.points()) {
            String pointDir = runDir + safeName(point.label()) + "/";
            ExportContext ctx = context(header, point);
            if (point.trials().size() > 1 || point.failure() != null && !point.trials().isEmpty()) {
                writeTrials(zip, text, pointDir, header, point, ctx, records.apply(point));
                continue;
            }
            List<RequestRecord> pointRecords = records.apply(point);
            writeProfile(zip, text, pointDir, point.summary(), pointRecords, ctx);
            writeTimeslices(zip, text, pointDir, header, pointRecords, ctx);
            writeServerMetrics(zip, text, pointDir, point, ctx);
        }
        zip.finish();
        zip.flush();
    }

    /** A point's (or a trial's) {@code profile_export_aiperf.json}, {@code .csv} and {@code profile_export.jsonl}. */
    private static void writeProfile(ZipOutputStream zip, Writer text, String dir, PointSummary summary,
            List<RequestRecord> records, ExportContext ctx) throws IOException {
        entry(zip, dir + AiperfExport.JSON_FILE);
        zip.write(AiperfExport.json(summary, ctx));
        entry(zip, dir + AiperfExport.CSV_FILE);
        text.write(AiperfExport.csv(summary));
        text.flush();
        entry(zip, dir + AiperfExport.JSONL_FILE);
        AiperfExport.writeJsonl(text, records, ctx);
    }

    /** The point's stored {@code server_metrics_export.json} and {@code .csv} into {@code dir}, when it has them. */
    private static void writeServerMetrics(ZipOutputStream zip, Writer text, String dir, StoredPoint point,
            ExportContext ctx) throws IOException {
        if (point.serverMetrics() == null) {
            return;
        }
        entry(zip, dir + ServerMetricsExport.JSON_FILE);
        zip.write(AiperfExport.storedServerJson(point.serverMetrics(), ctx));
        entry(zip, dir + ServerMetricsExport.CSV_FILE);
        text.write(String.valueOf(point.serverMetrics().get(PointServerMetrics.EXPORT_CSV)));
        text.flush();
    }

    /**
     * A point's (or a trial's) AIPerf time-slice files over its own window ({@code ctx}'s start and end), when its job
     * asked for them ({@code load.sliceDurationSeconds}), as {@code run} writes them.
     */
    private static void writeTimeslices(ZipOutputStream zip, Writer text, String dir, JobHeader header,
            List<RequestRecord> records, ExportContext ctx) throws IOException {
        InputConfig.Load load = header.inputs() == null ? null : header.inputs().load();
        if (load == null || load.sliceDuration() == null || ctx.startTime() == null || ctx.endTime() == null) {
            return;
        }
        Optional<TimeSlices> slices = TimeSlices.of(records, AiperfExport.epochNanos(ctx.startTime()),
                AiperfExport.epochNanos(ctx.endTime()), load.sliceDuration());
        if (slices.isEmpty()) {
            return;
        }
        List<PointSummary> summaries = slices.get().summaries(records, Slo.NONE);
        entry(zip, dir + AiperfTimeslices.JSON_FILE);
        zip.write(AiperfTimeslices.json(slices.get(), summaries, slices.get().inFlight(records), ctx));
        entry(zip, dir + AiperfTimeslices.CSV_FILE);
        text.write(AiperfTimeslices.csv(summaries));
        text.flush();
    }

    private static void writeTrials(ZipOutputStream zip, Writer text, String pointDir, JobHeader header,
            StoredPoint point, ExportContext ctx, List<RequestRecord> records) throws IOException {
        for (StoredTrial trial : point.trials()) {
            String trialDir = pointDir + AiperfAggregate.TRIALS_DIR + "/" + AiperfAggregate.trialDir(trial.trial())
                    + "/";
            ExportContext trialCtx = new ExportContext(ctx.benchmarkId(), trial.startedAt(), trial.finishedAt(),
                    ctx.wasCancelled(), ctx.inputConfig(), ctx.runInfo(), List.of());
            int end = Math.min(records.size(), trial.firstSeq() + trial.recordCount());
            List<RequestRecord> trialRecords = records.subList(Math.min(trial.firstSeq(), end), end);
            writeProfile(zip, text, trialDir, trial.summary(), trialRecords, trialCtx);
            writeTimeslices(zip, text, trialDir, header, trialRecords, trialCtx);
            if (trial.trial() == 1) {
                writeServerMetrics(zip, text, trialDir, point, ctx);
            }
        }
        PointTrials trials = new PointTrials(point.trials().stream().map(StoredTrial::summary).toList());
        String aggregateDir = pointDir + AiperfAggregate.AGGREGATE_DIR + "/";
        entry(zip, aggregateDir + AiperfAggregate.JSON_FILE);
        var failed = point.failure() == null ? null
                : new AiperfAggregate.FailedRun(point.trials().size() + 1, point.failure());
        zip.write(MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(AiperfAggregate.json(trials, TrialConfidence.DEFAULT_LEVEL, failed)));
        entry(zip, aggregateDir + AiperfAggregate.CSV_FILE);
        text.write(AiperfAggregate.csv(trials, TrialConfidence.DEFAULT_LEVEL, failed));
        text.flush();
    }

    private static ExportContext context(JobHeader header, StoredPoint point) {
        var level = InputConfig.Point.of(point.concurrency(), point.requestRatePerSecond(), point.prefixRatio(),
                point.summary());
        Map<String, Object> runInfo = Map.of("run_label", header.name(), "job_id", header.id());
        return new ExportContext(header.name() + "-" + point.label(), point.startedAt(), point.finishedAt(), false,
                InputConfig.of(header.inputs(), level), runInfo, List.of(), point.workers());
    }

    private static void entry(ZipOutputStream zip, String name) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
    }

    /** A single path segment: names of rejected jobs were never validated, so nothing may climb out of the archive. */
    static String safeName(String name) {
        String safe = name == null ? "" : name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.chars().allMatch(c -> c == '.') ? "job" : safe;
    }
}
