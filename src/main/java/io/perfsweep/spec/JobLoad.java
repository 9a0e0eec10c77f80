package io.perfsweep.spec;

import java.util.List;

/**
 * How hard a job pushes: the points of the sweep. In JSON, {@code type} selects the schedule (default
 * {@code concurrency}).
 */
public sealed interface JobLoad {

    /** The {@code type} value of this load in JSON. */
    String type();

    /** Requests the job sends in total, measured and warm-up, over all points. */
    long totalRequestCount();

    /** The job's request and idle timeouts; {@link JobTimeouts#SERVICE_DEFAULTS} when it sets neither. */
    JobTimeouts timeouts();

    /**
     * AIPerf's {@code --slice-duration} in seconds ({@code sliceDurationSeconds}): each point's metrics are also given
     * per time slice of its measured window; null (default) for none.
     */
    Double sliceDurationSeconds();

    /**
     * How many times each point runs back to back ({@code trials}, default 1, at most {@link #MAX_TRIALS}): AIPerf's
     * {@code --num-profile-runs}, the point then reports each metric's mean over trials with a confidence interval.
     */
    int trials();

    /** The most trials a point may run, as AIPerf's {@code --num-profile-runs} allows. */
    int MAX_TRIALS = 10;

    /** The shortest time slice (s): shorter ones hold a scrape or two and few requests each (and many of them). */
    double MIN_SLICE_SECONDS = 0.1;

    /**
     * How many service instances drive each point together ({@code workers}, default 1, at most
     * {@link #MAX_WORKERS}): the point is split into shares on the JetStream work queue (docs/scale-out.md). A
     * concurrency, rate or replay load may set it; a search keeps 1.
     */
    default int workers() {
        return 1;
    }

    /** The most instances one point may be shared by. */
    int MAX_WORKERS = 64;

    /**
     * A closed-loop sweep: each level keeps that many requests in flight ({@code "type": "concurrency"}).
     *
     * @param levels concurrency levels, run in order (default 1, 2, 5, 10, 50, 100, 250)
     * @param requestCount measured requests per level; null (default) means Dynamo's {@code max(3·c, 10)}
     * @param warmupRequestCount requests per level sent first and kept out of the results (default 0)
     * @param timeouts the request and idle timeouts (default the service's)
     * @param sliceDurationSeconds time slices of each point, or null (default) for none
     * @param trials runs of each level, back to back (default 1)
     * @param workers instances that drive each level together (default 1)
     */
    record Concurrency(List<Integer> levels, Integer requestCount, int warmupRequestCount, JobTimeouts timeouts,
            Double sliceDurationSeconds, int trials, int workers) implements JobLoad {
        /** Every default: Dynamo's levels, {@code max(3·c, 10)} requests, no warm-up. */
        public static final Concurrency DEFAULT = new Concurrency(List.of(1, 2, 5, 10, 50, 100, 250), null, 0);

        public Concurrency {
            levels = List.copyOf(levels);
            timeouts = timeouts == null ? JobTimeouts.SERVICE_DEFAULTS : timeouts;
        }

        /** On one instance. */
        public Concurrency(List<Integer> levels, Integer requestCount, int warmupRequestCount, JobTimeouts timeouts,
                Double sliceDurationSeconds, int trials) {
            this(levels, requestCount, warmupRequestCount, timeouts, sliceDurationSeconds, trials, 1);
        }

        /** Without time slices, one trial. */
        public Concurrency(List<Integer> levels, Integer requestCount, int warmupRequestCount, JobTimeouts timeouts) {
            this(levels, requestCount, warmupRequestCount, timeouts, null, 1);
        }

        /** With the service's timeouts. */
        public Concurrency(List<Integer> levels, Integer requestCount, int warmupRequestCount) {
            this(levels, requestCount, warmupRequestCount, JobTimeouts.SERVICE_DEFAULTS);
        }

        /** Measured requests at one level: {@link #requestCount}, else {@code max(3·c, 10)}. */
        public int requestCountAt(int concurrency) {
            return requestCount != null ? requestCount : Math.max(3 * concurrency, 10);
        }

        @Override
        public long totalRequestCount() {
            // max(3·c, 10) in long arithmetic: the levels may not have been checked against the ceiling yet
            return levels.stream().mapToLong(c -> (requestCount != null ? requestCount : Math.max(3L * c, 10))
                    * Math.max(trials, 1) + warmupRequestCount).sum();
        }

        @Override
        public String type() {
            return "concurrency";
        }
    }

    /**
     * An open-loop sweep: each point sends requests at a fixed rate ({@code "type": "rate"}) on an absolute schedule;
     * latency is also reported from each request's intended start (no coordinated omission).
     *
     * @param ratesPerSecond request rates, requests/s, run in order, JSON {@code rates}; required
     * @param arrival {@code constant} (fixed gaps) or {@code poisson} (exponential gaps, default, as AIPerf)
     * @param maxConcurrency cap on requests in flight; null (default) for none
     * @param requestCount measured requests per rate; null (default) means {@code max(3·⌈rate⌉, 10)}
     * @param warmupRequestCount requests per rate sent first and kept out of the results (default 0)
     * @param timeouts the request and idle timeouts (default the service's)
     * @param sliceDurationSeconds time slices of each point, or null (default) for none
     * @param trials runs of each rate, back to back (default 1)
     * @param workers instances that drive each rate together (default 1)
     */
    record Rate(List<Double> ratesPerSecond, Arrival arrival, Integer maxConcurrency, Integer requestCount,
            int warmupRequestCount, JobTimeouts timeouts, Double sliceDurationSeconds, int trials, int workers)
            implements
                JobLoad {

        public Rate {
            ratesPerSecond = List.copyOf(ratesPerSecond);
            timeouts = timeouts == null ? JobTimeouts.SERVICE_DEFAULTS : timeouts;
        }

        /** On one instance. */
        public Rate(List<Double> ratesPerSecond, Arrival arrival, Integer maxConcurrency, Integer requestCount,
                int warmupRequestCount, JobTimeouts timeouts, Double sliceDurationSeconds, int trials) {
            this(ratesPerSecond, arrival, maxConcurrency, requestCount, warmupRequestCount, timeouts,
                    sliceDurationSeconds, trials, 1);
        }

        /** Without time slices, one trial. */
        public Rate(List<Double> ratesPerSecond, Arrival arrival, Integer maxConcurrency, Integer requestCount,
                int warmupRequestCount, JobTimeouts timeouts) {
            this(ratesPerSecond, arrival, maxConcurrency, requestCount, warmupRequestCount, timeouts, null, 1);
        }

        /** With the service's timeouts. */
        public Rate(List<Double> ratesPerSecond, Arrival arrival, Integer maxConcurrency, Integer requestCount,
                int warmupRequestCount) {
            this(ratesPerSecond, arrival, maxConcurrency, requestCount, warmupRequestCount,
                    JobTimeouts.SERVICE_DEFAULTS);
        }

        /** Measured requests at one rate: {@link #requestCount}, else {@code max(3·⌈rate⌉, 10)}. */
        public long requestCountAt(double ratePerSecond) {
            return requestCount != null ? requestCount : Math.max(3 * (long) Math.ceil(ratePerSecond), 10);
        }

        @Override
        public long totalRequestCount() {
            return ratesPerSecond.stream()
                    .mapToLong(r -> requestCountAt(r) * Math.max(trials, 1) + warmupRequestCount).sum();
        }

        @Override
        public String type() {
            return "rate";
        }
    }

    /**
     * The highest load that meets the job's SLOs ({@code "type": "search"}): probes of one load each, chosen by
     * bracketing (doubling from {@code min}) then bisection, until the highest probe whose good-request fraction
     * reaches {@code goodRequestFraction} and the lowest that misses it are within {@code precision}; it stops early on
     * saturation. Each probe is a point of its own ({@code c<N>} or {@code r<rate>}), stored as a sweep point is.
     * Needs at least one {@code slo} threshold.
     *
     * @param over what is searched: {@code concurrency} (closed loop, default) or {@code rate} (open loop)
     * @param min the lowest load, the first probe (default 1)
     * @param max the highest load probed; required
     * @param goodRequestFraction the share of requests (errors included) that must meet every SLO (default 0.99)
     * @param precision the bisection ends once {@code (failing − passing) / failing} is below it (default 0.05,
     *        AIPerf's)
     * @param maxProbes the most probes (points) the search runs (default {@value #DEFAULT_MAX_PROBES})
     * @param requestCount measured requests per probe; null (default) means {@code max(3·load, 100)}
     * @param warmupRequestCount requests per probe sent first and kept out of the results (default 0)
     * @param arrival how a rate probe spaces its requests (default poisson); unused over concurrency
     * @param timeouts the request and idle timeouts (default the service's)
     * @param sliceDurationSeconds time slices of each probe, or null (default) for none
     * @param trials runs of each probe, back to back (default 1); the probe's fraction is the trials' mean
     */
    record Search(Over over, double min, double max, double goodRequestFraction, double precision, int maxProbes,
            Integer requestCount, int warmupRequestCount, Arrival arrival, JobTimeouts timeouts,
            Double sliceDurationSeconds, int trials) implements JobLoad {

        /** The most probes by default: AIPerf's monotonic search takes about 10 on [1, 1000]. */
        public static final int DEFAULT_MAX_PROBES = 12;
        /** The fewest measured requests a probe sends by default: a fraction of 0.99 needs 100 to be told apart. */
        public static final int MIN_DEFAULT_REQUEST_COUNT = 100;

        public Search {
            timeouts = timeouts == null ? JobTimeouts.SERVICE_DEFAULTS : timeouts;
            arrival = arrival == null ? Arrival.POISSON : arrival;
        }

        /** Measured requests at one probe: {@link #requestCount}, else {@code max(3·⌈load⌉, 100)}. */
        public int requestCountAt(double load) {
            return requestCount != null ? requestCount
                    : (int) Math.min(Integer.MAX_VALUE, Math.max(3 * (long) Math.ceil(load), MIN_DEFAULT_REQUEST_COUNT));
        }

        @Override
        public long totalRequestCount() {
            // the worst case: every probe at the upper bound
            return (long) maxProbes * ((long) requestCountAt(max) * Math.max(trials, 1) + warmupRequestCount);
        }

        @Override
        public String type() {
            return "search";
        }
    }

    /** What a {@link Search} varies. */
    enum Over {
        /** Requests kept in flight (closed loop): the answer is {@code max_concurrency_under_slo}. */
        CONCURRENCY,
        /** Requests sent per second (open loop): the answer is {@code max_request_rate_under_slo}. */
        RATE
    }

    /** How requests of a {@link Rate} point are spaced. */
    enum Arrival {
        /** Equal gaps of {@code 1/rate}. */
        CONSTANT,
        /** Exponentially distributed gaps with mean {@code 1/rate}. */
        POISSON
    }

    /**
     * Replays a trace workload at its own timestamps ({@code "type": "replay"}): one point, each row sent at
     * {@code (timestamp − first timestamp) / speedup} on an absolute schedule; a later turn of a session instead
     * leaves its {@code delay / speedup} after the previous turn completed. Needs {@code workload.type} {@code trace}.
     *
     * @param speedup factor that divides the trace's timestamps (default 1: real time)
     * @param timeouts the request and idle timeouts (default the service's)
     * @param sliceDurationSeconds time slices of the point, or null (default) for none
     * @param trials replays of the trace, back to back (default 1)
     * @param workers instances that replay the trace together, each its own whole sessions (default 1)
     */
    record Replay(double speedup, JobTimeouts timeouts, Double sliceDurationSeconds, int trials, int workers)
            implements
                JobLoad {

        public Replay {
            timeouts = timeouts == null ? JobTimeouts.SERVICE_DEFAULTS : timeouts;
        }

        /** On one instance. */
        public Replay(double speedup, JobTimeouts timeouts, Double sliceDurationSeconds, int trials) {
            this(speedup, timeouts, sliceDurationSeconds, trials, 1);
        }

        /** Without time slices, one trial. */
        public Replay(double speedup, JobTimeouts timeouts) {
            this(speedup, timeouts, null, 1);
        }

        /** With the service's timeouts. */
        public Replay(double speedup) {
            this(speedup, JobTimeouts.SERVICE_DEFAULTS);
        }

        @Override
        public long totalRequestCount() {
            return 0; // the trace decides: its rows meet the ceilings once read (JobSubmissions.prepare)
        }

        @Override
        public String type() {
            return "replay";
        }
    }
}
