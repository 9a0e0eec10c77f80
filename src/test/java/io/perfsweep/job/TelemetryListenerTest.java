package io.perfsweep.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfsweep.load.LoadPoint;
import io.perfsweep.load.PointResult;
import io.perfsweep.load.SweepListener;
import io.perfsweep.metrics.PointSummarizer;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.metrics.Slo;
import io.perfsweep.server.Scrape;
import io.perfsweep.server.ServerCapture;
import io.perfsweep.telemetry.SweepTelemetry;
import io.perfsweep.testsupport.StandInDcgmExporter;

/** The target's own gauges reach the live meters as each scrape arrives, summed over its endpoints. */
class TelemetryListenerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TelemetryListener listener = new TelemetryListener(
            new SweepTelemetry(registry).meters("bench", "http://t:8000", "m"), SweepListener.NONE);
    private final LoadPoint point = new LoadPoint(8, 64, 0);

    @Test
    void eachScrapeSetsTheServersGaugesAndTheyKeepTheLastScrapesValuesAfterTheSweep() {
        assertThat(gauge("perfsweep.server.requests.running")).isNaN();

        listener.serverScraped(point, scrape("http://a:8000/metrics", """
                vllm:num_requests_running{engine="0"} 3
                vllm:num_requests_running{engine="1"} 2
                vllm:num_requests_waiting{engine="0"} 1
                vllm:kv_cache_usage_perc{engine="0"} 0.25
                vllm:kv_cache_usage_perc{engine="1"} 0.4
                """));
        assertThat(gauge("perfsweep.server.requests.running")).isEqualTo(5);
        assertThat(gauge("perfsweep.server.requests.waiting")).isEqualTo(1);
        assertThat(gauge("perfsweep.server.kv.cache.usage")).isEqualTo(0.4);

        // a second endpoint (another worker): running and waiting add up, KV usage is the fuller one
        listener.serverScraped(point, scrape("http://b:8081/metrics", """
                sglang:num_running_reqs 4
                sglang:num_queue_reqs 0
                sglang:token_usage 0.5
                """));
        assertThat(gauge("perfsweep.server.requests.running")).isEqualTo(9);
        assertThat(gauge("perfsweep.server.kv.cache.usage")).isEqualTo(0.5);

        // the final scrape after the last point says the server is idle, and that is what stays
        listener.serverScraped(point, scrape("http://a:8000/metrics", "vllm:num_requests_running 0\n"));
        listener.close();
        assertThat(gauge("perfsweep.server.requests.running")).isEqualTo(4);
        assertThat(gauge("perfsweep.point.concurrency")).isZero();
    }

    @Test
    void aServerThatTellsNoneOfThemLeavesThemUnknown() {
        listener.serverScraped(point, scrape("http://a:8000/metrics", "process_cpu_seconds_total 12\n"));

        assertThat(gauge("perfsweep.server.requests.running")).isNaN();
        assertThat(gauge("perfsweep.server.requests.waiting")).isNaN();
    }

    @Test
    void aDcgmExportersScrapeSetsTheGpuGaugesAndAPointsEnergyPerOutputTokenFollowsItsEnd() {
        assertThat(gauge("perfsweep.gpu.power")).isNaN();
        var gpus = StandInDcgmExporter.twoGpus(300);

        listener.serverScraped(point, scrape("http://dcgm:9400/metrics", StandInDcgmExporter.exposition(gpus, 1)));
        // a vLLM scrape of another endpoint leaves them as they are
        listener.serverScraped(point, scrape("http://a:8000/metrics", "vllm:num_requests_running 3\n"));

        assertThat(gauge("perfsweep.gpu.power")).isEqualTo(300 + 300);
        assertThat(gauge("perfsweep.gpu.utilization")).isEqualTo((87 + 91) / 2.0);
        assertThat(gauge("perfsweep.gpu.memory.used")).isEqualTo((61_440 + 62_464) * 1_048_576.0);
        assertThat(gauge("perfsweep.gpu.energy.per.output.token")).isNaN();
    }

    @Test
    void aFinishedPointSetsTheGpuEnergyPerOutputTokenFromItsWindow() {
        var gpus = StandInDcgmExporter.twoGpus(300);
        long s = 1_000_000_000L;
        Instant t0 = Instant.parse("2026-12-07T00:00:00Z");
        String dcgm = "http://dcgm:9400/metrics";
        var capture = new ServerCapture(List.of(dcgm), List.of(dcgm), List.of(
                Scrape.parse(dcgm, 0, t0, 1_000_000, null, StandInDcgmExporter.exposition(gpus, 0)),
                Scrape.parse(dcgm, 10 * s, t0.plusSeconds(10), 1_000_000, null,
                        StandInDcgmExporter.exposition(gpus, 10))),
                Map.of(), 0, 10 * s);
        List<RequestRecord> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) { // 10 requests of 100 output tokens: 1,000 tokens in the 10 s window
            records.add(new RequestRecord(i * s, i * s, i * s + s / 2, 0, new long[] { i * s + s / 4, i * s + s / 2 },
                    0, 100, 100, null, 100, null, null));
        }
        var result = new PointResult(point, PointSummarizer.summarize(records, Slo.NONE), records, List.of(), 8, t0,
                t0.plusSeconds(10), capture);

        listener.pointCompleted(result, 0, 1);

        // two GPUs at 300 W for 10 s: 6,000 J over 1,000 output tokens
        assertThat(gauge("perfsweep.gpu.energy.per.output.token")).isCloseTo(6.0, within(1e-6));
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private static Scrape scrape(String endpoint, String text) {
        return Scrape.parse(endpoint, System.nanoTime(), Instant.now(), 1_000_000, null, text);
    }
}
