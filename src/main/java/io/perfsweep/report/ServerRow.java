package io.perfsweep.report;

import java.util.Locale;
import java.util.Map;

import io.perfsweep.server.PointServerMetrics;
import io.perfsweep.store.StoredPoint;

/**
 * One point as a row of the report's server table: what the target itself said over the measured window, beside the
 * client's TTFT; a dash where the server does not tell.
 *
 * @param label the point's label
 * @param server {@code vllm}, {@code sglang}, {@code trtllm}, {@code dynamo} or a dash
 * @param kvUsage KV-cache usage avg and max in percent, e.g. {@code 41.2 / 53.0}
 * @param ttftGap client minus server mean TTFT in ms: the network, the frontend before the server's stamp, the client
 * @param gpuPower the GPUs' total mean power in W, when a DCGM exporter was scraped
 * @param energyPerToken GPU energy per output token in mJ, when the exporter tells the energy
 */
public record ServerRow(String label, String server, String running, String waiting, String kvUsage,
        String kvCapacity, String prefixHits, String preemptions, String clientTtft, String serverTtft,
        String ttftGap, String serverItl, String unanswered, String gpuPower, String energyPerToken) {

    /** The row of a point measured with server metrics, or null for one measured without. */
    @SuppressWarnings("unchecked")
    static ServerRow of(StoredPoint point) {
        if (point.serverMetrics() == null || !(point.serverMetrics().get(PointServerMetrics.FACTS) instanceof Map)) {
            return null;
        }
        var facts = (Map<String, Object>) point.serverMetrics().get(PointServerMetrics.FACTS);
        var gap = (Map<String, Object>) point.serverMetrics().getOrDefault(PointServerMetrics.CLIENT_VS_SERVER,
                Map.of());
        var ttft = (Map<String, Object>) gap.getOrDefault("ttft_ms", Map.of());
        var itl = (Map<String, Object>) gap.getOrDefault("itl_ms", Map.of());
        var unanswered = (Map<String, Object>) point.serverMetrics().getOrDefault(PointServerMetrics.UNANSWERED,
                Map.of());
        var gpu = point.serverMetrics().get(PointServerMetrics.GPU) instanceof Map<?, ?> g ? (Map<String, Object>) g
                : Map.<String, Object> of();
        return new ServerRow(point.label(), text(facts.get("server")),
                pair(facts.get("requests_running_avg"), facts.get("requests_running_max"), 1),
                pair(facts.get("requests_waiting_avg"), facts.get("requests_waiting_max"), 1),
                pair(facts.get("kv_cache_usage_avg"), facts.get("kv_cache_usage_max"), 100),
                facts.get("max_kv_tokens") instanceof Number n ? String.format(Locale.ROOT, "%,d", n.longValue())
                        : Cells.NONE,
                facts.get("prefix_cache_hit_rate") instanceof Number n ? Cells.format(100 * n.doubleValue())
                        : Cells.NONE,
                number(facts.get("preemptions")), number(ttft.get("client_avg")), number(ttft.get("server_avg")),
                number(ttft.get("client_minus_server")), number(itl.get("server_avg")),
                String.join(", ", unanswered.keySet()), number(gpu.get("total_gpu_power_w")),
                number(gpu.get("energy_per_output_token_mj")));
    }

    /** Whether the point was measured with GPU telemetry. */
    public boolean hasGpu() {
        return !Cells.NONE.equals(gpuPower) || !Cells.NONE.equals(energyPerToken);
    }

    private static String pair(Object avg, Object max, double scale) {
        if (!(avg instanceof Number a)) {
            return Cells.NONE;
        }
        return Cells.format(scale * a.doubleValue())
                + (max instanceof Number m ? " / " + Cells.format(scale * m.doubleValue()) : "");
    }

    private static String number(Object value) {
        return value instanceof Number n ? Cells.format(n.doubleValue()) : Cells.NONE;
    }

    private static String text(Object value) {
        return value == null ? Cells.NONE : value.toString();
    }
}
