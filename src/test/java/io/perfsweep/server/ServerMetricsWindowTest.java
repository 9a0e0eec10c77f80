package io.perfsweep.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ServerMetricsWindowTest {

    static final String URL = "http://gpu-a:8000/metrics";
    static final long S = 1_000_000_000L;
    static final Instant EPOCH = Instant.ofEpochSecond(1_700_000_000L);

    static Scrape scrape(String url, double seconds, long latencyNanos, String text) {
        long nanos = Math.round(seconds * S);
        return Scrape.parse(url, nanos, EPOCH.plusNanos(nanos), latencyNanos, null, text);
    }

    static Scrape scrape(double seconds, String text) {
        return scrape(URL, seconds, 1_000_000, text);
    }

    private static SeriesSummary only(ServerMetricsWindow window, String metric) {
        assertThat(window.metrics()).containsKey(metric);
        assertThat(window.metrics().get(metric).series()).hasSize(1);
        return window.metrics().get(metric).series().get(0);
    }

    @Test
    void gaugeStatsCoverTheWindowOnly() {
        List<Scrape> scrapes = List.of(scrape(0, "g 100\n"), scrape(10, "g 1\n"), scrape(20, "g 2\n"),
                scrape(30, "g 3\n"), scrape(40, "g 4\n"), scrape(50, "g -100\n"));
        GaugeStats stats = (GaugeStats) only(ServerMetricsWindow.of(scrapes, 10 * S, 40 * S), "g").stats();

        assertThat(stats.count()).isEqualTo(4);
        assertThat(stats.avg()).isEqualTo(2.5);
        assertThat(stats.min()).isEqualTo(1.0);
        assertThat(stats.max()).isEqualTo(4.0);
        assertThat(stats.std()).isCloseTo(Math.sqrt(5.0 / 3.0), within(1e-12)); // ddof = 1
        assertThat(stats.p25()).isCloseTo(1.75, within(1e-12));
        assertThat(stats.p50()).isCloseTo(2.5, within(1e-12));
        assertThat(stats.p90()).isCloseTo(3.7, within(1e-12));
        assertThat(stats.p99()).isCloseTo(3.97, within(1e-12));
    }

    @Test
    void aSingleGaugeSampleHasZeroStd() {
        GaugeStats stats = (GaugeStats) only(ServerMetricsWindow.of(List.of(scrape(1, "g 7\n")), 0, 2 * S), "g")
                .stats();

        assertThat(stats.std()).isZero();
        assertThat(stats.p1()).isEqualTo(7.0);
        assertThat(stats.p99()).isEqualTo(7.0);
    }

    @Test
    void counterTotalStartsFromTheLastSampleBeforeTheWindowAndEndsAtTheFirstAfterIt() {
        String type = "# TYPE c counter\n";
        List<Scrape> scrapes = List.of(scrape(1, type + "c_total 90\n"), scrape(5, type + "c_total 100\n"),
                scrape(10, type + "c_total 110\n"), scrape(20, type + "c_total 130\n"),
                scrape(30, type + "c_total 160\n"), scrape(32, type + "c_total 170\n"),
                scrape(40, type + "c_total 999\n"));
        CounterStats stats = (CounterStats) only(ServerMetricsWindow.of(scrapes, 10 * S, 31 * S), "c").stats();

        // the final fetch after the window (at 32 s) closes it: what the window did up to its end is counted
        assertThat(stats.total()).isEqualTo(70.0);
        assertThat(stats.rate()).isCloseTo(70.0 / 27, within(1e-12)); // from the reference at 5 s to 32 s
        // without a scrape after the window, its last one inside ends it
        CounterStats open = (CounterStats) only(ServerMetricsWindow.of(scrapes.subList(0, 5), 10 * S, 31 * S), "c")
                .stats();
        assertThat(open.total()).isEqualTo(60.0);
        assertThat(open.rate()).isCloseTo(60.0 / 25, within(1e-12));
    }

    @Test
    void counterWithoutAnEarlierSampleStartsFromTheFirstInTheWindow() {
        List<Scrape> scrapes = List.of(scrape(10, "# TYPE c counter\nc_total 110\n"),
                scrape(30, "# TYPE c counter\nc_total 160\n"));
        CounterStats stats = (CounterStats) only(ServerMetricsWindow.of(scrapes, 5 * S, 30 * S), "c").stats();

        assertThat(stats.total()).isEqualTo(50.0);
        assertThat(stats.rate()).isCloseTo(2.5, within(1e-12));
    }

    @Test
    void aCounterResetIsClampedToZero() {
        List<Scrape> scrapes = List.of(scrape(0, "# TYPE c counter\nc_total 100\n"),
                scrape(10, "# TYPE c counter\nc_total 120\n"), scrape(20, "# TYPE c counter\nc_total 5\n"));
        CounterStats stats = (CounterStats) only(ServerMetricsWindow.of(scrapes, 5 * S, 20 * S), "c").stats();

        assertThat(stats.total()).isZero();
        assertThat(stats.rate()).isZero();
    }

    static String histogram(long b01, long b05, long b1, long inf, double sum) {
        return "# TYPE h_seconds histogram\n" + "h_seconds_bucket{le=\"0.1\"} " + b01 + "\n"
                + "h_seconds_bucket{le=\"0.5\"} " + b05 + "\n" + "h_seconds_bucket{le=\"1.0\"} " + b1 + "\n"
                + "h_seconds_bucket{le=\"+Inf\"} " + inf + "\n" + "h_seconds_sum " + sum + "\n" + "h_seconds_count "
                + inf + "\n";
    }

    @Test
    void histogramStatsAreDeltasOverTheWindow() {
        List<Scrape> scrapes = List.of(scrape(0, histogram(10, 20, 20, 20, 3)), scrape(5, histogram(10, 25, 30, 30, 10)),
                scrape(10, histogram(10, 30, 38, 40, 26)));
        SeriesSummary series = only(ServerMetricsWindow.of(scrapes, 2 * S, 10 * S), "h_seconds");
        HistogramStats stats = (HistogramStats) series.stats();

        assertThat(series.buckets()).containsExactly(entry(0.1, 0L), entry(0.5, 10L), entry(1.0, 18L),
                entry(Double.POSITIVE_INFINITY, 20L));
        assertThat(stats.count()).isEqualTo(20);
        assertThat(stats.sum()).isEqualTo(23.0);
        assertThat(stats.avg()).isCloseTo(1.15, within(1e-12));
        assertThat(stats.countRate()).isCloseTo(2.0, within(1e-12));
        assertThat(stats.sumRate()).isCloseTo(2.3, within(1e-12));
        assertThat(stats.estimates().get(25)).isCloseTo(0.3, within(1e-12)); // rank 5 of 10 in (0.1, 0.5]
        assertThat(stats.estimates().get(50)).isCloseTo(0.5, within(1e-12));
        assertThat(stats.estimates().get(75)).isCloseTo(0.8125, within(1e-12)); // rank 15: 5 of 8 in (0.5, 1]
        assertThat(stats.estimates().get(95)).isEqualTo(1.0); // in +Inf: the highest finite bound
        assertThat(stats.toJson()).containsKeys("count", "sum", "avg", "count_rate", "sum_rate", "p1_estimate",
                "p99_estimate");
    }

    @Test
    void anIdleHistogramHasCountZeroOnly() {
        List<Scrape> scrapes = List.of(scrape(0, histogram(1, 2, 3, 4, 5)), scrape(10, histogram(1, 2, 3, 4, 5)));
        SeriesSummary series = only(ServerMetricsWindow.of(scrapes, 2 * S, 10 * S), "h_seconds");

        assertThat(series.stats().toJson()).containsExactly(entry("count", 0L));
        assertThat(series.buckets()).containsValues(0L).doesNotContainValue(1L);
    }

    @Test
    void aHistogramResetDropsTheBuckets() {
        List<Scrape> scrapes = List.of(scrape(0, histogram(10, 20, 30, 40, 50)), scrape(10, histogram(1, 2, 3, 4, 5)));
        SeriesSummary series = only(ServerMetricsWindow.of(scrapes, 2 * S, 10 * S), "h_seconds");

        assertThat(series.buckets()).isNull();
        assertThat(((HistogramStats) series.stats()).isEmpty()).isTrue();
    }

    @Test
    void seriesAreKeptApartPerEndpointAndLabels() {
        String other = "http://gpu-b:8000/metrics";
        List<Scrape> scrapes = List.of(scrape(URL, 1, 1, "g{e=\"0\"} 1\ng{e=\"1\"} 2\n"),
                scrape(other, 1, 1, "g{e=\"0\"} 3\n"), scrape(URL, 2, 1, "g{e=\"0\"} 5\n"));
        MetricSummary g = ServerMetricsWindow.of(scrapes, 0, 3 * S).metrics().get("g");

        assertThat(g.series()).extracting(SeriesSummary::endpointUrl).containsExactly(URL, URL, other);
        assertThat(g.series()).extracting(s -> ((GaugeStats) s.stats()).avg()).containsExactly(3.0, 2.0, 3.0);
    }

    @Test
    void infersUnitsFromTheLongestSuffix() {
        assertThat(ServerUnits.infer("vllm:time_to_first_token_seconds", null)).isEqualTo("seconds");
        assertThat(ServerUnits.infer("vllm:kv_cache_usage_perc", null)).isEqualTo("percent");
        assertThat(ServerUnits.infer("vllm:generation_tokens", null)).isEqualTo("tokens");
        assertThat(ServerUnits.infer("dcgm_copy_milliseconds", null)).isEqualTo("milliseconds");
        assertThat(ServerUnits.infer("vllm:num_preemptions", null)).isNull();
        assertThat(ServerUnits.infer("rt", "seconds")).isEqualTo("seconds");
        assertThat(ServerMetricsWindow.of(List.of(scrape(1, "x_bytes 1\n")), 0, S).metrics().get("x_bytes").unit())
                .isEqualTo("bytes");
    }

    @Test
    void endpointInfoCountsFetchesAndContentUpdates() {
        List<Scrape> scrapes = List.of(scrape(URL, 0, 1_000_000, "g 1\n"), scrape(URL, 1, 2_000_000, "g 1\n"),
                scrape(URL, 2, 3_000_000, "g 2\n"), scrape(URL, 3, 4_000_000, "g 3\n"),
                scrape(URL, 4, 5_000_000, "g 3\n"));
        EndpointInfo info = ServerMetricsWindow.of(scrapes, 0, 4 * S).endpointInfo().get(URL);

        assertThat(info.totalFetches()).isEqualTo(5);
        assertThat(info.avgFetchLatencyMs()).isCloseTo(3.0, within(1e-12));
        assertThat(info.uniqueUpdates()).isEqualTo(3);
        assertThat(info.firstFetchNs()).isEqualTo(1_700_000_000L * S);
        assertThat(info.lastFetchNs()).isEqualTo(1_700_000_004L * S);
        assertThat(info.firstUpdateNs()).isEqualTo(1_700_000_000L * S);
        assertThat(info.lastUpdateNs()).isEqualTo(1_700_000_003L * S);
        assertThat(info.durationSeconds()).isEqualTo(3.0);
        assertThat(info.avgUpdateIntervalMs()).isEqualTo(1500.0);
        assertThat(info.medianUpdateIntervalMs()).isEqualTo(1500.0); // intervals 2000 and 1000 ms
    }

    @Test
    void medianUpdateIntervalNeedsTwoIntervals() {
        List<Scrape> scrapes = List.of(scrape(0, "g 1\n"), scrape(1, "g 2\n"));
        EndpointInfo info = ServerMetricsWindow.of(scrapes, 0, S).endpointInfo().get(URL);

        assertThat(info.uniqueUpdates()).isEqualTo(2);
        assertThat(info.avgUpdateIntervalMs()).isEqualTo(1000.0);
        assertThat(info.medianUpdateIntervalMs()).isNull();
    }
}
