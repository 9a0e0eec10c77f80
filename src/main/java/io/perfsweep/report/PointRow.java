package io.perfsweep.report;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;

import io.perfsweep.metrics.ClientHealth;
import io.perfsweep.metrics.MetricStats;
import io.perfsweep.metrics.MetricTag;
import io.perfsweep.metrics.PointSummary;
import io.perfsweep.store.StoredPoint;

/**
 * One point as a row of the report's table: the numbers of {@code SUMMARY.txt} and the console table, formatted with
 * two decimals, a dash where a metric has no value.
 *
 * @param label the point's label, e.g. {@code c10} or {@code r2.5}
 * @param load concurrency or request rate, as the sweep ran it
 * @param ok valid requests
 * @param errors failed requests
 * @param failed whether no request of the point succeeded
 * @param errorDetails each distinct failure with its count, e.g. {@code CONNECT ×4: connection refused}; empty when
 *        none failed
 * @param pareto whether the point is on its run's Pareto frontier (tok/s/gpu against tok/s/user)
 * @param client the client-health verdict ({@code ok}, {@code distorted}, or a dash when not measured)
 * @param clientReasons why the client judged the point distorted; empty when ok
 */
public record PointRow(String label, String load, long ok, long errors, boolean failed, String errorDetails,
        String ttftAvg, String ttftP50, String ttftP99, String itlAvg, String itlP50, String itlP99,
        String latencyAvg, String requestsPerSecond, String outputTokensPerSecond, String tokensPerSecondPerUser,
        String tokensPerSecondPerGpu, boolean pareto, String client, String clientReasons) {

    /**
     * @param gpus GPUs tokens per second per GPU divides by
     * @param frontierLabels labels of the run's points on the Pareto frontier
     */
    static PointRow of(StoredPoint point, int gpus, Set<String> frontierLabels) {
        PointSummary s = point.summary();
        OptionalDouble tokensPerSecond = s.aggregate(MetricTag.OUTPUT_TOKEN_THROUGHPUT);
        String errorDetails = s.errorSummary().stream()
                .map(e -> e.error().type() + " ×" + e.count() + ": " + e.error().message())
                .collect(Collectors.joining("; "));
        return new PointRow(point.label(), load(point), s.requestCount(), s.errorRequestCount(),
                s.requestCount() == 0, errorDetails,
                Cells.stat(s, MetricTag.TIME_TO_FIRST_TOKEN, MetricStats::avg),
                Cells.stat(s, MetricTag.TIME_TO_FIRST_TOKEN, MetricStats::p50),
                Cells.stat(s, MetricTag.TIME_TO_FIRST_TOKEN, MetricStats::p99),
                Cells.stat(s, MetricTag.INTER_TOKEN_LATENCY, MetricStats::avg),
                Cells.stat(s, MetricTag.INTER_TOKEN_LATENCY, MetricStats::p50),
                Cells.stat(s, MetricTag.INTER_TOKEN_LATENCY, MetricStats::p99),
                Cells.stat(s, MetricTag.REQUEST_LATENCY, MetricStats::avg),
                Cells.number(s.aggregate(MetricTag.REQUEST_THROUGHPUT)), Cells.number(tokensPerSecond),
                Cells.stat(s, MetricTag.OUTPUT_TOKEN_THROUGHPUT_PER_USER, MetricStats::avg),
                tokensPerSecond.isPresent() ? Cells.format(tokensPerSecond.getAsDouble() / gpus) : Cells.NONE,
                frontierLabels.contains(point.label()),
                s.health().map(h -> h.verdict().json()).orElse(Cells.NONE),
                s.health().map(ClientHealth::reasonsText).orElse(""));
    }

    private static String load(StoredPoint point) {
        if (point.requestRatePerSecond() != null) {
            String rate = String.format(Locale.ROOT, "%s req/s", Cells.format(point.requestRatePerSecond()));
            return point.concurrency() == null ? rate : rate + ", ≤ " + point.concurrency() + " in flight";
        }
        return point.concurrency() == null ? "-" : Integer.toString(point.concurrency());
    }

}
