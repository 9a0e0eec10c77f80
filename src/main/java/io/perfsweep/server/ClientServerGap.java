package io.perfsweep.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.perfsweep.metrics.MetricStats;
import io.perfsweep.metrics.MetricTag;
import io.perfsweep.metrics.PointSummary;

/**
 * The client's means beside the server's own, over one point's measured window. The server stamps TTFT from the
 * request's arrival at its frontend, the client from before it asked for a connection: {@code client − server} is
 * the network, the frontend before the server's stamp, and the client itself. A gap far above a loopback round trip
 * on a quiet network says where to look; a negative one says the two clocks measure different things (a server's
 * TTFT from the end of tokenisation, say). Means, not percentiles: a histogram's mean is exact, its quantiles are
 * estimates.
 *
 * @param clientTtftMs the client's mean TTFT, or null; likewise the ITL and request latency
 * @param serverTtftMs the server's mean TTFT (Δsum/Δcount of its histogram), or null; likewise ITL and e2e latency
 */
public record ClientServerGap(Double clientTtftMs, Double serverTtftMs, Double clientItlMs, Double serverItlMs,
        Double clientLatencyMs, Double serverLatencyMs) {

    /** The client's means from {@code summary} beside the server's from {@code facts}. */
    public static ClientServerGap of(PointSummary summary, ServerFacts facts) {
        return new ClientServerGap(mean(summary, MetricTag.TIME_TO_FIRST_TOKEN), facts.serverTtftMeanMs(),
                mean(summary, MetricTag.INTER_TOKEN_LATENCY), facts.serverItlMeanMs(),
                mean(summary, MetricTag.REQUEST_LATENCY), facts.serverE2eMeanMs());
    }

    /** Client minus server mean TTFT in ms, or null when either side lacks it. */
    public Double ttftGapMs() {
        return gap(clientTtftMs, serverTtftMs);
    }

    /** The JSON object stored and published: each side and their difference. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ttft_ms", side(clientTtftMs, serverTtftMs));
        json.put("itl_ms", side(clientItlMs, serverItlMs));
        json.put("request_latency_ms", side(clientLatencyMs, serverLatencyMs));
        return json;
    }

    private static Map<String, Object> side(Double client, Double server) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("client_avg", client);
        json.put("server_avg", server);
        json.put("client_minus_server", gap(client, server));
        return json;
    }

    private static Double gap(Double client, Double server) {
        return client == null || server == null ? null : client - server;
    }

    private static Double mean(PointSummary summary, MetricTag tag) {
        Optional<MetricStats> stats = summary.stats(tag);
        return stats.map(MetricStats::avg).filter(Double::isFinite).orElse(null);
    }
}
