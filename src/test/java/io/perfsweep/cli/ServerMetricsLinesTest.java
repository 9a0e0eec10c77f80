package io.perfsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.perfsweep.metrics.MetricTag;
import io.perfsweep.metrics.PointSummary;
import io.perfsweep.server.PointServerMetrics;
import io.perfsweep.server.Scrape;
import io.perfsweep.server.ServerCapture;
import io.perfsweep.testsupport.StandInDcgmExporter;

/** The console's server line shows the GPUs' power and energy per output token when a DCGM exporter was scraped. */
class ServerMetricsLinesTest {

    private static final long S = 1_000_000_000L;
    private static final PointSummary SUMMARY = new PointSummary(Map.of(),
            Map.of(MetricTag.TOTAL_OSL, 12_000.0, MetricTag.REQUEST_COUNT, 60.0), List.of(), OptionalLong.empty(),
            OptionalLong.empty());

    private static PointServerMetrics server(String url, String... texts) {
        var scrapes = new ArrayList<Scrape>();
        for (int i = 0; i < texts.length; i++) {
            scrapes.add(Scrape.parse(url, i * S, Instant.EPOCH.plusSeconds(i), 1_000_000, null, texts[i]));
        }
        return PointServerMetrics.of(new ServerCapture(List.of(url), List.of(url), scrapes, Map.of(), 0,
                (texts.length - 1) * S), SUMMARY).orElseThrow();
    }

    @Test
    void aDcgmExporterAddsTheGpusPowerAndEnergyPerOutputToken() {
        var gpus = StandInDcgmExporter.twoGpus(700);
        String line = ServerMetricsLines.line("c8", server("http://dcgm:9400/metrics",
                StandInDcgmExporter.exposition(gpus, 0), StandInDcgmExporter.exposition(gpus, 3)));

        // 2 × 700 W for 3 s = 4200 J over 12,000 tokens
        assertThat(line).contains("GPUs 2 1,400 W  350.00 mJ/output token");
    }

    @Test
    void withoutAnExporterTheLineHasNoGpus() {
        String line = ServerMetricsLines.line("c8",
                server("http://vllm:8000/metrics", "vllm:num_requests_running 3\n", "vllm:num_requests_running 5\n"));

        assertThat(line).contains("running 4.0").doesNotContain("GPU");
    }
}
