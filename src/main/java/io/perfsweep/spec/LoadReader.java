package io.perfsweep.spec;

import java.util.List;

/** Reads {@code load} of a job spec: its {@code type} picks the schedule and the fields it may have. */
final class LoadReader {

    static final String REQUEST_TIMEOUT = "requestTimeoutSeconds";
    static final String IDLE_TIMEOUT = "idleTimeoutSeconds";
    static final String SLICE_DURATION = "sliceDurationSeconds";
    static final String TRIALS = "trials";
    static final String WORKERS = "workers";

    private final Violations violations;

    LoadReader(Violations violations) {
        this.violations = violations;
    }

    /** The load, the concurrency default when absent, or that default after recording a wrong type. */
    JobLoad read(SpecObject load) {
        if (load == null) {
            return JobLoad.Concurrency.DEFAULT;
        }
        String type = load.string("type", "concurrency");
        return switch (type) {
            case "concurrency" -> concurrency(load);
            case "rate" -> rate(load);
            case "replay" -> replay(load);
            case "search" -> search(load);
            default -> {
                violations.add(load.path("type"), SpecObject.show(load.raw("type")),
                        "must be concurrency, rate, replay or search");
                yield JobLoad.Concurrency.DEFAULT;
            }
        };
    }

    private static JobLoad concurrency(SpecObject load) {
        load.allowOnly("a concurrency load", "type", "levels", "requestCount", "warmupRequestCount",
                REQUEST_TIMEOUT, IDLE_TIMEOUT, SLICE_DURATION, TRIALS, WORKERS);
        var d = JobLoad.Concurrency.DEFAULT;
        return new JobLoad.Concurrency(load.integers("levels", d.levels()), load.integer("requestCount", null),
                load.integer("warmupRequestCount", d.warmupRequestCount()), timeouts(load),
                load.number(SLICE_DURATION, null), load.integer(TRIALS, 1), load.integer(WORKERS, 1));
    }

    private JobLoad rate(SpecObject load) {
        load.allowOnly("a rate load", "type", "rates", "arrival", "maxConcurrency", "requestCount",
                "warmupRequestCount", REQUEST_TIMEOUT, IDLE_TIMEOUT, SLICE_DURATION, TRIALS, WORKERS);
        return new JobLoad.Rate(load.numbers("rates", List.of()), arrival(load), load.integer("maxConcurrency", null),
                load.integer("requestCount", null), load.integer("warmupRequestCount", 0), timeouts(load),
                load.number(SLICE_DURATION, null), load.integer(TRIALS, 1), load.integer(WORKERS, 1));
    }

    /** A search; {@code max} has no default (NaN here, so the rules name it as missing). */
    private JobLoad search(SpecObject load) {
        load.allowOnly("a search load", "type", "over", "min", "max", "goodRequestFraction", "precision", "maxProbes",
                "requestCount", "warmupRequestCount", "arrival", REQUEST_TIMEOUT, IDLE_TIMEOUT, SLICE_DURATION, TRIALS);
        return new JobLoad.Search(over(load), load.number("min", 1.0), load.number("max", Double.NaN),
                load.number("goodRequestFraction", 0.99), load.number("precision", 0.05),
                load.integer("maxProbes", JobLoad.Search.DEFAULT_MAX_PROBES), load.integer("requestCount", null),
                load.integer("warmupRequestCount", 0), arrival(load), timeouts(load), load.number(SLICE_DURATION, null),
                load.integer(TRIALS, 1));
    }

    private JobLoad.Over over(SpecObject load) {
        String over = load.string("over", "concurrency");
        return switch (over) {
            case "concurrency" -> JobLoad.Over.CONCURRENCY;
            case "rate" -> JobLoad.Over.RATE;
            default -> {
                violations.add(load.path("over"), SpecObject.show(load.raw("over")), "must be concurrency or rate");
                yield JobLoad.Over.CONCURRENCY;
            }
        };
    }

    /** Every load type may set the timeouts; absent fields stay null (the service's settings). */
    private static JobTimeouts timeouts(SpecObject load) {
        return new JobTimeouts(load.number(REQUEST_TIMEOUT, null), load.number(IDLE_TIMEOUT, null));
    }

    private JobLoad.Arrival arrival(SpecObject load) {
        String arrival = load.string("arrival", "poisson");
        return switch (arrival) {
            case "constant" -> JobLoad.Arrival.CONSTANT;
            case "poisson" -> JobLoad.Arrival.POISSON;
            default -> {
                violations.add(load.path("arrival"), SpecObject.show(load.raw("arrival")),
                        "must be constant or poisson");
                yield JobLoad.Arrival.POISSON;
            }
        };
    }

    private static JobLoad replay(SpecObject load) {
        load.allowOnly("a replay load", "type", "speedup", REQUEST_TIMEOUT, IDLE_TIMEOUT, SLICE_DURATION, TRIALS,
                WORKERS);
        return new JobLoad.Replay(load.number("speedup", 1.0), timeouts(load), load.number(SLICE_DURATION, null),
                load.integer(TRIALS, 1), load.integer(WORKERS, 1));
    }

    /**
     * The load of a {@code plannerProfile} job: the profiler's sweeps set every point, so only the timeouts may be
     * given (type {@code concurrency}: every point is a closed loop).
     */
    JobLoad plannerProfile(SpecObject load) {
        if (load == null) {
            return JobWorkload.PlannerProfile.load(JobTimeouts.SERVICE_DEFAULTS);
        }
        String type = load.string("type", "concurrency");
        if (!type.equals("concurrency")) {
            violations.add(load.path("type"), SpecObject.show(load.raw("type")), "must be concurrency for"
                    + " workload.type \"plannerProfile\" (every profiler point is a closed loop)");
        }
        load.allowOnly("the load of a plannerProfile job (its points are the profiler's; only the timeouts may be"
                + " set)", "type", REQUEST_TIMEOUT, IDLE_TIMEOUT);
        return JobWorkload.PlannerProfile.load(timeouts(load));
    }
}
