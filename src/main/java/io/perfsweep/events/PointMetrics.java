package io.perfsweep.events;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One sweep point's results: AIPerf-tag statistics plus the efficiency numbers a planner or a Pareto plot needs.
 *
 * @param pointIndex position of the point in the sweep, from 0
 * @param label the point's directory label, e.g. {@code c10}
 * @param concurrency requests kept in flight
 * @param requestCount valid requests (AIPerf {@code request_count})
 * @param errorRequestCount failed requests
 * @param metrics AIPerf tag → statistic → value in the tag's display unit (e.g. {@code time_to_first_token.p99} in ms)
 * @param tokensPerSecondPerGpu output token throughput ÷ GPU count
 * @param tokensPerSecondPerUser mean of per-request output token throughput per user
 * @param goodRequestFraction requests meeting every SLO ÷ all requests, or null without SLOs
 * @param clientHealth the client's verdict on its own timings ({@code verdict} ok|distorted, {@code reasons},
 *        {@code event_loop_stall_ms}, {@code gc_pause_ms}, {@code cpu_cores}, …, as in the AIPerf export), or null
 *        when not measured; a planner should not fit a distorted point
 * @param server the target's own view of the point: {@code facts} (running and waiting requests, KV usage and
 *        capacity, prefix-cache hit rate, the server's TTFT/ITL/e2e means) and {@code client_vs_server} (each mean
 *        on both sides and their difference); null when its metrics were not scraped or no endpoint answered
 * @param workers the instances that drove the point together ({@code load.workers} above 1); absent from the JSON for
 *        a point one instance ran
 */
@RegisterForReflection
public record PointMetrics(int pointIndex, String label, int concurrency, long requestCount, long errorRequestCount,
        Map<String, Map<String, Double>> metrics, Double tokensPerSecondPerGpu, Double tokensPerSecondPerUser,
        Double goodRequestFraction, Map<String, Object> clientHealth, Map<String, Object> server,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<PointWorker> workers) {

    /** A point one instance ran. */
    public PointMetrics(int pointIndex, String label, int concurrency, long requestCount, long errorRequestCount,
            Map<String, Map<String, Double>> metrics, Double tokensPerSecondPerGpu, Double tokensPerSecondPerUser,
            Double goodRequestFraction, Map<String, Object> clientHealth, Map<String, Object> server) {
        this(pointIndex, label, concurrency, requestCount, errorRequestCount, metrics, tokensPerSecondPerGpu,
                tokensPerSecondPerUser, goodRequestFraction, clientHealth, server, null);
    }

    /** This point, driven by {@code workers}. */
    public PointMetrics withWorkers(List<PointWorker> workers) {
        return new PointMetrics(pointIndex, label, concurrency, requestCount, errorRequestCount, metrics,
                tokensPerSecondPerGpu, tokensPerSecondPerUser, goodRequestFraction, clientHealth, server, workers);
    }
}
