package io.perfsweep.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The gate's error rates measured on seeded log-normal requests ({@link Samples}), 300 requests a point (the job
 * spec's default request count): how often an unchanged candidate is called regressed, and how often a 10 % TTFT
 * rise is found. docs/compare.md has the power at other request counts and spreads ({@link PowerTable}).
 */
class RegressionGateTest {

    private static final int COMPARISONS = 200;
    private static final int REQUESTS = 300;
    private static final GateSettings DEFAULTS = GateSettings.of(5, 0.95);

    @Test
    void identicalDistributionsAreCalledRegressedAtMostFivePercentOfTheTime() {
        SplittableRandom rng = new SplittableRandom(11);
        int regressed = 0;
        int unchanged = 0;
        for (int i = 0; i < COMPARISONS; i++) {
            Comparison comparison = compare(Samples.point(rng, REQUESTS, 1, Samples.TTFT_SIGMA),
                    Samples.point(rng, REQUESTS, 1, Samples.TTFT_SIGMA), new GateSettings(5, 0.95, 2000, i, 30));
            regressed += comparison.verdict() == Verdict.REGRESSED ? 1 : 0;
            unchanged += comparison.points().get(0).metrics().get(3).verdict() == Verdict.UNCHANGED ? 1 : 0;
        }

        // measured: 1 of 200 (each of the 9 intervals at 1 − 0.05/9, so at most 2.5 % expected)
        assertThat(regressed).isLessThanOrEqualTo(COMPARISONS * 5 / 100);
        // ITL p50 (CV 8 %) is told unchanged in most comparisons: measured 200 of 200
        assertThat(unchanged).isGreaterThan(COMPARISONS * 80 / 100);
    }

    @Test
    void aTenPercentRiseOfTtftIsFoundInMoreThanEightyFivePercent() {
        SplittableRandom rng = new SplittableRandom(12);
        int found = 0;
        int othersRegressed = 0;
        for (int i = 0; i < COMPARISONS; i++) {
            Comparison comparison = compare(Samples.point(rng, REQUESTS, 1, Samples.TTFT_SIGMA),
                    Samples.point(rng, REQUESTS, 1.10, Samples.TTFT_SIGMA), new GateSettings(5, 0.95, 2000, i, 30));
            List<String> regressions = comparison.regressions();
            found += comparison.verdict() == Verdict.REGRESSED
                    && regressions.stream().allMatch(r -> r.contains("time_to_first_token")) ? 1 : 0;
            othersRegressed += regressions.stream().anyMatch(r -> !r.contains("time_to_first_token")) ? 1 : 0;
        }

        // measured: 176 of 200 (88 %), none naming another metric
        assertThat(found).isGreaterThanOrEqualTo(COMPARISONS * 85 / 100);
        assertThat(othersRegressed).isLessThanOrEqualTo(COMPARISONS * 5 / 100);
    }

    @Test
    void pointsArePairedByLoadAndTheRestListed() {
        SplittableRandom rng = new SplittableRandom(13);
        var baseline = List.of(labelled("c1", Samples.point(rng, 50, 1, 0.1)),
                labelled("c10", Samples.point(rng, 50, 1, 0.1)));
        var candidate = List.of(labelled("c10", Samples.point(rng, 50, 1, 0.1)),
                labelled("r2.5", Samples.point(rng, 50, 1, 0.1)));

        Comparison comparison = RegressionGate.compare(baseline, candidate, DEFAULTS);

        assertThat(comparison.points()).extracting(PointComparison::point).containsExactly("c10");
        assertThat(comparison.baselineOnly()).containsExactly("c1");
        assertThat(comparison.candidateOnly()).containsExactly("r2.5");
    }

    @Test
    void tooFewRequestsForAPercentileAreInconclusiveWithANote() {
        SplittableRandom rng = new SplittableRandom(14);
        // 100 requests: enough for p50 and p90 (30), not for p99 (300: 3 requests above it)
        Comparison comparison = compare(Samples.point(rng, 100, 1, 0.01), Samples.point(rng, 100, 1, 0.01),
                DEFAULTS);

        MetricComparison ttftP50 = metric(comparison, "time_to_first_token", "p50");
        MetricComparison ttftP99 = metric(comparison, "time_to_first_token", "p99");
        assertThat(ttftP50.verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(ttftP99.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(ttftP99.note()).isEqualTo("too few requests (100 and 100; p99 needs 300 on each side): no interval");
        assertThat(ttftP99.change().hasInterval()).isFalse();
        assertThat(comparison.intervals()).isEqualTo(6);
        // the p99s cannot be estimated, the other statistics were: they decide
        assertThat(comparison.points().get(0).verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(comparison.verdict()).isEqualTo(Verdict.UNCHANGED);
    }

    @Test
    void aPercentileJudgedOverTrialsNeedsEnoughRequestsInEachTrial() {
        SplittableRandom rng = new SplittableRandom(15);
        // 5 trials of 60 requests a side: 300 pooled, but a trial's p99 of 60 requests is its largest value or two
        PointSamples base = Samples.point(rng, 300, 1, 0.01);
        PointSamples cand = Samples.point(rng, 300, 1, 0.01);
        Map<String, double[]> trials = Map.of("time_to_first_token.p50", new double[] { 20, 20.1, 19.9, 20, 20 },
                "time_to_first_token.p99", new double[] { 30, 45, 29, 60, 31 },
                "time_to_first_token.count", new double[] { 60, 60, 60, 60, 60 });

        Comparison comparison = compare(withTrials(base, trials), withTrials(cand, trials), DEFAULTS);

        MetricComparison p50 = metric(comparison, "time_to_first_token", "p50");
        MetricComparison p99 = metric(comparison, "time_to_first_token", "p99");
        assertThat(p50.verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(p50.note()).contains("spread between trials (5 and 5)");
        assertThat(p99.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(p99.note())
                .isEqualTo("too few requests per trial (fewest 60 and 60; each trial's p99 needs 300): change of the"
                        + " pooled requests, no interval");
        assertThat(p99.change().hasInterval()).isFalse();
        // comparison.json shows the pooled change but no interval for it
        assertThat(p99.toJson().get("changePct")).isNotNull();
        assertThat(p99.toJson()).containsEntry("ciLowPct", null).containsEntry("ciHighPct", null);
        assertThat(comparison.verdict()).isEqualTo(Verdict.UNCHANGED);
    }

    @Test
    void throughputsAreJudgedOverTrialsAndWithOneTrialNeverRegress() {
        SplittableRandom rng = new SplittableRandom(15);
        PointSamples base = Samples.point(rng, 300, 1, 0.01);
        PointSamples cand = Samples.point(rng, 300, 1, 0.01);
        var trials = Map.of("output_token_throughput", new double[] { 1000, 1010, 990 }, "goodput",
                new double[] { 5, 5.01, 4.99 });
        var fewer = Map.of("output_token_throughput", new double[] { 800, 810, 790 }, "goodput",
                new double[] { 5, 5.01, 4.99 });
        Comparison threeTrials = RegressionGate.compare(List.of(withTrials(base, trials)),
                List.of(withTrials(cand, fewer)), DEFAULTS);
        Comparison oneTrial = RegressionGate.compare(List.of(withTrials(base, Map.of("output_token_throughput",
                new double[] { 1000 }))), List.of(withTrials(cand,
                        Map.of("output_token_throughput",
                                new double[] { 800 }))),
                DEFAULTS);

        MetricComparison throughput = metric(threeTrials, "output_token_throughput", "avg");
        assertThat(throughput.verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(throughput.change().changePct()).isCloseTo(-20, within(1e-9));
        assertThat(metric(threeTrials, "goodput", "avg").verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(threeTrials.intervals()).isEqualTo(11);

        MetricComparison single = metric(oneTrial, "output_token_throughput", "avg");
        assertThat(single.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(single.change().hasInterval()).isFalse();
        assertThat(single.note()).contains("one trial");
        assertThat(oneTrial.points().get(0).metrics()).extracting(MetricComparison::metric)
                .doesNotContain("goodput");
        assertThat(oneTrial.intervals()).isEqualTo(9);
    }

    @Test
    void theSameInputsAndSeedGiveTheSameComparison() {
        PointSamples base = Samples.point(new SplittableRandom(16), 300, 1, 0.3);
        PointSamples cand = Samples.point(new SplittableRandom(17), 300, 1.05, 0.3);

        assertThat(compare(base, cand, DEFAULTS).toJson()).isEqualTo(compare(base, cand, DEFAULTS).toJson());
    }

    private static Comparison compare(PointSamples baseline, PointSamples candidate, GateSettings settings) {
        return RegressionGate.compare(List.of(baseline), List.of(candidate), settings);
    }

    private static PointSamples labelled(String label, PointSamples p) {
        return new PointSamples(label, p.requests(), p.trials(), p.summary());
    }

    private static PointSamples withTrials(PointSamples p, Map<String, double[]> trials) {
        return new PointSamples(p.label(), p.requests(), trials, p.summary());
    }

    private static MetricComparison metric(Comparison comparison, String tag, String stat) {
        return comparison.points().get(0).metrics().stream()
                .filter(m -> m.metric().equals(tag) && m.stat().equals(stat)).findFirst().orElseThrow();
    }
}
