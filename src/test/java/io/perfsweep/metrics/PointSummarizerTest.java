package io.perfsweep.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class PointSummarizerTest {

    private static final long MS = 1_000_000;
    private static final long WALL = 1_700_000_000_000_000_000L;
    private static final Offset<Double> EXACT = within(1e-9);

    // TTFT 10 ms, latency 30 ms, OSL 4 → ITL 20/3 ms; ISL 100
    private final RequestRecord first = Timings.start(0).wallStart(WALL).responses(10 * MS, 20 * MS, 30 * MS)
            .end(32 * MS).input(100).output(4).build();
    // TTFT 20 ms, latency 40 ms, OSL 3 → ITL 10 ms; ISL 100; last response at wall + 45 ms
    private final RequestRecord second = Timings.start(5 * MS).wallStart(WALL + 5 * MS)
            .responses(25 * MS, 45 * MS).end(50 * MS).input(100).output(3).build();
    private final RequestRecord timeout = Timings.start(10 * MS).wallStart(WALL + 10 * MS).end(12 * MS)
            .error("TIMEOUT").build();
    private final List<RequestRecord> point = List.of(first, second, timeout, timeout);

    @Test
    void errorsAreCountedApartFromValidRequests() {
        PointSummary summary = PointSummarizer.summarize(point, Slo.NONE);
        assertThat(summary.requestCount()).isEqualTo(2);
        assertThat(summary.errorRequestCount()).isEqualTo(2);
        assertThat(summary.errorCountsByType()).containsExactly(Map.entry("TIMEOUT", 2L));
        assertThat(summary.errorSummary()).singleElement().satisfies(e -> {
            assertThat(e.error().code()).isEqualTo(500);
            assertThat(e.count()).isEqualTo(2);
        });
    }

    @Test
    void throughputUsesTheWindowFromFirstRequestToLastResponse() {
        PointSummary summary = PointSummarizer.summarize(point, Slo.NONE);
        assertThat(summary.minRequestTimestampEpochNanos()).hasValue(WALL);
        assertThat(summary.maxResponseTimestampEpochNanos()).hasValue(WALL + 45 * MS);
        assertThat(summary.aggregate(MetricTag.BENCHMARK_DURATION)).hasValue(0.045);
        assertThat(summary.aggregate(MetricTag.REQUEST_THROUGHPUT).getAsDouble()).isCloseTo(2 / 0.045, EXACT);
        assertThat(summary.aggregate(MetricTag.TOTAL_OSL)).hasValue(7.0);
        assertThat(summary.aggregate(MetricTag.OUTPUT_TOKEN_THROUGHPUT).getAsDouble()).isCloseTo(7 / 0.045, EXACT);
        assertThat(summary.aggregate(MetricTag.TOTAL_TOKEN_THROUGHPUT).getAsDouble()).isCloseTo(207 / 0.045,
                EXACT);
    }

    @Test
    void recordMetricStatsAreInDisplayUnitsOverValidRequestsOnly() {
        PointSummary summary = PointSummarizer.summarize(point, Slo.NONE);
        MetricStats ttft = summary.stats(MetricTag.TIME_TO_FIRST_TOKEN).orElseThrow();
        assertThat(ttft.count()).isEqualTo(2);
        assertThat(ttft.avg()).isEqualTo(15.0);
        assertThat(ttft.std()).isEqualTo(5.0);
        assertThat(ttft.p25()).isEqualTo(12.5);
        MetricStats itl = summary.stats(MetricTag.INTER_TOKEN_LATENCY).orElseThrow();
        assertThat(itl.min()).isCloseTo(20.0 / 3, EXACT);
        assertThat(itl.max()).isCloseTo(10.0, EXACT);
        MetricStats icl = summary.stats(MetricTag.INTER_CHUNK_LATENCY).orElseThrow();
        assertThat(icl.count()).isEqualTo(3); // gaps 10, 10 and 20 ms pooled
        assertThat(icl.avg()).isCloseTo(40.0 / 3, EXACT);
        assertThat(summary.stats(MetricTag.INPUT_SEQUENCE_LENGTH).orElseThrow().sum()).isEqualTo(200.0);
        assertThat(summary.stats(MetricTag.TIME_TO_SECOND_TOKEN).orElseThrow().count()).isEqualTo(2);
    }

    @Test
    void metricsNoRequestHadAreAbsent() {
        PointSummary summary = PointSummarizer.summarize(point, Slo.NONE);
        assertThat(summary.stats(MetricTag.REASONING_TOKEN_COUNT)).isEmpty();
        assertThat(summary.stats(MetricTag.USAGE_PROMPT_TOKENS)).isEmpty();
        assertThat(summary.aggregate(MetricTag.GOOD_REQUEST_COUNT)).isEmpty();
        assertThat(summary.aggregate(MetricTag.GOODPUT)).isEmpty();
        assertThat(summary.aggregate(MetricTag.USAGE_DISCREPANCY_COUNT)).isEmpty();
        assertThat(summary.aggregate(MetricTag.OSL_MISMATCH_COUNT)).isEmpty();
    }

    @Test
    void goodRequestsMeetEveryLatencySloAndErrorsCountAgainstTheFraction() {
        Slo ttftAtMost15Ms = new Slo(15.0, null, null, null);
        PointSummary summary = PointSummarizer.summarize(point, ttftAtMost15Ms);
        assertThat(summary.aggregate(MetricTag.GOOD_REQUEST_COUNT)).hasValue(1.0);
        assertThat(summary.aggregate(MetricTag.GOODPUT).getAsDouble()).isCloseTo(1 / 0.045, EXACT);
        assertThat(summary.aggregate(MetricTag.GOOD_REQUEST_FRACTION)).hasValue(0.25);

        Slo both = new Slo(20.0, 9.0, null, null); // second passes TTFT (≤ 20) but fails ITL 10 > 9
        assertThat(PointSummarizer.summarize(point, both).aggregate(MetricTag.GOOD_REQUEST_COUNT)).hasValue(1.0);
        Slo latency = new Slo(null, null, 40.0, null); // ≤ is inclusive
        assertThat(PointSummarizer.summarize(point, latency).aggregate(MetricTag.GOOD_REQUEST_COUNT)).hasValue(2.0);
    }

    @Test
    void throughputSloIsALowerBound() {
        // first: ITL 6.67 ms → 150 tokens/s; second: ITL 10 ms → 100 tokens/s
        Slo atLeast120 = new Slo(null, null, null, 120.0);
        Slo atLeast100 = new Slo(null, null, null, 100.0);
        assertThat(PointSummarizer.summarize(point, atLeast120).aggregate(MetricTag.GOOD_REQUEST_COUNT))
                .hasValue(1.0);
        assertThat(PointSummarizer.summarize(point, atLeast100).aggregate(MetricTag.GOOD_REQUEST_COUNT))
                .hasValue(2.0);
    }

    @Test
    void aRequestMissingAnSloMetricIsNotGood() {
        RequestRecord oneToken = Timings.start(0).wallStart(WALL).responses(MS).output(1).build();
        PointSummary summary = PointSummarizer.summarize(List.of(oneToken), new Slo(null, 100.0, null, null));
        assertThat(summary.aggregate(MetricTag.GOOD_REQUEST_COUNT)).hasValue(0.0);
    }

    @Test
    void countsUsageDiscrepanciesAndOslMismatches() {
        RequestRecord agrees = Timings.start(0).wallStart(WALL).responses(MS, 2 * MS).input(100).output(100)
                .requested(100).usage(100, 100, null).build();
        RequestRecord disagrees = Timings.start(0).wallStart(WALL).responses(MS, 3 * MS).input(100).output(80)
                .requested(100).usage(100, 100, null).build();
        PointSummary summary = PointSummarizer.summarize(List.of(agrees, disagrees), Slo.NONE);
        assertThat(summary.aggregate(MetricTag.USAGE_DISCREPANCY_COUNT)).hasValue(1.0);
        assertThat(summary.aggregate(MetricTag.OSL_MISMATCH_COUNT)).hasValue(1.0);
        assertThat(summary.stats(MetricTag.USAGE_COMPLETION_TOKENS_DIFF_PCT).orElseThrow().avg()).isEqualTo(12.5);
        assertThat(summary.stats(MetricTag.OSL_MISMATCH_DIFF_PCT).orElseThrow().min()).isEqualTo(-20.0);
    }

    @Test
    void onlyErrorsGiveCountsButNoRatesOrStats() {
        PointSummary summary = PointSummarizer.summarize(List.of(timeout), new Slo(1.0, null, null, null));
        assertThat(summary.requestCount()).isZero();
        assertThat(summary.errorRequestCount()).isEqualTo(1);
        assertThat(summary.aggregate(MetricTag.GOOD_REQUEST_FRACTION)).hasValue(0.0);
        assertThat(summary.aggregate(MetricTag.BENCHMARK_DURATION)).isEmpty();
        assertThat(summary.aggregate(MetricTag.REQUEST_THROUGHPUT)).isEmpty();
        assertThat(summary.recordMetrics()).isEmpty();
    }

    @Test
    void achievedConcurrencyIsTimeWeightedInFlightCount() {
        // A and B fly 0–10, C 5–20, D 20–30: busy 10 + 10 + 15 + 10 = 45 over a 30 window
        List<RequestRecord> timeline = List.of(flight(0, 10), flight(0, 10), flight(5, 20), flight(20, 30));
        assertThat(AchievedConcurrency.timeWeightedMean(timeline)).hasValue(1.5);
        assertThat(AchievedConcurrency.peak(timeline)).isEqualTo(3);
        assertThat(AchievedConcurrency.timeWeightedMean(List.of())).isEmpty();
        assertThat(PointSummarizer.summarize(point, Slo.NONE).aggregate(MetricTag.ACHIEVED_CONCURRENCY))
                .hasValue((32 + 45 + 2 + 2) / 50.0);
    }

    private static RequestRecord flight(long sentNanos, long endNanos) {
        return Timings.start(sentNanos).end(endNanos).build();
    }
}
