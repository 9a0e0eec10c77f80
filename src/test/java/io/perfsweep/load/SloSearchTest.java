package io.perfsweep.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoubleFunction;

import org.junit.jupiter.api.Test;

/** The probe sequence of the SLO search, driven by made-up servers whose answer is known. */
class SloSearchTest {

    /** Runs the search against {@code server}; returns the loads probed, in order, and the result. */
    private static SloSearch.Result search(SloSearch.Settings settings, DoubleFunction<SloSearch.Probe> server,
            List<Double> probed) {
        var search = new SloSearch(settings);
        for (OptionalDouble next = search.next(); next.isPresent(); next = search.next()) {
            probed.add(next.getAsDouble());
            search.record(server.apply(next.getAsDouble()));
        }
        return search.result();
    }

    /** A server that meets the SLO up to {@code limit} and scales throughput linearly up to {@code knee}. */
    private static DoubleFunction<SloSearch.Probe> server(double limit, double knee) {
        return load -> new SloSearch.Probe(load, load <= limit ? 1.0 : 0.5, 100 * Math.min(load, knee),
                load <= knee ? 50 : 50 * load / knee);
    }

    private static SloSearch.Settings concurrency(int min, int max) {
        return new SloSearch.Settings(min, max, true, 0.99, 0.05, 20);
    }

    @Test
    void bracketsByDoublingThenBisectsToTheHighestPassingConcurrency() {
        var probed = new ArrayList<Double>();

        SloSearch.Result result = search(concurrency(1, 256), server(37, 1000), probed);

        assertThat(probed).containsExactly(1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 48.0, 40.0, 36.0, 38.0, 37.0);
        assertThat(result.maxPassing()).isEqualTo(37.0);
        assertThat(result.minFailing()).isEqualTo(38.0);
        assertThat(result.stop()).isEqualTo(SloSearch.Stop.CONVERGED);
        assertThat(result.knee()).isNull();
        assertThat(result.probes()).hasSize(probed.size());
    }

    @Test
    void stopsBisectingOnceWithinThePrecision() {
        var probed = new ArrayList<Double>();

        SloSearch.Result result = search(new SloSearch.Settings(1, 1000, true, 0.99, 0.05, 20), server(700, 10_000),
                probed);

        // 512 passes, 1000 fails; 756 fails, 634 passes, 695 passes, 725 fails: (725 - 695) / 725 < 0.05
        assertThat(probed).endsWith(512.0, 1000.0, 756.0, 634.0, 695.0, 725.0);
        assertThat(result.maxPassing()).isEqualTo(695.0);
        assertThat(result.minFailing()).isEqualTo(725.0);
        assertThat(result.stop()).isEqualTo(SloSearch.Stop.CONVERGED);
    }

    @Test
    void theUpperBoundPassingEndsTheSearchAtIt() {
        var probed = new ArrayList<Double>();

        SloSearch.Result result = search(concurrency(2, 20), server(1000, 1000), probed);

        assertThat(probed).containsExactly(2.0, 4.0, 8.0, 16.0, 20.0);
        assertThat(result.maxPassing()).isEqualTo(20.0);
        assertThat(result.minFailing()).isNull();
        assertThat(result.stop()).isEqualTo(SloSearch.Stop.MAX_PASSES);
    }

    @Test
    void theLowerBoundFailingEndsTheSearchWithoutALimit() {
        var probed = new ArrayList<Double>();

        SloSearch.Result result = search(concurrency(4, 64), server(2, 1000), probed);

        assertThat(probed).containsExactly(4.0);
        assertThat(result.maxPassing()).isNull();
        assertThat(result.minFailing()).isEqualTo(4.0);
        assertThat(result.stop()).isEqualTo(SloSearch.Stop.MIN_FAILS);
    }

    @Test
    void stopsEarlyWhenThroughputNoLongerRisesWhileLatencyDoes() {
        var probed = new ArrayList<Double>();

        // throughput flat from 8 on, latency growing with load: every probe would still pass up to 100
        SloSearch.Result result = search(concurrency(1, 256), server(100, 8), probed);

        assertThat(probed).containsExactly(1.0, 2.0, 4.0, 8.0, 16.0);
        assertThat(result.stop()).isEqualTo(SloSearch.Stop.SATURATED);
        assertThat(result.maxPassing()).isEqualTo(16.0);
        assertThat(result.knee()).isEqualTo(8.0);
    }

    @Test
    void theKneeIsReportedFromTheBisectionProbesToo() {
        var probed = new ArrayList<Double>();

        // the SLO breaks at 9; throughput stops rising at 6, which the doubling jumps over (4 → 8 still gains 50 %)
        SloSearch.Result result = search(concurrency(1, 64), server(8, 6), probed);

        assertThat(probed).containsExactly(1.0, 2.0, 4.0, 8.0, 16.0, 12.0, 10.0, 9.0);
        assertThat(result.maxPassing()).isEqualTo(8.0);
        assertThat(result.knee()).as("8 → 9, a bisection probe, is the first step that buys no throughput")
                .isEqualTo(8.0);
    }

    @Test
    void requestRatesAreBisectedWithoutRounding() {
        var probed = new ArrayList<Double>();

        SloSearch.Result result = search(new SloSearch.Settings(0.5, 100, false, 0.95, 0.05, 20), server(3, 1000),
                probed);

        assertThat(probed).startsWith(0.5, 1.0, 2.0, 4.0, 3.0);
        assertThat(result.maxPassing()).isEqualTo(3.0);
        assertThat(result.minFailing()).isLessThanOrEqualTo(3.0 / 0.95);
        assertThat(result.stop()).isEqualTo(SloSearch.Stop.CONVERGED);
    }

    @Test
    void theProbeLimitEndsALongSearch() {
        var probed = new ArrayList<Double>();

        SloSearch.Result result = search(new SloSearch.Settings(1, 1000, true, 0.99, 0.05, 5), server(700, 10_000),
                probed);

        assertThat(probed).containsExactly(1.0, 2.0, 4.0, 8.0, 16.0);
        assertThat(result.stop()).isEqualTo(SloSearch.Stop.PROBE_LIMIT);
        assertThat(result.maxPassing()).isEqualTo(16.0);
    }

    @Test
    void aFractionExactlyAtTheTargetPassesAndErrorsCountAgainstIt() {
        var search = new SloSearch(concurrency(1, 1));
        search.record(new SloSearch.Probe(1, 0.99, 10, 5));
        assertThat(search.result().maxPassing()).isEqualTo(1.0);

        var failing = new SloSearch(concurrency(1, 1));
        failing.record(new SloSearch.Probe(1, 0.9899, 10, 5));
        assertThat(failing.result().maxPassing()).isNull();
        assertThat(failing.next()).isEmpty();
        assertThatThrownBy(() -> failing.record(new SloSearch.Probe(2, 1, 10, 5)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("min_fails");
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new SloSearch.Settings(0, 10, true, 0.99, 0.05, 5))
                .hasMessageContaining("0 < min <= max");
        assertThatThrownBy(() -> new SloSearch.Settings(1, 10, true, 1.5, 0.05, 5))
                .hasMessageContaining("targetFraction");
    }
}
