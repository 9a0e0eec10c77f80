package io.perfsweep.load;

import java.util.ArrayList;
import java.util.OptionalDouble;

import io.perfsweep.metrics.MetricStats;
import io.perfsweep.metrics.MetricTag;
import io.perfsweep.metrics.PointSummary;

/**
 * How the points of an SLO search are made: the {@link SloSearch} settings, and the point of each load it asks for
 * (a closed-loop {@code c<N>} or an open-loop {@code r<rate>} point, with the same request counts a sweep's point of
 * that load has). The probes run one after another as the points of a growing plan ({@link #planWith}), so each is
 * measured, stored and announced exactly as a sweep point.
 *
 * @param settings bounds, target fraction, precision and probe count
 * @param overRate whether the loads are request rates (open loop) rather than concurrencies
 * @param requestCount measured requests per probe; null means {@code max(3·⌈load⌉, 100)}
 * @param warmupRequestCount requests per probe sent first and kept out of the results
 * @param arrival how a rate probe spaces its requests
 * @param seed seed of a rate probe's Poisson arrivals
 */
public record SearchPlan(SloSearch.Settings settings, boolean overRate, Integer requestCount, int warmupRequestCount,
        ArrivalSchedule.Arrival arrival, long seed) {

    /** The fewest measured requests of a probe by default: a fraction of 0.99 needs about 100 to be told apart. */
    public static final int MIN_DEFAULT_REQUEST_COUNT = 100;

    /** A new search with these settings. */
    public SloSearch start() {
        return new SloSearch(settings);
    }

    /** The point that probes {@code load}. */
    public LoadPoint point(double load) {
        int count = requestCount != null ? requestCount
                : (int) Math.max(3 * (long) Math.ceil(load), MIN_DEFAULT_REQUEST_COUNT);
        return overRate ? LoadPoint.rate(load, count, warmupRequestCount, arrival, null, seed)
                : new LoadPoint((int) load, count, warmupRequestCount);
    }

    /** Runs one probe: the last point of {@code plan} (the probes so far, then it), at {@code index}. */
    public interface ProbeRunner {
        /** Measures (or reads back, when already stored) point {@code index} of {@code plan}; its summary. */
        PointSummary run(SweepPlan plan, int index);
    }

    /**
     * Runs the search to its end: each probe the search asks for becomes the next point of a plan that grows by one
     * point a probe, so probe {@code i} is point {@code i} (its seed, its label, its stored index) as in a sweep.
     */
    public SearchOutcome run(ProbeRunner runner) {
        SloSearch search = start();
        var points = new ArrayList<LoadPoint>();
        for (OptionalDouble next = search.next(); next.isPresent(); next = search.next()) {
            LoadPoint point = point(next.getAsDouble());
            points.add(point);
            PointSummary summary = runner.run(new SweepPlan(points), points.size() - 1);
            search.record(probe(point, summary));
        }
        return new SearchOutcome(this, search.result(), points.stream().map(LoadPoint::label).toList());
    }

    /** What the search reads of a probe's summary (the mean over its trials when it ran several). */
    public static SloSearch.Probe probe(LoadPoint point, PointSummary summary) {
        double load = point.isOpenLoop() ? point.openLoop().ratePerSecond() : point.concurrency();
        double good = summary.aggregate(MetricTag.GOOD_REQUEST_FRACTION).orElse(0);
        double throughput = summary.aggregate(MetricTag.OUTPUT_TOKEN_THROUGHPUT).orElse(0);
        double latency = summary.stats(MetricTag.REQUEST_LATENCY).map(MetricStats::avg).orElse(Double.NaN);
        return new SloSearch.Probe(load, good, throughput, latency);
    }
}
