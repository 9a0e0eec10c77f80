package io.perfsweep.cli;

import java.util.Locale;

import io.perfsweep.spec.JobLoad;
import io.perfsweep.spec.JobTimeouts;
import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine.Option;

/**
 * {@code run --search-slo FRACTION}: instead of a sweep, find the highest concurrency (or request rate) whose
 * good-request fraction under the SLO flags ({@code --ttft-slo-ms}, {@code --itl-slo-ms}) reaches FRACTION; the job
 * spec's {@code "load": {"type": "search"}}.
 */
@RegisterForReflection
public class SearchOptions {

    /** The upper bound of a concurrency search when none is given. */
    static final int DEFAULT_MAX_CONCURRENCY = 256;

    @Option(names = "--search-slo", paramLabel = "FRACTION", description = "Find the highest load whose good-request fraction (requests meeting every --ttft-slo-ms/--itl-slo-ms/--request-latency-slo-ms threshold, errors counted as not good) reaches FRACTION, e.g. 0.99: probe --search-min, double until a probe fails, then bisect; stops early when throughput no longer rises while latency does. Each probe is a point (c<N>/ or r<rate>/); the limit and the knee go to the console and <name>/search.json. Replaces --concurrencies and --rate.")
    Double targetFraction;

    @Option(names = "--search-over", paramLabel = "concurrency|rate", description = "With --search-slo: what is searched, concurrency (closed loop) or rate (open loop, requests/s; --arrival applies). Default: concurrency.")
    String over;

    @Option(names = "--search-min", paramLabel = "LOAD", description = "With --search-slo: the lowest load, the first probe. Default: 1.")
    Double min;

    @Option(names = "--search-max", paramLabel = "LOAD", description = "With --search-slo: the highest load probed. Default: 256 over concurrency; required over rate.")
    Double max;

    @Option(names = "--search-precision", paramLabel = "FRACTION", description = "With --search-slo: bisect until (failing - passing) / failing is below it. Default: 0.05 (AIPerf's).")
    Double precision;

    @Option(names = "--search-max-probes", converter = Checked.AtLeastOne.class, description = "With --search-slo: the most probes. Default: 12.")
    Integer maxProbes;

    boolean isSearch() {
        return targetFraction != null;
    }

    boolean overRate() {
        return over != null && over.toLowerCase(Locale.ROOT).equals("rate");
    }

    /**
     * What is wrong with these options given the others, or null; the bounds and fraction themselves are checked as
     * a job's are (their messages name the job spec's fields).
     */
    String conflict(boolean concurrenciesGiven, ScheduleOptions schedule, boolean anySlo) {
        if (!isSearch()) {
            return over != null || min != null || max != null || precision != null || maxProbes != null
                    ? "--search-over, --search-min, --search-max, --search-precision and --search-max-probes need"
                            + " --search-slo"
                    : null;
        }
        if (concurrenciesGiven || schedule.isRate()) {
            return "--search-slo replaces --concurrencies and --rate: the search picks the loads (bound them with"
                    + " --search-min and --search-max)";
        }
        if (schedule.isTrace()) {
            // a trace brings its own schedule (replay) or its own request list in file order, so a probe's load and
            // request count would fight the trace's; searching over a trace's prompts is not built (docs/search.md)
            return "--search-slo does not combine with --trace-file yet: a trace brings its own schedule and request"
                    + " list, which the search's probes would replace; search with synthetic prompts (--isl, --osl)";
        }
        if (over != null && !overRate() && !over.toLowerCase(Locale.ROOT).equals("concurrency")) {
            return "--search-over must be concurrency or rate, was '" + over + "'";
        }
        if (overRate() && max == null) {
            return "--search-over rate needs --search-max, the highest request rate to probe (requests/s)";
        }
        if (schedule.maxConcurrency != null) {
            return "--max-concurrency does not combine with --search-slo";
        }
        if (schedule.arrival != null && !overRate()) {
            return "--arrival needs --rate or --search-over rate";
        }
        if (schedule.arrival != null && schedule.arrivalProcess() == null) {
            return "--arrival must be poisson or constant, was '" + schedule.arrival + "'";
        }
        if (!anySlo) {
            return "--search-slo needs a threshold to judge requests by: --ttft-slo-ms, --itl-slo-ms and/or"
                    + " --request-latency-slo-ms";
        }
        return null;
    }

    /** The job spec's search load of these options. */
    JobLoad.Search load(Integer requestCount, int warmupRequestCount, JobLoad.Arrival arrival,
            JobTimeouts timeouts, Double sliceDurationSeconds, int trials) {
        return new JobLoad.Search(overRate() ? JobLoad.Over.RATE : JobLoad.Over.CONCURRENCY, min != null ? min : 1,
                max != null ? max : DEFAULT_MAX_CONCURRENCY, targetFraction, precision != null ? precision : 0.05,
                maxProbes != null ? maxProbes : JobLoad.Search.DEFAULT_MAX_PROBES, requestCount, warmupRequestCount,
                arrival, timeouts, sliceDurationSeconds, trials);
    }
}
