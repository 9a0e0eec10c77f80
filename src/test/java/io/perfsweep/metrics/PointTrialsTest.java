package io.perfsweep.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/** AIPerf's multi-run confidence statistics (server-side.md §4.1) and the point a trial set stands for. */
class PointTrialsTest {

    @Test
    void theStatisticsAreAiperfsOverRunLevelValues() {
        TrialConfidence c = TrialConfidence.of(new double[] { 10, 12, 11, 13, 9 }, 0.95);

        assertThat(c.n()).isEqualTo(5);
        assertThat(c.mean()).isCloseTo(11, within(1e-12));
        // sample standard deviation: √(10 / 4)
        assertThat(c.std()).isCloseTo(Math.sqrt(2.5), within(1e-12));
        assertThat(c.se()).isCloseTo(Math.sqrt(2.5) / Math.sqrt(5), within(1e-12));
        assertThat(c.cv()).isCloseTo(Math.sqrt(2.5) / 11, within(1e-12));
        assertThat(c.min()).isEqualTo(9);
        assertThat(c.max()).isEqualTo(13);
        // the t values AIPerf's documentation gives: n = 5 → 2.776 at 95 %
        assertThat(c.tCritical()).isCloseTo(2.776, within(5e-4));
        assertThat(c.ciLow()).isCloseTo(11 - c.tCritical() * c.se(), within(1e-12));
        assertThat(c.ciHigh()).isCloseTo(11 + c.tCritical() * c.se(), within(1e-12));
        assertThat(c.cvBand()).isEqualTo("fair");
    }

    @Test
    void tCriticalMatchesTheDocumentedValues() {
        double[] ten = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
        double[] five = { 1, 2, 3, 4, 5 };

        assertThat(TrialConfidence.of(ten, 0.95).tCritical()).isCloseTo(2.262, within(5e-4));
        assertThat(TrialConfidence.of(five, 0.99).tCritical()).isCloseTo(4.604, within(5e-4));
    }

    @Test
    void oneValueHasNoIntervalAndABadLevelIsRefused() {
        TrialConfidence one = TrialConfidence.of(new double[] { 7 }, 0.95);

        assertThat(one.std()).isZero();
        assertThat(one.ciLow()).isEqualTo(7);
        assertThat(one.ciHigh()).isEqualTo(7);
        assertThat(one.tCritical()).isNaN();
        assertThatThrownBy(() -> TrialConfidence.of(new double[0], 0.95)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrialConfidence.of(new double[] { 1, 2 }, 95))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAggregateKeysEachStatisticAsAiperfDoes() {
        PointTrials trials = new PointTrials(List.of(summary(20, 100, 0), summary(22, 110, 1), summary(24, 120, 0)));

        Map<String, PointTrials.Aggregated> aggregate = trials.aggregate(0.95);

        assertThat(aggregate).containsKeys("time_to_first_token_avg", "time_to_first_token_p99",
                "time_to_first_token_std", "output_token_throughput_avg", "request_count_avg");
        assertThat(aggregate.get("time_to_first_token_p50").confidence().mean()).isCloseTo(22, within(1e-12));
        assertThat(aggregate.get("time_to_first_token_p50").confidence().std()).isCloseTo(2, within(1e-12));
        assertThat(aggregate.get("output_token_throughput_avg").confidence().mean()).isCloseTo(110, within(1e-12));
        assertThat(aggregate.get("output_token_throughput_avg").tag().unit().symbol()).isEqualTo("tokens/sec");
        // t with 2 degrees of freedom at 95 %
        assertThat(aggregate.get("output_token_throughput_avg").confidence().tCritical()).isCloseTo(4.303,
                within(5e-4));
    }

    @Test
    void thePointStandsForTheMeansOfItsTrialsAndEveryTrialsFailures() {
        PointSummary mean = new PointTrials(List.of(summary(20, 100, 0), summary(22, 110, 1), summary(24, 120, 2)))
                .mean();

        assertThat(mean.stats(MetricTag.TIME_TO_FIRST_TOKEN).orElseThrow().p99()).isCloseTo(22, within(1e-12));
        assertThat(mean.aggregate(MetricTag.OUTPUT_TOKEN_THROUGHPUT).getAsDouble()).isCloseTo(110, within(1e-12));
        assertThat(mean.errorCountsByType()).containsExactly(Map.entry("TIMEOUT", 3L));
        assertThat(mean.minRequestTimestampEpochNanos()).hasValue(1000);
        assertThat(mean.maxResponseTimestampEpochNanos()).hasValue(4000);
        PointSummary only = summary(20, 100, 0);
        assertThat(new PointTrials(List.of(only)).mean()).isSameAs(only);
    }

    /** A trial whose TTFT statistics all equal {@code ttft} ms, with a throughput and {@code errors} timeouts. */
    private static PointSummary summary(double ttft, double throughput, long errors) {
        MetricStats stats = new MetricStats(10, ttft * 10, ttft, ttft, ttft, ttft, ttft, ttft, ttft, ttft, ttft, ttft,
                ttft, ttft, 0);
        List<ErrorCount> errorSummary = errors == 0 ? List.of()
                : List.of(new ErrorCount(new RequestError(0, "TIMEOUT", "timed out"), errors));
        long offset = (long) (ttft - 18) * 500;
        return new PointSummary(Map.of(MetricTag.TIME_TO_FIRST_TOKEN, stats),
                Map.of(MetricTag.OUTPUT_TOKEN_THROUGHPUT, throughput, MetricTag.REQUEST_COUNT, 10.0), errorSummary,
                OptionalLong.of(offset), OptionalLong.of(offset + 1000));
    }
}
