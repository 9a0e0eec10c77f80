package io.perfsweep.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfsweep.load.LoadPoint;
import io.perfsweep.load.SweepListener;
import io.perfsweep.server.Scrape;
import io.perfsweep.telemetry.SweepTelemetry;

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

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private static Scrape scrape(String endpoint, String text) {
        return Scrape.parse(endpoint, System.nanoTime(), Instant.now(), 1_000_000, null, text);
    }
}
