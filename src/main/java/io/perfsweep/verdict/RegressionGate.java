package io.perfsweep.verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Judges a candidate run against a baseline run: pairs their points by load label and, per point and
 * {@link GatedMetric}, computes the relative change with a confidence interval and its {@link Verdict}.
 * <ul>
 * <li>A latency percentile comes from the per-request values by {@link PercentileBootstrap} when each side has
 * enough requests ({@link GateSettings#requestsNeeded}); with fewer it is inconclusive, its change shown without an
 * interval.</li>
 * <li>When each side ran two trials or more, a latency percentile comes instead from its per-trial values by
 * {@link TrialInterval}: the spread between trials holds the drift between runs (a warmer cache, another moment on a
 * shared machine) that a bootstrap of one run's requests cannot see, so drift reads as noise, not as a change.</li>
 * <li>A throughput comes from its per-trial values by {@link TrialInterval} when each side ran two trials or more;
 * with one trial its change has no interval, so it can be unchanged or inconclusive but never regressed.</li>
 * <li>A point without per-request records is judged on its summary values, without intervals.</li>
 * </ul>
 * The intervals hold simultaneously: with m intervals in the comparison, each is computed at
 * {@code 1 − (1 − confidence) / m} (Bonferroni), so an unchanged candidate is called regressed anywhere with a
 * probability of at most {@code (1 − confidence) / 2}.
 */
public final class RegressionGate {

    /** Resamples each bound of a bootstrap interval lies from the end of the resampled changes, at least. */
    static final int RESAMPLES_BEYOND_BOUND = 25;

    private RegressionGate() {
    }

    /** Compares every point the two runs share. */
    public static Comparison compare(List<PointSamples> baseline, List<PointSamples> candidate,
            GateSettings settings) {
        Map<String, PointSamples> candidates = candidate.stream()
                .collect(Collectors.toMap(PointSamples::label, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        List<PointSamples[]> pairs = new ArrayList<>();
        List<String> baselineOnly = new ArrayList<>();
        for (PointSamples b : baseline) {
            PointSamples c = candidates.get(b.label());
            if (c == null) {
                baselineOnly.add(b.label());
            } else {
                pairs.add(new PointSamples[] { b, c });
            }
        }
        List<String> baselineLabels = baseline.stream().map(PointSamples::label).toList();
        List<String> candidateOnly = candidates.keySet().stream().filter(l -> !baselineLabels.contains(l)).toList();

        int intervals = 0;
        for (PointSamples[] pair : pairs) {
            for (GatedMetric metric : GatedMetric.ALL) {
                if (plan(metric, pair[0], pair[1], settings).interval()) {
                    intervals++;
                }
            }
        }
        double intervalConfidence = intervals == 0 ? settings.confidence()
                : 1 - (1 - settings.confidence()) / intervals;
        double tail = (1 - intervalConfidence) / 2;
        int resamples = (int) Math.max(settings.resamples(), Math.ceil(RESAMPLES_BEYOND_BOUND / tail - 1e-6));

        List<PointComparison> points = new ArrayList<>();
        for (PointSamples[] pair : pairs) {
            List<MetricComparison> metrics = new ArrayList<>();
            for (int index = 0; index < GatedMetric.ALL.size(); index++) {
                GatedMetric metric = GatedMetric.ALL.get(index);
                Plan plan = plan(metric, pair[0], pair[1], settings);
                if (plan != Plan.ABSENT) {
                    // one stream per point and statistic: the same inputs draw the same resamples in any order
                    RandomGenerator rng = new SplittableRandom(
                            settings.seed() ^ pair[0].label().hashCode() * 0x9E3779B97F4A7C15L ^ (long) index << 48);
                    metrics.add(judge(metric, plan, pair[0], pair[1], settings, intervalConfidence, resamples, rng));
                }
            }
            points.add(new PointComparison(pair[0].label(), metrics));
        }
        return new Comparison(settings, intervalConfidence, intervals, resamples, points, baselineOnly,
                candidateOnly);
    }

    /** How a statistic of a pair of points can be judged. */
    enum Plan {
        /** With a confidence interval: enough requests, or two trials or more on each side. */
        INTERVAL,
        /** A latency percentile with an interval over its per-trial values: two trials or more on each side. */
        TRIAL_INTERVAL,
        /** Too few requests on a side for this percentile. */
        TOO_FEW,
        /** Enough requests pooled, but a trial on a side has too few for this percentile, which is judged per trial. */
        TOO_FEW_PER_TRIAL,
        /** From point values without an interval: one trial, or no per-request records. */
        POINT_VALUE,
        /** Not measured on a side (goodput without SLOs, ITL of one-token answers): left out. */
        ABSENT;

        boolean interval() {
            return this == INTERVAL || this == TRIAL_INTERVAL;
        }
    }

    static Plan plan(GatedMetric metric, PointSamples baseline, PointSamples candidate, GateSettings settings) {
        if (metric.perRequest()) {
            double[] b = baseline.requests().get(metric.tag());
            double[] c = candidate.requests().get(metric.tag());
            int needed = settings.requestsNeeded(metric.percent());
            if (b != null && c != null && (b.length < needed || c.length < needed)) {
                return Plan.TOO_FEW;
            }
            double[] bTrials = baseline.trials().get(PointSamples.key(metric.tag(), metric.stat()));
            double[] cTrials = candidate.trials().get(PointSamples.key(metric.tag(), metric.stat()));
            if (bTrials != null && cTrials != null && bTrials.length >= 2 && cTrials.length >= 2) {
                // each trial's percentile is one sample: a trial too small to estimate it gives noise, not a value
                boolean tooFew = baseline.fewestPerTrial(metric.tag()) < needed
                        || candidate.fewestPerTrial(metric.tag()) < needed;
                return tooFew && b != null && c != null ? Plan.TOO_FEW_PER_TRIAL : Plan.TRIAL_INTERVAL;
            }
            if (b != null && c != null) {
                return Plan.INTERVAL;
            }
        } else {
            double[] b = baseline.trials().get(metric.tag());
            double[] c = candidate.trials().get(metric.tag());
            if (b != null && c != null && b.length > 0 && c.length > 0) {
                return b.length >= 2 && c.length >= 2 ? Plan.INTERVAL : Plan.POINT_VALUE;
            }
        }
        String key = PointSamples.key(metric.tag(), metric.stat());
        return baseline.summary().containsKey(key) && candidate.summary().containsKey(key) ? Plan.POINT_VALUE
                : Plan.ABSENT;
    }

    private static MetricComparison judge(GatedMetric metric, Plan plan, PointSamples baseline,
            PointSamples candidate, GateSettings settings, double intervalConfidence, int resamples,
            RandomGenerator rng) {
        String tag = metric.tag();
        double threshold = settings.thresholdPct();
        if (plan == Plan.TRIAL_INTERVAL) {
            double[] b = baseline.trials().get(PointSamples.key(tag, metric.stat()));
            double[] c = candidate.trials().get(PointSamples.key(tag, metric.stat()));
            Change change = TrialInterval.change(b, c, intervalConfidence);
            return new MetricComparison(tag, metric.stat(), TrialInterval.mean(b), TrialInterval.mean(c), change,
                    change.verdict(metric.direction(), threshold), b.length, c.length,
                    change.hasInterval() ? "mean of the trials' " + metric.stat() + ", interval from the spread"
                            + " between trials (" + b.length + " and " + c.length + ")"
                            : "baseline value not above 0");
        }
        if (metric.perRequest() && plan != Plan.POINT_VALUE) {
            double[] b = baseline.requests().get(tag);
            double[] c = candidate.requests().get(tag);
            double bValue = b.length == 0 ? Double.NaN : PercentileBootstrap.percentile(b, metric.percent());
            double cValue = c.length == 0 ? Double.NaN : PercentileBootstrap.percentile(c, metric.percent());
            if (plan == Plan.TOO_FEW || plan == Plan.TOO_FEW_PER_TRIAL) {
                // the change of the pooled requests is shown, an interval is not: one built on too few requests
                // (or on trials' percentiles of too few) would claim a precision the data do not have
                String note = plan == Plan.TOO_FEW
                        ? "too few requests (" + b.length + " and " + c.length + "; " + metric.stat() + " needs "
                                + settings.requestsNeeded(metric.percent()) + " on each side): no interval"
                        : "too few requests per trial (fewest " + baseline.fewestPerTrial(tag) + " and "
                                + candidate.fewestPerTrial(tag) + "; each trial's " + metric.stat() + " needs "
                                + settings.requestsNeeded(metric.percent()) + "): change of the pooled requests,"
                                + " no interval";
                return new MetricComparison(tag, metric.stat(), bValue, cValue,
                        Change.withoutInterval(relative(bValue, cValue)), Verdict.INCONCLUSIVE, b.length, c.length,
                        note);
            }
            Change change = PercentileBootstrap.change(b, c, metric.percent(), intervalConfidence, resamples, rng);
            return new MetricComparison(tag, metric.stat(), bValue, cValue, change,
                    change.verdict(metric.direction(), threshold), b.length, c.length,
                    change.hasInterval() ? null : "baseline value not above 0");
        }
        if (!metric.perRequest() && plan == Plan.INTERVAL) {
            double[] b = baseline.trials().get(tag);
            double[] c = candidate.trials().get(tag);
            Change change = TrialInterval.change(b, c, intervalConfidence);
            return new MetricComparison(tag, metric.stat(), TrialInterval.mean(b), TrialInterval.mean(c), change,
                    change.verdict(metric.direction(), threshold), b.length, c.length,
                    change.hasInterval() ? null : "baseline value not above 0");
        }
        return pointValue(metric, baseline, candidate, threshold);
    }

    /** A statistic judged on point values alone: unchanged within ± the threshold, else inconclusive. */
    private static MetricComparison pointValue(GatedMetric metric, PointSamples baseline, PointSamples candidate,
            double threshold) {
        String key = PointSamples.key(metric.tag(), metric.stat());
        double[] bTrials = baseline.trials().get(metric.tag());
        double[] cTrials = candidate.trials().get(metric.tag());
        boolean trials = !metric.perRequest() && bTrials != null && cTrials != null;
        double b = trials ? TrialInterval.mean(bTrials) : baseline.summary().get(key);
        double c = trials ? TrialInterval.mean(cTrials) : candidate.summary().get(key);
        Change change = Change.withoutInterval(relative(b, c));
        String note = trials
                ? "one trial on a side: no interval (2 trials or more a side give one); unchanged within the threshold, "
                        + "else inconclusive"
                : "no per-request records: summary values, no interval";
        return new MetricComparison(metric.tag(), metric.stat(), b, c, change,
                change.verdict(metric.direction(), threshold), trials ? bTrials.length : 0,
                trials ? cTrials.length : 0, note);
    }

    private static double relative(double baseline, double candidate) {
        return baseline > 0 ? (candidate / baseline - 1) * 100 : Double.NaN;
    }
}
