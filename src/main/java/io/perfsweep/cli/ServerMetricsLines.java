package io.perfsweep.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.perfsweep.load.PointResult;
import io.perfsweep.server.ClientServerGap;
import io.perfsweep.server.GpuTelemetry;
import io.perfsweep.server.PointServerMetrics;
import io.perfsweep.server.ServerFacts;

/**
 * The console's lines on the target's own metrics, under the summary table: per point what the server says (batch,
 * queue, KV cache, the server's TTFT beside the client's, the GPUs' power and energy per output token when a DCGM
 * exporter was scraped), then each metrics endpoint that never answered, once.
 */
final class ServerMetricsLines {

    private ServerMetricsLines() {
    }

    static void print(PrintWriter out, List<PointResult> results, Map<String, PointServerMetrics> byLabel) {
        if (!byLabel.isEmpty()) {
            out.println("Server metrics (the target's own, over each measured window):");
            byLabel.forEach((label, server) -> out.println("  " + line(label, server)));
        }
        var unanswered = new LinkedHashMap<String, String>();
        results.forEach(result -> result.server().failures().forEach(unanswered::putIfAbsent));
        unanswered.forEach((endpoint, problem) -> out.printf("Server metrics: %s did not answer (%s)%n", endpoint,
                problem));
    }

    static String line(String label, PointServerMetrics server) {
        ServerFacts facts = server.facts();
        var line = new StringBuilder(String.format(Locale.ROOT, "%-8s %-7s", label,
                facts.server() == null ? "?" : facts.server()));
        if (facts.requestsRunningAvg() != null) {
            line.append(String.format(Locale.ROOT, " running %.1f (max %.0f)", facts.requestsRunningAvg(),
                    facts.requestsRunningMax()));
        }
        if (facts.requestsWaitingAvg() != null) {
            line.append(String.format(Locale.ROOT, "  waiting %.1f", facts.requestsWaitingAvg()));
        }
        if (facts.kvCacheUsageAvg() != null) {
            line.append(String.format(Locale.ROOT, "  KV %.1f %% (max %.1f %%)", 100 * facts.kvCacheUsageAvg(),
                    100 * facts.kvCacheUsageMax()));
        }
        if (facts.maxKvTokens() != null) {
            line.append(String.format(Locale.ROOT, " of %,d tokens", facts.maxKvTokens()));
        }
        if (facts.prefixCacheHitRate() != null) {
            line.append(String.format(Locale.ROOT, "  prefix hits %.1f %%", 100 * facts.prefixCacheHitRate()));
        }
        ClientServerGap gap = server.gap();
        if (gap.ttftGapMs() != null) {
            line.append(String.format(Locale.ROOT, "  TTFT client %.2f / server %.2f ms (%+.2f)", gap.clientTtftMs(),
                    gap.serverTtftMs(), gap.ttftGapMs()));
        }
        GpuTelemetry gpu = server.gpu();
        if (gpu != null) {
            line.append(String.format(Locale.ROOT, "  GPUs %d", gpu.gpusSeen()));
            if (gpu.totalGpuPowerW() != null) {
                line.append(String.format(Locale.ROOT, " %,.0f W", gpu.totalGpuPowerW()));
            }
            if (gpu.energyPerOutputTokenMj() != null) {
                line.append(String.format(Locale.ROOT, "  %.2f mJ/output token", gpu.energyPerOutputTokenMj()));
            }
        }
        return line.toString();
    }
}
