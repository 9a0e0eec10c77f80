package io.perfsweep.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.perfsweep.metrics.MetricStats;

/**
 * Drift between runs: each run of a server sits at its own level (a warmer cache, another moment on a shared machine),
 * here every latency of a run scaled by {@code exp(0.04·Z)}, about ±4 % from run to run, on top of the spread between
 * requests. A bootstrap of one run's requests cannot see that drift and calls an unchanged server regressed; with
 * trials the gate takes each trial's percentile as one sample, so the drift widens the interval instead.
 */
class TrialDriftTest {

    private static final int COMPARISONS = 100;
    private static final int REQUESTS = 300;
    private static final double DRIFT_SIGMA = 0.04;
    private static final double TTFT_SIGMA = 0.10;
    private static final int TRIALS = 5;

    @Test
    void oneRunASideCallsDriftRegressedWhileTrialsDoNot() {
        SplittableRandom rng = new SplittableRandom(21);
        int regressedOneRun = 0;
        int regressedTrials = 0;
        for (int i = 0; i < COMPARISONS; i++) {
            GateSettings settings = new GateSettings(5, 0.95, 2000, i, 30);
            regressedOneRun += RegressionGate.compare(List.of(run(rng, 1, 1.0)), List.of(run(rng, 1, 1.0)), settings)
                    .verdict() == Verdict.REGRESSED ? 1 : 0;
            regressedTrials += RegressionGate.compare(List.of(run(rng, TRIALS, 1.0)), List.of(run(rng, TRIALS, 1.0)),
                    settings).verdict() == Verdict.REGRESSED ? 1 : 0;
        }

        // measured: 30 of 100 with one run a side; 0 of 100 with 5 trials a side
        assertThat(regressedOneRun).isGreaterThanOrEqualTo(COMPARISONS * 15 / 100);
        assertThat(regressedTrials).isLessThanOrEqualTo(COMPARISONS * 5 / 100);
    }

    @Test
    void trialsStillFindARealTwentyPercentRiseOfTtft() {
        SplittableRandom rng = new SplittableRandom(22);
        int found = 0;
        for (int i = 0; i < COMPARISONS; i++) {
            Comparison comparison = RegressionGate.compare(List.of(run(rng, TRIALS, 1.0)),
                    List.of(run(rng, TRIALS, 1.2)), new GateSettings(5, 0.95, 2000, i, 30));
            found += comparison.verdict() == Verdict.REGRESSED
                    && comparison.regressions().stream().allMatch(r -> r.contains("time_to_first_token")) ? 1 : 0;
        }

        // measured: 99 of 100
        assertThat(found).isGreaterThanOrEqualTo(COMPARISONS * 85 / 100);
    }

    @Test
    void aTrialIntervalIsNotedAndCountsTrials() {
        SplittableRandom rng = new SplittableRandom(23);
        Comparison comparison = RegressionGate.compare(List.of(run(rng, 3, 1.0)), List.of(run(rng, 4, 1.0)),
                GateSettings.of(5, 0.95));

        MetricComparison ttftP99 = comparison.points().get(0).metrics().get(2);
        assertThat(ttftP99.stat()).isEqualTo("p99");
        assertThat(ttftP99.baselineCount()).isEqualTo(3);
        assertThat(ttftP99.candidateCount()).isEqualTo(4);
        assertThat(ttftP99.change().hasInterval()).isTrue();
        assertThat(ttftP99.note()).contains("spread between trials (3 and 4)");
        assertThat(comparison.intervals()).isEqualTo(9);
    }

    /**
     * A point of {@code trials} runs of {@link #REQUESTS} requests, each run's latencies scaled by its own drift and
     * TTFT by {@code ttftScale}: the pooled requests, and each trial's percentiles as its export would hold them.
     */
    private static PointSamples run(SplittableRandom rng, int trials, double ttftScale) {
        Map<String, double[]> pooled = new HashMap<>();
        Map<String, double[]> perTrial = new HashMap<>();
        for (int t = 0; t < trials; t++) {
            double drift = Math.exp(DRIFT_SIGMA * rng.nextGaussian());
            Map<String, double[]> requests = Map.of(
                    "time_to_first_token", Samples.logNormal(rng, REQUESTS, 100, TTFT_SIGMA, ttftScale * drift),
                    "inter_token_latency", Samples.logNormal(rng, REQUESTS, 10, Samples.ITL_SIGMA, drift),
                    "request_latency", Samples.logNormal(rng, REQUESTS, 2600, Samples.LATENCY_SIGMA, drift));
            for (var entry : requests.entrySet()) {
                pooled.merge(entry.getKey(), entry.getValue(), TrialDriftTest::concat);
                MetricStats stats = MetricStats.of(entry.getValue()).orElseThrow();
                if (trials > 1) {
                    perTrial.merge(PointSamples.key(entry.getKey(), "p50"), new double[] { stats.p50() },
                            TrialDriftTest::concat);
                    perTrial.merge(PointSamples.key(entry.getKey(), "p90"), new double[] { stats.p90() },
                            TrialDriftTest::concat);
                    perTrial.merge(PointSamples.key(entry.getKey(), "p99"), new double[] { stats.p99() },
                            TrialDriftTest::concat);
                }
            }
        }
        return new PointSamples("c10", pooled, perTrial, Map.of());
    }

    private static double[] concat(double[] a, double[] b) {
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
