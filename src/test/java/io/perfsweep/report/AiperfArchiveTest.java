package io.perfsweep.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

import io.perfsweep.metrics.PointSummarizer;
import io.perfsweep.metrics.PointSummary;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.metrics.Slo;
import io.perfsweep.store.StoredPoint;
import io.perfsweep.store.StoredTrial;

/** The archive's layout, and that a name nobody validated cannot put a file outside it. */
class AiperfArchiveTest {

    private static final long MS = 1_000_000;
    private static final long WALL = 1_760_000_000_000_000_000L;

    private final List<RequestRecord> records = List.of(
            new RequestRecord(0, 0, 30 * MS, WALL, new long[] { 10 * MS, 30 * MS }, 0, 100, 3, null, 0, null, null),
            new RequestRecord(0, 0, 60 * MS, WALL, new long[] { 20 * MS, 60 * MS }, 0, 100, 5, null, 0, null, null));
    private final PointSummary summary = PointSummarizer.summarize(records, new Slo(null, null, null, null));

    @Test
    void eachPointHasAiperfsThreeFilesUnderItsLabelBesidePerfShsDeploymentConfig() throws IOException {
        Map<String, String> entries = entries(
                job("qwen3-agg", new InputConfig.Deployment("agg-tp1-dp1", "aggregated", Map.of(), 1)));

        assertThat(entries.keySet()).containsExactly("qwen3-agg/deployment_config.json",
                "qwen3-agg/c1/profile_export_aiperf.json", "qwen3-agg/c1/profile_export_aiperf.csv",
                "qwen3-agg/c1/profile_export.jsonl", "qwen3-agg/c4/profile_export_aiperf.json",
                "qwen3-agg/c4/profile_export_aiperf.csv", "qwen3-agg/c4/profile_export.jsonl");
        assertThat(entries.get("qwen3-agg/c4/profile_export.jsonl").lines()).hasSize(2);
        assertThat(entries.get("qwen3-agg/c4/profile_export_aiperf.json")).contains("\"concurrency\" : 4",
                "\"benchmark_id\" : \"qwen3-agg-c4\"");
    }

    @Test
    void aNameThatClimbsOutOfTheArchiveStaysOneDirectoryInIt() throws IOException {
        Map<String, String> entries = entries(job("../../etc/cron.d", null));

        assertThat(entries.keySet()).allSatisfy(name -> {
            assertThat(name.split("/")).hasSize(3).doesNotContain("..", ".", "");
            assertThat(name).startsWith(".._.._etc_cron.d/");
        });
    }

    @Test
    void aJobThatAskedForTimeSlicesHasAiperfsTimesliceFilesPerPoint() throws IOException {
        Instant wall = Instant.ofEpochSecond(0, WALL);
        StoredPoint point = new StoredPoint(1, "job-2", 0, "c2", 2, null, 1, summary, wall, wall.plusMillis(100), null,
                null);
        JobHeader header = new JobHeader("job-2", "sliced", "SUCCEEDED", null, "http://127.0.0.1:8000", "m", null, 1,
                Map.of(), Instant.EPOCH, null, null, new InputConfig.Run("sliced", "http://127.0.0.1:8000", "chat",
                        "m", "m", null, null, new InputConfig.Load(null, null, 0, 0.05)));

        Map<String, String> entries = entries(new JobReport(header, List.of(point)));

        // both requests were sent at the window's start: slice 0 of the two 50 ms slices has them, slice 1 none
        assertThat(entries).containsKeys("sliced/c2/profile_export_aiperf_timeslices.json",
                "sliced/c2/profile_export_aiperf_timeslices.csv");
        assertThat(entries.get("sliced/c2/profile_export_aiperf_timeslices.csv"))
                .startsWith("Timeslice,Metric,Unit,Stat,Value").contains("0,Request Count,requests,avg,2.00",
                        "0,Request Latency,ms,max,60.00", "1,Request Count,requests,avg,0.00")
                .doesNotContain("1,Request Latency");
        assertThat(entries.get("sliced/c2/profile_export_aiperf_timeslices.json"))
                .contains("\"slice_duration\" : 0.05");
    }

    @Test
    void aPointOfSeveralTrialsHasTimeSlicesPerTrialOverThatTrialsOwnWindow() throws IOException {
        Instant wall = Instant.ofEpochSecond(0, WALL);
        // two trials of one request each (records 0 and 1 in store order); the second trial began 100 ms later
        List<RequestRecord> stored = List.of(records.get(0),
                new RequestRecord(0, 0, 60 * MS, WALL + 100 * MS, new long[] { 20 * MS, 60 * MS }, 0, 100, 5, null, 0,
                        null, null));
        PointSummary one = PointSummarizer.summarize(records.subList(0, 1), Slo.NONE);
        List<StoredTrial> trials = List.of(new StoredTrial(1, one, 0, 1, wall, wall.plusMillis(100)),
                new StoredTrial(2, one, 1, 1, wall.plusMillis(100), wall.plusMillis(200)));
        StoredPoint point = new StoredPoint(1, "job-3", 0, "c1", 1, null, 1, one, wall, wall.plusMillis(200), null,
                null, trials);
        JobHeader header = new JobHeader("job-3", "trials", "SUCCEEDED", null, "http://127.0.0.1:8000", "m", null, 1,
                Map.of(), Instant.EPOCH, null, null, new InputConfig.Run("trials", "http://127.0.0.1:8000", "chat",
                        "m", "m", null, null, new InputConfig.Load(null, null, 0, 0.05)));

        Map<String, String> entries = entries(new JobReport(header, List.of(point)), stored);

        for (String trial : List.of("run_0001", "run_0002")) {
            String csv = entries.get("trials/c1/profile_runs/" + trial + "/profile_export_aiperf_timeslices.csv");
            // each trial's window is two 50 ms slices, and its one request was sent in the first
            assertThat(csv).as(trial).isNotNull().startsWith("Timeslice,Metric,Unit,Stat,Value")
                    .contains("Request Count,requests,avg,1.00").doesNotContain("2,Request Count");
            assertThat(entries).containsKey("trials/c1/profile_runs/" + trial + "/profile_export_aiperf_timeslices"
                    + ".json");
        }
        assertThat(entries.keySet()).noneMatch(name -> name.equals("trials/c1/profile_export_aiperf_timeslices.csv"));
    }

    @Test
    void aPointWhoseLaterTrialFailedIsExportedWithTheTrialsItKeptAndTheFailureNamed() throws IOException {
        Instant wall = Instant.ofEpochSecond(0, WALL);
        var kept = List.of(new StoredTrial(1, summary, 0, 1, wall, wall.plusMillis(50)),
                new StoredTrial(2, summary, 1, 1, wall.plusMillis(50), wall.plusMillis(100)));
        StoredPoint point = new StoredPoint(1, "job-3", 0, "c2", 2, null, 1, summary, wall, wall.plusMillis(100), null,
                null, kept, "point c2: trial 3 of 5 failed (the target went away); its 2 earlier trial(s) are kept");
        JobHeader header = new JobHeader("job-3", "failed", "FAILED", null, "http://127.0.0.1:8000", "m", null, 1,
                Map.of(), Instant.EPOCH, null, null, new InputConfig.Run("failed", "http://127.0.0.1:8000", "chat",
                        "m", "m", null, null, null));

        Map<String, String> entries = entries(new JobReport(header, List.of(point)));

        assertThat(entries).containsKeys("failed/c2/profile_runs/run_0001/profile_export.jsonl",
                "failed/c2/profile_runs/run_0002/profile_export.jsonl");
        assertThat(entries.get("failed/c2/aggregate/profile_export_aiperf_aggregate.json"))
                .contains("\"num_profile_runs\" : 3", "\"num_successful_runs\" : 2", "\"label\" : \"run_0003\"",
                        "trial 3 of 5 failed (the target went away)");
    }

    private JobReport job(String name, InputConfig.Deployment deployment) {
        List<StoredPoint> points = new ArrayList<>();
        for (int concurrency : new int[] { 1, 4 }) {
            points.add(new StoredPoint(concurrency, "job-1", points.size(), "c" + concurrency, concurrency, null, 1,
                    summary, Instant.parse("2026-11-23T08:00:00Z"), Instant.parse("2026-11-23T08:00:01Z"), null, null));
        }
        JobHeader header = new JobHeader("job-1", name, "SUCCEEDED", null, "http://127.0.0.1:8000", "m", null, 1,
                Map.of(), Instant.EPOCH, null, null,
                new InputConfig.Run(name, "http://127.0.0.1:8000", "chat", "m", "m", null, deployment, null));
        return new JobReport(header, points);
    }

    private Map<String, String> entries(JobReport job) throws IOException {
        return entries(job, records);
    }

    private static Map<String, String> entries(JobReport job, List<RequestRecord> stored) throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        AiperfArchive.write(zip, job, point -> stored);
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.toByteArray()))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
