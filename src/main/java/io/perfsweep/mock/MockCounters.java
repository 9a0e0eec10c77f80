package io.perfsweep.mock;

import java.util.concurrent.atomic.LongAdder;

/** Monotonic totals of the mock server, updated from any thread. */
final class MockCounters {

    final LongAdder requests = new LongAdder();
    final LongAdder rejectedRequests = new LongAdder();
    final LongAdder failedRequests = new LongAdder();
    final LongAdder promptTokens = new LongAdder();
    final LongAdder cachedTokens = new LongAdder();
    final LongAdder completionTokens = new LongAdder();

    MockStats snapshot(EngineLoop.Gauges gauges) {
        return new MockStats(requests.sum(), rejectedRequests.sum(), failedRequests.sum(), promptTokens.sum(),
                cachedTokens.sum(), completionTokens.sum(), gauges.preemptions(), gauges.running(), gauges.waiting(),
                gauges.activeBlocks(), gauges.kvUsage(), gauges.iterations());
    }

    /** A few Prometheus text-format lines (version 0.0.4) of the mock's own. */
    static String prometheus(MockStats stats, String modelName) {
        String label = "{model_name=\"" + modelName.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        StringBuilder sb = new StringBuilder();
        line(sb, "perfsweep_mock_requests_total", "counter", "Completion requests received.", label, stats.requests());
        line(sb, "perfsweep_mock_request_errors_total", "counter", "Requests answered with HTTP 4xx or 5xx.", label,
                stats.rejectedRequests() + stats.failedRequests());
        line(sb, "perfsweep_mock_prompt_tokens_total", "counter", "Prompt tokens (o200k_base).", label,
                stats.promptTokens());
        line(sb, "perfsweep_mock_generation_tokens_total", "counter", "Tokens written to clients.", label,
                stats.completionTokens());
        line(sb, "perfsweep_mock_prefix_cache_hit_tokens_total", "counter", "Prompt tokens served from the prefix cache.",
                label, stats.cachedTokens());
        line(sb, "perfsweep_mock_preemptions_total", "counter", "Engine preemptions.", label, stats.preemptions());
        line(sb, "perfsweep_mock_num_requests_running", "gauge", "Requests in the running batch.", label,
                stats.runningRequests());
        line(sb, "perfsweep_mock_num_requests_waiting", "gauge", "Requests waiting for admission.", label,
                stats.waitingRequests());
        line(sb, "perfsweep_mock_kv_cache_usage_ratio", "gauge", "Active KV blocks / total KV blocks.", label,
                stats.kvUsage());
        return sb.toString();
    }

    private static void line(StringBuilder sb, String name, String type, String help, String labels, double value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        sb.append(name).append(labels).append(' ');
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            sb.append((long) value);
        } else {
            sb.append(value);
        }
        sb.append('\n');
    }
}
