package io.perfsweep.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.perfsweep.metrics.LatencyHistograms;
import io.perfsweep.metrics.LatencyHistograms.Kind;
import io.perfsweep.metrics.MetricStats;
import io.perfsweep.metrics.MetricTag;
import io.perfsweep.metrics.PointSummarizer;
import io.perfsweep.metrics.PointSummary;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.metrics.Slo;
import io.perfsweep.testsupport.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class PointStoreTest {

    @Inject
    JobRepository jobs;

    @Inject
    SweepPointRepository points;

    @Inject
    PointStore store;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void pointWithTenThousandRecordsStoresAndReadsBack() {
        String jobId = newJob();
        List<RequestRecord> records = SyntheticRecords.generate(10_000, 16, 42);
        PointSummary summary = PointSummarizer.summarize(records, new Slo(60.0, null, null, null));

        StoreResult result = store.store(point(jobId, 0, 10, summary, histogramsOf(records)), records);

        assertThat(result.created()).isTrue();
        assertThat(result.recordsWritten()).isEqualTo(10_000);
        assertThat(QuarkusTransaction.requiringNew().call(() -> points.countRecords(result.pointId())))
                .isEqualTo(10_000);
        List<RequestRecord> loaded = store.records(result.pointId());
        assertThat(loaded).hasSize(10_000);
        assertSameRecord(loaded.get(0), records.get(0));
        assertSameRecord(loaded.get(49), records.get(49));
        assertSameRecord(loaded.get(9_999), records.get(9_999));
        assertThat(loaded.get(49).error().message()).isEqualTo("no response\tafter 30 s\nline two \\ end");
        assertThat(PointSummarizer.summarize(loaded, new Slo(60.0, null, null, null))).isEqualTo(summary);
    }

    @Test
    void typedColumnsEqualTheSummary() {
        String jobId = newJob();
        List<RequestRecord> records = SyntheticRecords.generate(1_000, 8, 7);
        PointSummary summary = PointSummarizer.summarize(records, new Slo(60.0, null, null, null));

        long id = store.store(point(jobId, 0, 10, summary, null), records).pointId();

        SweepPointEntity row = QuarkusTransaction.requiringNew().call(() -> points.findById(id));
        MetricStats ttft = summary.stats(MetricTag.TIME_TO_FIRST_TOKEN).orElseThrow();
        MetricStats itl = summary.stats(MetricTag.INTER_TOKEN_LATENCY).orElseThrow();
        MetricStats latency = summary.stats(MetricTag.REQUEST_LATENCY).orElseThrow();
        assertThat(List.of(row.ttftAvgMillis, row.ttftP50Millis, row.ttftP90Millis, row.ttftP99Millis))
                .containsExactly(ttft.avg(), ttft.p50(), ttft.p90(), ttft.p99());
        assertThat(List.of(row.itlAvgMillis, row.itlP50Millis, row.itlP90Millis, row.itlP99Millis))
                .containsExactly(itl.avg(), itl.p50(), itl.p90(), itl.p99());
        assertThat(List.of(row.latencyAvgMillis, row.latencyP50Millis, row.latencyP90Millis, row.latencyP99Millis))
                .containsExactly(latency.avg(), latency.p50(), latency.p90(), latency.p99());
        double outputTokensPerSecond = summary.aggregate(MetricTag.OUTPUT_TOKEN_THROUGHPUT).orElseThrow();
        assertThat(row.outputTokensPerSecond).isEqualTo(outputTokensPerSecond);
        assertThat(row.tokensPerSecondPerGpu).isCloseTo(outputTokensPerSecond / 4, within(1e-9));
        assertThat(row.requestsPerSecond).isEqualTo(summary.aggregate(MetricTag.REQUEST_THROUGHPUT).orElseThrow());
        assertThat(row.tokensPerSecondPerUser)
                .isEqualTo(summary.stats(MetricTag.OUTPUT_TOKEN_THROUGHPUT_PER_USER).orElseThrow().avg());
        assertThat(row.goodputRequestsPerSecond).isEqualTo(summary.aggregate(MetricTag.GOODPUT).orElseThrow());
        assertThat(row.goodRequestFraction)
                .isEqualTo(summary.aggregate(MetricTag.GOOD_REQUEST_FRACTION).orElseThrow());
        assertThat(row.achievedConcurrency)
                .isEqualTo(summary.aggregate(MetricTag.ACHIEVED_CONCURRENCY).orElseThrow());
        assertThat(row.requestCount).isEqualTo(980);
        assertThat(row.errorCount).isEqualTo(20);
        assertThat(row.label).isEqualTo("c10");
        assertThat(row.histograms).isNull();
    }

    @Test
    void theJobCountsEachStoredPointOnceAsItIsStored() {
        String jobId = newJob();
        List<RequestRecord> records = SyntheticRecords.generate(50, 4, 8);
        PointSummary summary = PointSummarizer.summarize(records, Slo.NONE);

        store.store(point(jobId, 0, 1, summary, null), records);
        store.store(point(jobId, 2, 5, summary, null), records);
        store.store(point(jobId, 2, 5, summary, null), records);

        assertThat(QuarkusTransaction.requiringNew().call(() -> jobs.findById(jobId).pointsDone)).isEqualTo(2);
    }

    @Test
    void storingTheSamePointTwiceKeepsOne() {
        String jobId = newJob();
        List<RequestRecord> records = SyntheticRecords.generate(500, 4, 8);
        PointSummary summary = PointSummarizer.summarize(records, Slo.NONE);

        StoreResult first = store.store(point(jobId, 3, 5, summary, null), records);
        StoreResult again = store.store(point(jobId, 3, 5, summary, null), records);

        assertThat(again).isEqualTo(new StoreResult(first.pointId(), false, 0));
        assertThat(QuarkusTransaction.requiringNew().call(() -> points.count("jobId", jobId))).isEqualTo(1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> points.countRecords(first.pointId())))
                .isEqualTo(500);
    }

    @Test
    void databaseRejectsASecondRowForTheSamePoint() {
        String jobId = newJob();
        List<RequestRecord> records = SyntheticRecords.generate(10, 2, 9);
        store.store(point(jobId, 0, 1, PointSummarizer.summarize(records, Slo.NONE), null), records);

        // What a concurrent store that passed the existence check at the same moment would run into.
        assertThatThrownBy(() -> {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO sweep_point (job_id, point_index, label, summary, request_count, error_count)"
                        + " VALUES ('" + jobId + "', 0, 'c1', '{}', 0, 0)");
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("sweep_point_job_index_key");
    }

    @Test
    void pointsLoadInSweepOrderWithTheirSummaries() throws Exception {
        String jobId = newJob();
        PointSummary[] summaries = new PointSummary[3];
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            for (int index : new int[] { 2, 0, 1 }) {
                List<RequestRecord> records = SyntheticRecords.generate(200, 4, index);
                summaries[index] = PointSummarizer.summarize(records, Slo.NONE);
                PointToStore point = point(jobId, index, 1 << index, summaries[index], null);
                // Off the caller's thread, as a runner hands a finished point to a writer thread.
                worker.submit(() -> store.store(point, records)).get(30, TimeUnit.SECONDS);
            }
        } finally {
            worker.shutdownNow();
        }

        List<StoredPoint> loaded = store.points(jobId);

        assertThat(loaded).extracting(StoredPoint::pointIndex).containsExactly(0, 1, 2);
        assertThat(loaded).extracting(StoredPoint::label).containsExactly("c1", "c2", "c4");
        assertThat(loaded).extracting(StoredPoint::summary).containsExactly(summaries);
        assertThat(loaded.get(0).startedAt()).isEqualTo(Instant.parse("2026-11-22T01:00:00Z"));
    }

    @Test
    void histogramsRoundTripAndMergeAcrossPoints() {
        String jobId = newJob();
        List<RequestRecord> low = SyntheticRecords.generate(300, 4, 11);
        List<RequestRecord> high = SyntheticRecords.generate(700, 4, 12);
        LatencyHistograms lowHistograms = histogramsOf(low);
        LatencyHistograms highHistograms = histogramsOf(high);
        long lowId = store.store(point(jobId, 0, 1, PointSummarizer.summarize(low, Slo.NONE), lowHistograms), low)
                .pointId();
        store.store(point(jobId, 1, 2, PointSummarizer.summarize(high, Slo.NONE), highHistograms), high);

        LatencyHistograms loaded = store.histograms(lowId).orElseThrow();
        LatencyHistograms merged = store.mergedHistograms(jobId);

        assertThat(loaded.copies()).isEqualTo(lowHistograms.copies());
        LatencyHistograms expected = histogramsOf(low);
        expected.add(highHistograms);
        for (Kind kind : Kind.values()) {
            assertThat(merged.totalCount(kind)).as(kind.name()).isEqualTo(expected.totalCount(kind));
            assertThat(merged.valueAtPercentileMillis(kind, 99)).as(kind.name())
                    .isEqualTo(expected.valueAtPercentileMillis(kind, 99));
        }
        assertThat(merged.totalCount(Kind.TIME_TO_FIRST_TOKEN_FROM_SEND)).isEqualTo(294 + 686);
    }

    private String newJob() {
        String id = "job-" + UUID.randomUUID();
        jobs.persistIfAbsent(JobEntity.queued(id, "store-test", "{}", "http://mock:8000", "m", 3));
        return id;
    }

    private static PointToStore point(String jobId, int index, int concurrency, PointSummary summary,
            LatencyHistograms histograms) {
        Instant started = Instant.parse("2026-11-22T01:00:00Z").plus(index, ChronoUnit.MINUTES);
        return new PointToStore(jobId, index, "c" + concurrency, concurrency, null, 4, summary, histograms, started,
                started.plusSeconds(30));
    }

    private static LatencyHistograms histogramsOf(List<RequestRecord> records) {
        LatencyHistograms histograms = new LatencyHistograms();
        records.forEach(histograms::record);
        return histograms;
    }

    private static void assertSameRecord(RequestRecord actual, RequestRecord expected) {
        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
    }
}
