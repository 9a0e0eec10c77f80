package io.perfsweep.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an SLO search found, formatted for the report page: the answer (the highest load whose good-request fraction met
 * the target), the first failing load, the knee, why it stopped, and each probe in the order it ran. Read from the
 * stored {@code search} block (the {@code job.completed} event's, {@link io.perfsweep.load.SearchOutcome#toJson()}),
 * so the page says what the event and {@code GET /api/jobs/{id}} say.
 *
 * @param over {@code concurrency} or {@code rate}
 * @param limitName {@code max_concurrency_under_slo} or {@code max_request_rate_under_slo}
 * @param limit the answer with its unit, or a sentence saying there is none
 * @param minFailing the lowest load probed that missed the target, or {@code none}
 * @param knee where more load stopped buying throughput, or {@code not reached}
 * @param stop why the search ended ({@code converged}, {@code saturated}, {@code max_passes}, {@code min_fails},
 *        {@code probe_limit}), with what it means
 * @param target the good-request fraction asked for
 * @param bounds the loads searched between, {@code min..max}
 * @param probes each probe, in the order it ran
 */
public record SearchView(String over, String limitName, String limit, String minFailing, String knee, String stop,
        String target, String bounds, List<Probe> probes) {

    /**
     * One probe.
     *
     * @param order its place in the order the probes ran, from 1
     * @param point its point label ({@code c4}, {@code r2.5}), as in the points' table
     * @param load the concurrency or request rate probed
     * @param goodFraction the share of its requests that met every SLO, 4 decimals
     * @param passed whether that share reached the target
     * @param outputTokensPerSecond its output throughput
     * @param latencyAvgMs its mean request latency
     */
    public record Probe(int order, String point, String load, String goodFraction, boolean passed,
            String outputTokensPerSecond, String latencyAvgMs) {
    }

    /** What each way of stopping means, after its name. */
    private static final Map<String, String> STOPS = Map.of(
            "converged", "the highest passing and the lowest failing load are one step apart or within the precision",
            "saturated", "throughput stopped rising while latency rose: the limit is a lower bound",
            "max_passes", "the upper bound passed: the limit is at least that",
            "min_fails", "the lower bound missed the target: no load in the bounds meets it",
            "probe_limit", "the most probes allowed were taken before it converged");

    /** The view of a stored {@code search} block, or null when the job was not a search (or has not finished one). */
    @SuppressWarnings("unchecked")
    public static SearchView of(Map<String, Object> block) {
        if (block == null) {
            return null;
        }
        boolean rate = "rate".equals(block.get("over"));
        String limitName = rate ? "max_request_rate_under_slo" : "max_concurrency_under_slo";
        String unit = rate ? " req/s" : "";
        Object limit = block.get(limitName);
        List<Probe> probes = new ArrayList<>();
        if (block.get("probes") instanceof List<?> list) {
            for (Object item : list) {
                Map<String, Object> p = (Map<String, Object>) item;
                probes.add(new Probe(probes.size() + 1, String.valueOf(p.get("point")), load(p.get("load")),
                        p.get("good_request_fraction") instanceof Number f
                                ? String.format(Locale.ROOT, "%.4f", f.doubleValue())
                                : "-",
                        Boolean.TRUE.equals(p.get("passed")), number(p.get("output_token_throughput")),
                        number(p.get("request_latency_avg_ms"))));
            }
        }
        String stop = String.valueOf(block.get("stop"));
        List<?> bounds = block.get("bounds") instanceof List<?> b ? b : List.of();
        return new SearchView(rate ? "rate" : "concurrency", limitName,
                limit == null ? "none: the lowest load missed the target" : load(limit) + unit,
                block.get("min_failing") == null ? "none" : load(block.get("min_failing")) + unit,
                block.get("knee") == null ? "not reached" : load(block.get("knee")) + unit,
                STOPS.containsKey(stop) ? stop + " (" + STOPS.get(stop) + ")" : stop,
                String.valueOf(block.get("target_good_request_fraction")),
                bounds.size() == 2 ? load(bounds.get(0)) + ".." + load(bounds.get(1)) + unit : "-", probes);
    }

    private static String load(Object value) {
        if (value instanceof Number n) {
            double v = n.doubleValue();
            return v == Math.rint(v) ? Long.toString((long) v) : Cells.format(v);
        }
        return "-";
    }

    private static String number(Object value) {
        return value instanceof Number n ? Cells.format(n.doubleValue()) : "-";
    }
}
