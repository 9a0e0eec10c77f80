package io.perfsweep.metrics;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * AIPerf's aggregate and derived metrics of one point, in display units.
 * <ul>
 * <li>{@code request_count} = valid records; {@code error_request_count} = failed records.</li>
 * <li>{@code benchmark_duration} = {@code max_response_timestamp − min_request_timestamp} (sec).</li>
 * <li>{@code request_throughput} = request_count / duration; {@code output_token_throughput} = Σ OSL / duration
 * (reasoning included, TTFT time in the denominator); {@code total_token_throughput} = (Σ ISL + Σ OSL) / duration.</li>
 * <li>{@code good_request_count} = valid requests meeting every SLO; {@code goodput} = good / duration;
 * {@code good_request_fraction} = good / (valid + failed).</li>
 * <li>{@code usage_discrepancy_count}, {@code osl_mismatch_count}: see {@link UsageDiffPercent},
 * {@link OslMismatch}.</li>
 * <li>{@code achieved_concurrency}: see {@link AchievedConcurrency}.</li>
 * </ul>
 */
final class PointAggregates {

    private PointAggregates() {
    }

    static Map<MetricTag, Double> of(List<RequestRecord> all, List<RequestRecord> valid,
            List<RecordMetricValues> values, PointSummarizer.BenchmarkWindow window, Slo slo) {
        Map<MetricTag, Double> out = new EnumMap<>(MetricTag.class);
        out.put(MetricTag.REQUEST_COUNT, (double) valid.size());
        out.put(MetricTag.ERROR_REQUEST_COUNT, (double) (all.size() - valid.size()));
        putTotal(out, MetricTag.TOTAL_ISL, MetricTag.INPUT_SEQUENCE_LENGTH, values);
        putTotal(out, MetricTag.TOTAL_OSL, MetricTag.OUTPUT_SEQUENCE_LENGTH, values);
        if (!slo.isEmpty()) {
            long good = values.stream().filter(slo::isMetBy).count();
            out.put(MetricTag.GOOD_REQUEST_COUNT, (double) good);
            if (!all.isEmpty()) {
                out.put(MetricTag.GOOD_REQUEST_FRACTION, good / (double) all.size());
            }
        }
        window.durationSeconds().ifPresent(seconds -> putRates(out, seconds));
        putCounts(out, valid, values);
        AchievedConcurrency.timeWeightedMean(all).ifPresent(c -> out.put(MetricTag.ACHIEVED_CONCURRENCY, c));
        return out;
    }

    private static void putTotal(Map<MetricTag, Double> out, MetricTag total, MetricTag perRecord,
            List<RecordMetricValues> values) {
        double[] tokens = PointSummarizer.valuesOf(perRecord, values);
        if (tokens.length > 0) {
            double sum = 0;
            for (double t : tokens) {
                sum += t;
            }
            out.put(total, sum);
        }
    }

    private static void putRates(Map<MetricTag, Double> out, double seconds) {
        out.put(MetricTag.BENCHMARK_DURATION, seconds);
        out.put(MetricTag.REQUEST_THROUGHPUT, out.get(MetricTag.REQUEST_COUNT) / seconds);
        Double totalOsl = out.get(MetricTag.TOTAL_OSL);
        Double totalIsl = out.get(MetricTag.TOTAL_ISL);
        if (totalOsl != null) {
            out.put(MetricTag.OUTPUT_TOKEN_THROUGHPUT, totalOsl / seconds);
        }
        if (totalOsl != null && totalIsl != null) {
            out.put(MetricTag.TOTAL_TOKEN_THROUGHPUT, (totalIsl + totalOsl) / seconds);
        }
        Double good = out.get(MetricTag.GOOD_REQUEST_COUNT);
        if (good != null) {
            out.put(MetricTag.GOODPUT, good / seconds);
        }
    }

    private static void putCounts(Map<MetricTag, Double> out, List<RequestRecord> valid,
            List<RecordMetricValues> values) {
        if (anyHas(values, MetricTag.USAGE_PROMPT_TOKENS_DIFF_PCT, MetricTag.USAGE_COMPLETION_TOKENS_DIFF_PCT)) {
            out.put(MetricTag.USAGE_DISCREPANCY_COUNT,
                    (double) valid.stream().filter(UsageDiffPercent::isDiscrepancy).count());
        }
        if (anyHas(values, MetricTag.OSL_MISMATCH_DIFF_PCT)) {
            out.put(MetricTag.OSL_MISMATCH_COUNT, (double) valid.stream().filter(OslMismatch::isMismatch).count());
        }
    }

    private static boolean anyHas(List<RecordMetricValues> values, MetricTag... tags) {
        for (MetricTag tag : tags) {
            if (values.stream().map(v -> v.get(tag)).anyMatch(OptionalDouble::isPresent)) {
                return true;
            }
        }
        return false;
    }
}
