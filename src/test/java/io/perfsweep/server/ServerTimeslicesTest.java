package io.perfsweep.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.perfsweep.metrics.TimeSlices;

class ServerTimeslicesTest {

    static final long S = ServerMetricsWindowTest.S;
    static final long EPOCH_NANOS = ServerMetricsWindowTest.EPOCH.getEpochSecond() * S;
    static final String A = "http://gpu-a:8000/metrics";
    static final String B = "http://gpu-b:8000/metrics";

    /** Scrape times in seconds on the monotonic clock; 0 (baseline) and 6.0 (final) lie outside the window. */
    static final double[] AT = { 0, 0.6, 1.2, 1.8, 2.4, 3.0, 3.6, 4.2, 4.8, 5.4, 6.0 };
    static final int[] RUNNING_A = { 0, 1, 2, 3, 4, 4, 4, 2, 0, 1, 0 };
    static final int[] WAITING_A = { 0, 0, 0, 0, 3, 3, 3, 0, 0, 0, 0 };
    static final int[] TOKENS_A = { 0, 10, 20, 30, 50, 70, 90, 95, 100, 105, 110 };

    /** The window 0.5 s … 5.5 s in 2 s slices on the wall clock: [0.5, 2), [2, 4), [4, 5.5). */
    static final TimeSlices SLICES = new TimeSlices(2 * S, List.of(
            new TimeSlices.Slice(0, EPOCH_NANOS + S / 2, EPOCH_NANOS + 2 * S, false),
            new TimeSlices.Slice(1, EPOCH_NANOS + 2 * S, EPOCH_NANOS + 4 * S, true),
            new TimeSlices.Slice(2, EPOCH_NANOS + 4 * S, EPOCH_NANOS + 11 * S / 2, false)), EPOCH_NANOS);

    static List<Scrape> scrapes() {
        List<Scrape> scrapes = new ArrayList<>();
        for (int i = 0; i < AT.length; i++) {
            scrapes.add(ServerMetricsWindowTest.scrape(A, AT[i], 1_000_000, """
                    # TYPE vllm:num_requests_running gauge
                    vllm:num_requests_running{engine="0"} %d
                    # TYPE vllm:num_requests_waiting gauge
                    vllm:num_requests_waiting{engine="0"} %d
                    # TYPE vllm:kv_cache_usage_perc gauge
                    vllm:kv_cache_usage_perc{engine="0"} 0.5
                    # TYPE vllm:generation_tokens counter
                    vllm:generation_tokens_total{engine="0"} %d
                    """.formatted(RUNNING_A[i], WAITING_A[i], TOKENS_A[i])));
            // a second engine, always one running, its cache fuller
            scrapes.add(ServerMetricsWindowTest.scrape(B, AT[i] + 0.01, 1_000_000, """
                    # TYPE vllm:num_requests_running gauge
                    vllm:num_requests_running 1
                    # TYPE vllm:num_requests_waiting gauge
                    vllm:num_requests_waiting 0
                    # TYPE vllm:kv_cache_usage_perc gauge
                    vllm:kv_cache_usage_perc 0.8
                    """));
        }
        return scrapes;
    }

    @Test
    void theTimelineHasTheServersGaugesPerSliceBesideTheClientsRequestsInFlight() {
        List<Map<String, Object>> timeline = ServerTimeslices.of(scrapes(), SLICES)
                .timeline(new double[] { 2.5, 4.9, 1.2 });

        assertThat(timeline).hasSize(3);
        assertThat(timeline.get(0)).containsEntry("timeslice_index", 0)
                .containsEntry("start_ns", EPOCH_NANOS + S / 2).containsEntry("end_ns", EPOCH_NANOS + 2 * S)
                .containsEntry("client_in_flight", 2.5);
        // running: A's mean over its scrapes in the slice plus B's 1; waiting likewise; KV usage: the fuller engine
        assertThat((Double) timeline.get(0).get("server_running")).isCloseTo(2 + 1, within(1e-9));
        assertThat((Double) timeline.get(1).get("server_running")).isCloseTo(4 + 1, within(1e-9));
        assertThat((Double) timeline.get(2).get("server_running")).isCloseTo(1 + 1, within(1e-9));
        assertThat((Double) timeline.get(1).get("server_waiting")).isCloseTo(3, within(1e-9));
        assertThat((Double) timeline.get(2).get("server_waiting")).isCloseTo(0, within(1e-9));
        assertThat((Double) timeline.get(1).get("kv_cache_usage")).isCloseTo(0.8, within(1e-9));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theExportGivesEverySeriesItsTimeslicesAsAiperfDoes() {
        List<Scrape> scrapes = scrapes();
        ServerMetricsWindow window = ServerMetricsWindow.of(scrapes, S / 2, 11 * S / 2);
        var ctx = new ServerExportContext("perfsweep-test", "b", List.of(A, B), null, null, Map.of());
        var export = ServerMetricsExport.toMap(window, ServerTimeslices.of(scrapes, SLICES), ctx);
        var metrics = (Map<String, Map<String, Object>>) export.get("metrics");

        var running = (List<Map<String, Object>>) metrics.get("vllm:num_requests_running").get("series");
        var runningA = running.stream().filter(s -> s.get("endpoint_url").equals(A)).findFirst().orElseThrow();
        var gaugeSlices = (List<Map<String, Object>>) runningA.get("timeslices");
        assertThat(gaugeSlices).hasSize(3);
        assertThat(gaugeSlices.get(0)).containsEntry("start_ns", EPOCH_NANOS + S / 2)
                .containsEntry("end_ns", EPOCH_NANOS + 2 * S).containsEntry("is_complete", false)
                .containsEntry("avg", 2.0).containsEntry("min", 1.0).containsEntry("max", 3.0);
        assertThat(gaugeSlices.get(1)).doesNotContainKey("is_complete").containsEntry("avg", 4.0);
        assertThat(gaugeSlices.get(2)).containsEntry("avg", 1.0).containsEntry("min", 0.0);

        var tokens = ((List<Map<String, Object>>) metrics.get("vllm:generation_tokens").get("series")).get(0);
        var counterSlices = (List<Map<String, Object>>) tokens.get("timeslices");
        // each slice from the last scrape before it to the last in it: the slices add up without overlap
        assertThat(counterSlices).extracting(slice -> slice.get("total")).containsExactly(30.0, 60.0, 15.0);
        assertThat((Double) counterSlices.get(1).get("rate")).isCloseTo(60 / 1.8, within(1e-9));
        var stats = (Map<String, Object>) tokens.get("stats");
        // rate_avg over the complete slices only: slice 1
        assertThat((Double) stats.get("rate_avg")).isCloseTo(60 / 1.8, within(1e-9));
        assertThat(stats).containsEntry("rate_std", 0.0).containsEntry("total", 110.0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void withoutSlicesTheExportHasNoTimeslices() {
        List<Scrape> scrapes = scrapes();
        ServerMetricsWindow window = ServerMetricsWindow.of(scrapes, S / 2, 11 * S / 2);
        var ctx = new ServerExportContext("perfsweep-test", "b", List.of(A, B), null, null, Map.of());
        var metrics = (Map<String, Map<String, Object>>) ServerMetricsExport.toMap(window, ctx).get("metrics");
        var tokens = ((List<Map<String, Object>>) metrics.get("vllm:generation_tokens").get("series")).get(0);

        assertThat(tokens).doesNotContainKey("timeslices");
        assertThat((Map<String, Object>) tokens.get("stats")).doesNotContainKey("rate_avg");
    }
}
