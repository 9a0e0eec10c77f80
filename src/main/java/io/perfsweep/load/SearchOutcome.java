package io.perfsweep.load;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an SLO search found, in the forms its readers take: the block of the {@code job.completed} event and the
 * stored job ({@link #toJson()}, planner-ready names), and the console's and SUMMARY's lines ({@link #lines()}).
 *
 * @param plan how the probes were chosen
 * @param result the limit, the knee, why it stopped and every probe
 * @param labels each probe's point label ({@code c<N>}, {@code r<rate>}), in the order they ran
 */
public record SearchOutcome(SearchPlan plan, SloSearch.Result result, List<String> labels) {

    public SearchOutcome {
        labels = List.copyOf(labels);
    }

    /** The name of the answer: {@code max_concurrency_under_slo} or {@code max_request_rate_under_slo}. */
    public String limitName() {
        return plan.overRate() ? "max_request_rate_under_slo" : "max_concurrency_under_slo";
    }

    /** The block published and stored, keys in a fixed order. */
    public Map<String, Object> toJson() {
        var json = new LinkedHashMap<String, Object>();
        json.put("over", plan.overRate() ? "rate" : "concurrency");
        json.put(limitName(), number(result.maxPassing()));
        json.put("min_failing", number(result.minFailing()));
        json.put("knee", number(result.knee()));
        json.put("stop", result.stop() == null ? null : result.stop().json());
        json.put("target_good_request_fraction", plan.settings().targetFraction());
        json.put("bounds", List.of(number(plan.settings().min()), number(plan.settings().max())));
        json.put("precision", plan.settings().precision());
        List<Map<String, Object>> probes = new ArrayList<>();
        for (int i = 0; i < result.probes().size(); i++) {
            SloSearch.Probe probe = result.probes().get(i);
            var row = new LinkedHashMap<String, Object>();
            row.put("point", labels.get(i));
            row.put("load", number(probe.load()));
            row.put("good_request_fraction", probe.goodFraction());
            row.put("passed", probe.goodFraction() >= plan.settings().targetFraction());
            row.put("output_token_throughput", probe.throughput());
            row.put("request_latency_avg_ms", Double.isNaN(probe.latencyMillis()) ? null : probe.latencyMillis());
            probes.add(row);
        }
        json.put("probes", probes);
        return json;
    }

    /** The console's and SUMMARY's account: the answer, then one line per probe in the order they ran. */
    public List<String> lines() {
        var settings = plan.settings();
        String unit = plan.overRate() ? " req/s" : "";
        var lines = new ArrayList<String>();
        lines.add(String.format(Locale.ROOT, "SLO search over %s (good-request fraction >= %s, bounds %s..%s): %s = %s;"
                + " first failing %s; knee %s; stopped: %s after %d probe(s)",
                plan.overRate() ? "request rate" : "concurrency", plain(settings.targetFraction()),
                plain(settings.min()), plain(settings.max()), limitName(),
                result.maxPassing() == null ? "none (the lowest load missed the target)"
                        : plain(result.maxPassing()) + unit,
                result.minFailing() == null ? "none" : plain(result.minFailing()) + unit,
                result.knee() == null ? "not reached" : plain(result.knee()) + unit,
                result.stop() == null ? "unfinished" : result.stop().json(), result.probes().size()));
        for (int i = 0; i < result.probes().size(); i++) {
            SloSearch.Probe probe = result.probes().get(i);
            lines.add(String.format(Locale.ROOT, "  %-8s good %.4f %s  out tok/s %.1f  latency avg %.1f ms",
                    labels.get(i), probe.goodFraction(),
                    probe.goodFraction() >= settings.targetFraction() ? "pass" : "FAIL", probe.throughput(),
                    probe.latencyMillis()));
        }
        return lines;
    }

    /** A load as JSON: whole numbers as integers (a concurrency), others as they are. */
    private static Number number(Double value) {
        if (value == null) {
            return null;
        }
        return value == Math.rint(value) && Math.abs(value) < Long.MAX_VALUE ? (Number) value.longValue() : value;
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
