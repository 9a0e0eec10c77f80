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

    /**
     * How many service instances drive each point together ({@code workers}, default 1, at most
     * {@link #MAX_WORKERS}): the point is split into shares on the JetStream work queue (docs/scale-out.md). Only a
     * concurrency or rate load may set it; a replay keeps 1.
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
     */
    record Replay(double speedup, JobTimeouts timeouts, Double sliceDurationSeconds, int trials) implements JobLoad {

        public Replay {
            timeouts = timeouts == null ? JobTimeouts.SERVICE_DEFAULTS : timeouts;
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
