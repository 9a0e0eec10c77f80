package io.perfsweep.spec;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** The rules on {@code workload} and {@code load}: ranges, and the ceilings of {@link JobLimits}. */
final class LoadRules {

    private final JobLimits limits;
    private final Violations violations;

    LoadRules(JobLimits limits, Violations violations) {
        this.limits = limits;
        this.violations = violations;
    }

    void validate(JobWorkload workload, JobLoad load) {
        if (workload instanceof JobWorkload.PlannerProfile profile) {
            new PlannerProfileRules(limits, violations).validate(profile);
            timeouts(load.timeouts());
            return;
        }
        if (workload instanceof JobWorkload.Synthetic synthetic) {
            synthetic(synthetic);
        } else if (workload instanceof JobWorkload.Trace trace) {
            trace(trace);
        } else if (workload instanceof JobWorkload.Prefix prefix) {
            prefix(prefix);
        }
        if (load instanceof JobLoad.Concurrency concurrency) {
            concurrency(concurrency);
        } else if (load instanceof JobLoad.Rate rate) {
            rate(rate);
        } else if (load instanceof JobLoad.Replay replay) {
            replay(replay, workload);
        } else if (load instanceof JobLoad.Search search) {
            new SearchRules(limits, violations).validate(search);
            counts(search.requestCount(), search.warmupRequestCount());
        }
        if (workload instanceof JobWorkload.Prefix) {
            prefixLoad(load);
        }
        timeouts(load.timeouts());
        sliceDuration(load.sliceDurationSeconds());
        trials(load.trials());
        workers(workload, load);
        total(workload, load);
    }

    /**
     * Instances per point: 1 to {@link JobLoad#MAX_WORKERS}. Above 1 the point is split into shares (docs/scale-out.md),
     * built so far for synthetic prompts and for a trace's replay (split by session), measured once per point: a trace
     * at a concurrency or rate, a prefix benchmark's prompts, trials and time slices are not split yet, and a job that
     * asks for them is refused rather than run on one instance.
     */
    private void workers(JobWorkload workload, JobLoad load) {
        String path = "load." + LoadReader.WORKERS;
        int workers = load.workers();
        if (!atLeast(path, workers, 1) || workers == 1) {
            return;
        }
        if (workers > JobLoad.MAX_WORKERS) {
            violations.addUnlessReported(path, workers, "must be at most " + JobLoad.MAX_WORKERS);
        } else if (workload instanceof JobWorkload.Trace && !(load instanceof JobLoad.Replay)) {
            violations.addUnlessReported(path, workers, "needs load.type \"replay\" with a trace workload (a trace's"
                    + " rows at a " + load.type() + " run on one instance)");
        } else if (!(workload instanceof JobWorkload.Synthetic) && !(workload instanceof JobWorkload.Trace)) {
            violations.addUnlessReported(path, workers, "needs workload.type \"synthetic\" or \"trace\" (a point of"
                    + " workload.type \"" + workload.type() + "\" runs on one instance)");
        } else if (load.trials() > 1) {
            violations.addUnlessReported(path, workers, "needs load.trials 1 (trials of a shared point are not"
                    + " supported)");
        } else if (load.sliceDurationSeconds() != null) {
            violations.addUnlessReported(path, workers, "needs no load.sliceDurationSeconds (a shared point is not"
                    + " sliced)");
        }
    }

    /** AIPerf's slice duration: at least {@value JobLoad#MIN_SLICE_SECONDS} s, no longer than a job may run. */
    private void sliceDuration(Double seconds) {
        if (seconds != null && !(seconds >= JobLoad.MIN_SLICE_SECONDS)) {
            violations.addUnlessReported("load." + LoadReader.SLICE_DURATION, seconds, "must be a number of seconds,"
                    + " " + JobLoad.MIN_SLICE_SECONDS + " or more");
        } else if (seconds != null) {
            atMostJobDuration("load." + LoadReader.SLICE_DURATION, seconds);
        }
    }

    /**
     * A request timeout above 0 (it is what bounds a point against a server that never answers), an idle timeout of
     * 0 (off) or more; neither longer than a job may run.
     */
    private void timeouts(JobTimeouts timeouts) {
        Double request = timeouts.requestTimeoutSeconds();
        if (request != null && !(request > 0)) {
            violations.addUnlessReported("load." + LoadReader.REQUEST_TIMEOUT, request, "must be a number of seconds"
                    + " above 0");
        } else if (request != null) {
            atMostJobDuration("load." + LoadReader.REQUEST_TIMEOUT, request);
        }
        Double idle = timeouts.idleTimeoutSeconds();
        if (idle != null && !(idle >= 0)) {
            violations.addUnlessReported("load." + LoadReader.IDLE_TIMEOUT, idle, "must be a number of seconds,"
                    + " 0 or more (0 turns the idle timeout off)");
        } else if (idle != null) {
            atMostJobDuration("load." + LoadReader.IDLE_TIMEOUT, idle);
        }
    }

    /** Trials per point: 1 to {@link JobLoad#MAX_TRIALS}, as AIPerf's {@code --num-profile-runs}. */
    private void trials(int trials) {
        if (atLeast("load." + LoadReader.TRIALS, trials, 1) && trials > JobLoad.MAX_TRIALS) {
            violations.addUnlessReported("load." + LoadReader.TRIALS, trials, "must be at most "
                    + JobLoad.MAX_TRIALS + " (AIPerf's --num-profile-runs range)");
        }
    }

    private void atMostJobDuration(String path, double seconds) {
        long maxSeconds = limits.maxJobDuration().toSeconds();
        if (seconds > maxSeconds) {
            violations.addUnlessReported(path, seconds, "exceeds the maximum job duration " + maxSeconds
                    + " s (perfsweep.limits.max-job-duration)");
        }
    }

    /** The router benchmark runs every ratio at one concurrency, without warm-up, as the script does. */
    private void prefixLoad(JobLoad load) {
        if (!(load instanceof JobLoad.Concurrency concurrency)) {
            violations.addUnlessReported("load.type", "\"" + load.type() + "\"",
                    "must be concurrency for workload.type \"prefix\" (one level, every ratio runs at it)");
            return;
        }
        if (concurrency.levels().size() > 1) {
            violations.addUnlessReported("load.levels", "load.levels has " + concurrency.levels().size()
                    + " levels; workload.type \"prefix\" runs every prefix ratio at one concurrency level");
        }
        if (concurrency.warmupRequestCount() > 0) {
            violations.addUnlessReported("load.warmupRequestCount", concurrency.warmupRequestCount(),
                    "must be 0 for workload.type \"prefix\" (the router benchmark has no warm-up)");
        }
        if (concurrency.sliceDurationSeconds() != null) {
            violations.addUnlessReported("load." + LoadReader.SLICE_DURATION, concurrency.sliceDurationSeconds(),
                    "is not supported for workload.type \"prefix\" (the router benchmark is not sliced)");
        }
        if (concurrency.trials() > 1) {
            violations.addUnlessReported("load." + LoadReader.TRIALS, concurrency.trials(),
                    "must be 1 for workload.type \"prefix\" (the router benchmark runs each ratio once)");
        }
    }

    private void synthetic(JobWorkload.Synthetic synthetic) {
        isl("workload.isl", synthetic.islTokens());
        atLeast("workload.islStd", synthetic.islStdTokens(), 0);
        osl("workload.osl", synthetic.oslTokens());
        atLeast("workload.oslStd", synthetic.oslStdTokens(), 0);
    }

    private void trace(JobWorkload.Trace trace) {
        long sources = Stream.of(trace.file(), trace.url(), trace.traceId())
                .filter(Objects::nonNull).count();
        if (sources != 1) {
            violations.addUnlessReported("workload", "workload of type trace needs exactly one of workload.file,"
                    + " workload.url and workload.traceId");
        }
        if (trace.file() != null && trace.file().isBlank()) {
            violations.addUnlessReported("workload.file", "\"\"", "must not be blank");
        }
        if (trace.traceId() != null && trace.traceId().isBlank()) {
            violations.addUnlessReported("workload.traceId", "\"\"", "must not be blank");
        }
        if (trace.url() != null) {
            TargetUrls.check("workload.url", trace.url(), violations);
        }
        atLeast("workload.blockSize", trace.blockSizeTokens(), 1);
    }

    private void prefix(JobWorkload.Prefix prefix) {
        points("workload.prefixRatios", prefix.prefixRatios().size());
        List<Double> ratios = prefix.prefixRatios();
        for (int i = 0; i < ratios.size(); i++) {
            if (!(ratios.get(i) >= 0 && ratios.get(i) <= 1)) {
                violations.addUnlessReported("workload.prefixRatios[" + i + "]", ratios.get(i),
                        "must be between 0 and 1");
            }
        }
        isl("workload.isl", prefix.islTokens());
        osl("workload.osl", prefix.oslTokens());
        atLeast("workload.prefixPromptCount", prefix.prefixPromptCount(), 1);
    }

    private void concurrency(JobLoad.Concurrency load) {
        List<Integer> levels = load.levels();
        points("load.levels", levels.size());
        for (int i = 0; i < levels.size(); i++) {
            int first = levels.indexOf(levels.get(i));
            if (first < i) {
                violations.addUnlessReported("load.levels[" + i + "]", levels.get(i),
                        "repeats load.levels[" + first + "]; each level runs once");
            } else {
                concurrencyLevel("load.levels[" + i + "]", levels.get(i));
            }
        }
        counts(load.requestCount(), load.warmupRequestCount());
    }

    private void rate(JobLoad.Rate load) {
        List<Double> rates = load.ratesPerSecond();
        points("load.rates", rates.size());
        for (int i = 0; i < rates.size(); i++) {
            if (!(rates.get(i) > 0 && Double.isFinite(rates.get(i)))) {
                violations.addUnlessReported("load.rates[" + i + "]", rates.get(i),
                        "must be a number of requests per second above 0");
            }
        }
        if (load.maxConcurrency() != null) {
            concurrencyLevel("load.maxConcurrency", load.maxConcurrency());
        }
        counts(load.requestCount(), load.warmupRequestCount());
    }

    private void replay(JobLoad.Replay replay, JobWorkload workload) {
        if (!(replay.speedup() > 0 && Double.isFinite(replay.speedup()))) {
            violations.addUnlessReported("load.speedup", replay.speedup(), "must be a number above 0");
        }
        if (!(workload instanceof JobWorkload.Trace)) {
            violations.addUnlessReported("load.type", "\"replay\"",
                    "needs workload.type \"trace\", was \"" + workload.type() + "\"");
        }
    }

    /** The job-wide ceiling, checked only when every point is valid: otherwise the point's violation says it. */
    private void total(JobWorkload workload, JobLoad load) {
        if (violations.hasAnyUnder("load")) {
            return;
        }
        long total = workload instanceof JobWorkload.Prefix prefix && load instanceof JobLoad.Concurrency c
                ? (long) prefix.prefixRatios().size() * JobWorkload.Prefix.requestCount(c)
                : load.totalRequestCount();
        if (total > limits.maxTotalRequests()) {
            violations.addUnlessReported("load", "load sends " + total + " requests in total (all points, warm-up"
                    + " included), more than the maximum " + limits.maxTotalRequests()
                    + " per job (perfsweep.limits.max-total-requests)");
        }
    }

    private void points(String path, int count) {
        if (count == 0 && !violations.hasAnyUnder(path)) {
            violations.addUnlessReported(path, path + " must not be empty");
        } else if (count > limits.maxLevels()) {
            violations.addUnlessReported(path, path + " has " + count + " entries, more than the maximum "
                    + limits.maxLevels() + " (perfsweep.limits.max-levels)");
        }
    }

    private void concurrencyLevel(String path, int concurrency) {
        if (atLeast(path, concurrency, 1) && concurrency > limits.maxConcurrency()) {
            violations.addUnlessReported(path, concurrency, "exceeds the maximum concurrency "
                    + limits.maxConcurrency() + " (perfsweep.limits.max-concurrency)");
        }
    }

    private void counts(Integer requestCount, int warmupRequestCount) {
        if (requestCount != null && atLeast("load.requestCount", requestCount, 1)) {
            atMostRequests("load.requestCount", requestCount);
        }
        if (atLeast("load.warmupRequestCount", warmupRequestCount, 0)) {
            atMostRequests("load.warmupRequestCount", warmupRequestCount);
        }
    }

    private void atMostRequests(String path, int count) {
        if (count > limits.maxRequestCount()) {
            violations.addUnlessReported(path, count, "exceeds the maximum request count per point "
                    + limits.maxRequestCount() + " (perfsweep.limits.max-request-count)");
        }
    }

    private void isl(String path, int tokens) {
        if (atLeast(path, tokens, 1) && tokens > limits.maxIslTokens()) {
            violations.addUnlessReported(path, tokens, "exceeds the maximum input sequence length "
                    + limits.maxIslTokens() + " tokens (perfsweep.limits.max-isl)");
        }
    }

    private void osl(String path, int tokens) {
        if (atLeast(path, tokens, 1) && tokens > limits.maxOslTokens()) {
            violations.addUnlessReported(path, tokens, "exceeds the maximum output sequence length "
                    + limits.maxOslTokens() + " tokens (perfsweep.limits.max-osl)");
        }
    }

    /** Whether {@code value} is at least {@code min}; records a violation when not. */
    private boolean atLeast(String path, int value, int min) {
        if (value >= min) {
            return true;
        }
        violations.addUnlessReported(path, value, min == 0 ? "must not be negative" : "must be at least " + min);
        return false;
    }
}
