package io.perfsweep.planner;

/**
 * What one decode point measured (AIPerf's figures of its second, measured run).
 *
 * @param isl the point's input length, tokens
 * @param osl the point's output length, tokens
 * @param requestCount requests of the run, also its concurrency ({@code num_request})
 * @param itlAvgMs {@code inter_token_latency.avg}, ms
 * @param outputTokenThroughput {@code output_token_throughput.avg}, tokens/s over the whole engine
 */
public record DecodeResult(int isl, int osl, int requestCount, double itlAvgMs, double outputTokenThroughput) {
}
