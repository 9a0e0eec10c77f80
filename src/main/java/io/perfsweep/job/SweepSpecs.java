package io.perfsweep.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.perfsweep.client.ClientOptions;
import io.perfsweep.client.EndpointKind;
import io.perfsweep.load.ArrivalSchedule;
import io.perfsweep.load.LoadPoint;
import io.perfsweep.load.PrefixRatioSpec;
import io.perfsweep.load.SearchPlan;
import io.perfsweep.load.SessionTurns;
import io.perfsweep.load.SloSearch;
import io.perfsweep.load.SweepPlan;
import io.perfsweep.load.SweepSpec;
import io.perfsweep.metrics.Slo;
import io.perfsweep.server.MetricsEndpoints;
import io.perfsweep.spec.InvalidJobException;
import io.perfsweep.spec.JobExtras;
import io.perfsweep.spec.JobLoad;
import io.perfsweep.spec.JobSlo;
import io.perfsweep.spec.JobSpec;
import io.perfsweep.spec.JobTarget;
import io.perfsweep.spec.JobTimeouts;
import io.perfsweep.spec.JobWorkload;
import io.perfsweep.workload.TraceRequest;

/** Translates a valid {@link JobSpec} into the sweep engine's {@link SweepSpec}. */
final class SweepSpecs {

    private SweepSpecs() {
    }

    /**
     * The sweep of {@code spec}: benchmark name = job name, one point per concurrency level or rate (or one replay
     * point), secret headers resolved.
     *
     * @param traceRows the rows of a trace workload, already read and checked; null for other workloads
     * @throws InvalidJobException when a replayed row has no timestamp, or a secret is unknown
     */
    static SweepSpec toSweepSpec(JobSpec spec, ClientDefaults client, SecretResolver secrets,
            List<TraceRequest> traceRows) {
        if (spec.workload() instanceof JobWorkload.Prefix) {
            return prefixSweepSpec(spec, client, secrets);
        }
        if (spec.workload() instanceof JobWorkload.PlannerProfile profile) {
            return plannerProfileSweepSpec(spec, profile, client, secrets);
        }
        List<String> problems = new ArrayList<>();
        if (spec.workload() instanceof JobWorkload.Trace && traceRows == null) {
            throw new IllegalArgumentException("a trace workload needs its rows read first");
        }
        if (spec.load() instanceof JobLoad.Replay) {
            untimedRows(traceRows, problems);
        }
        Map<String, String> headers = headers(spec.target(), client, secrets, problems);
        if (!problems.isEmpty()) {
            throw new InvalidJobException(problems);
        }
        SweepSpec.SyntheticSpec synthetic;
        SweepSpec.TraceSpec trace = null;
        if (spec.workload() instanceof JobWorkload.Trace t) {
            trace = new SweepSpec.TraceSpec(traceRows, t.blockSizeTokens(), t.seed());
            synthetic = meanLengths(traceRows, t.seed());
        } else {
            var s = (JobWorkload.Synthetic) spec.workload();
            synthetic = new SweepSpec.SyntheticSpec(s.islTokens(), s.islStdTokens(), s.oslTokens(), s.oslStdTokens(),
                    s.seed());
        }
        var plan = plan(spec.load(), synthetic.seed(), traceRows == null ? null : traceRows.size());
        int maxConnections = plan.points().stream().mapToInt(LoadPoint::concurrency).max().orElseThrow();
        if (spec.load() instanceof JobLoad.Search search) {
            maxConnections = searchPlan(search, synthetic.seed()).point(search.max()).concurrency();
        }
        JobTimeouts timeouts = spec.load().timeouts();
        var options = new ClientOptions(spec.target().url(), endpoint(spec.target()), maxConnections,
                timeouts.requestTimeout(client.requestTimeout()), timeouts.idleTimeout(client.idleTimeout()), headers);
        return new SweepSpec(spec.name(), options, spec.target().model(), synthetic, requestExtras(spec.extras()),
                plan, slo(spec.slo()), trace, serverMetrics(spec.target()));
    }

    /** The client's endpoint of the target. */
    static EndpointKind endpoint(JobTarget target) {
        return switch (target.endpoint()) {
            case CHAT -> EndpointKind.CHAT;
            case COMPLETIONS -> EndpointKind.COMPLETIONS;
        };
    }

    /** The sweep engine's form of the request extras. */
    static SweepSpec.RequestExtras requestExtras(JobExtras extras) {
        return new SweepSpec.RequestExtras(extras.minTokens(), extras.ignoreEos(), extras.nvextIgnoreEos());
    }

    /** The metrics package's form of the goodput thresholds. */
    static Slo slo(JobSlo slo) {
        return new Slo(slo.ttftMs(), slo.itlMs(), slo.requestLatencyMs(), slo.minTokensPerSecPerUser());
    }

    /** The Prometheus endpoints of the target, none when its server metrics are off. */
    static List<String> serverMetrics(JobTarget target) {
        return target.serverMetrics() ? MetricsEndpoints.of(target.url(), target.metricsUrls()) : List.of();
    }

    /**
     * The router benchmark of a prefix job: every URL of the target, one point per ratio at the load's one
     * concurrency level. Null for other workloads.
     */
    static PrefixRatioSpec prefixRatioSpec(JobSpec spec) {
        if (!(spec.workload() instanceof JobWorkload.Prefix prefix)) {
            return null;
        }
        var load = (JobLoad.Concurrency) spec.load();
        return new PrefixRatioSpec(prefix.prefixRatios(), prefix.islTokens(), prefix.oslTokens(),
                JobWorkload.Prefix.requestCount(load), load.levels().get(0), prefix.prefixPromptCount(), prefix.seed(),
                spec.target().urls());
    }

    /** The base sweep of a prefix job: its first URL, model, extras and SLO; the plan has one point per ratio. */
    private static SweepSpec prefixSweepSpec(JobSpec spec, ClientDefaults client, SecretResolver secrets) {
        List<String> problems = new ArrayList<>();
        Map<String, String> headers = headers(spec.target(), client, secrets, problems);
        if (!problems.isEmpty()) {
            throw new InvalidJobException(problems);
        }
        PrefixRatioSpec benchmark = prefixRatioSpec(spec);
        JobTimeouts timeouts = spec.load().timeouts();
        var options = new ClientOptions(spec.target().url(), endpoint(spec.target()), benchmark.concurrency(),
                timeouts.requestTimeout(client.requestTimeout()), timeouts.idleTimeout(client.idleTimeout()), headers);
        var lengths = new SweepSpec.SyntheticSpec(benchmark.islTokens(), 0, benchmark.oslTokens(), 0,
                benchmark.initialSeed());
        return new SweepSpec(spec.name(), options, spec.target().model(), lengths, requestExtras(spec.extras()),
                benchmark.plan(), slo(spec.slo()));
    }

    /**
     * The profiler's points of a planner-profile job, as the job gives them (the decode points only when it names the
     * KV capacity; the runner plans them once it knows the server's). Null for other workloads.
     */
    static PlannerProfilePlan plannerProfilePlan(JobSpec spec) {
        return spec.workload() instanceof JobWorkload.PlannerProfile profile ? PlannerProfilePlan.of(profile) : null;
    }

    /**
     * The base sweep of a planner-profile job: its target, model, extras, SLO and server metrics, the profiler's
     * points as the plan, and as workload the first prefill point's lengths with the job's seed (each point runs with
     * its own lengths, {@link PlannerProfilePlan#runPoint}).
     */
    private static SweepSpec plannerProfileSweepSpec(JobSpec spec, JobWorkload.PlannerProfile profile,
            ClientDefaults client, SecretResolver secrets) {
        List<String> problems = new ArrayList<>();
        Map<String, String> headers = headers(spec.target(), client, secrets, problems);
        if (!problems.isEmpty()) {
            throw new InvalidJobException(problems);
        }
        PlannerProfilePlan plan = PlannerProfilePlan.of(profile);
        JobTimeouts timeouts = spec.load().timeouts();
        var options = new ClientOptions(spec.target().url(), endpoint(spec.target()), 1,
                timeouts.requestTimeout(client.requestTimeout()), timeouts.idleTimeout(client.idleTimeout()), headers);
        var first = plan.points().get(0);
        var lengths = new SweepSpec.SyntheticSpec(first.isl(), 0, first.osl(), 0, profile.seed());
        return new SweepSpec(spec.name(), options, spec.target().model(), lengths, requestExtras(spec.extras()),
                plan.sweepPlan(), slo(spec.slo()), null, serverMetrics(spec.target()));
    }

    /**
     * The points of a concurrency, rate or replay load. Rate points use the workload seed for their Poisson arrivals,
     * so a job resubmitted with the same spec replays the same schedule. With a trace, a point without a request
     * count sends every row once.
     *
     * @param traceRowCount rows of the trace workload, or null for synthetic prompts
     */
    private static SweepPlan plan(JobLoad load, long seed, Integer traceRowCount) {
        if (load instanceof JobLoad.Search search) {
            return new SweepPlan(List.of(searchPlan(search, seed).point(search.min())));
        }
        if (load instanceof JobLoad.Replay replay) {
            return new SweepPlan(List.of(LoadPoint.replay(replay.speedup(), traceRowCount)));
        }
        if (load instanceof JobLoad.Rate rate) {
            var arrival = rate.arrival() == JobLoad.Arrival.CONSTANT ? ArrivalSchedule.Arrival.CONSTANT
                    : ArrivalSchedule.Arrival.POISSON;
            return new SweepPlan(rate.ratesPerSecond().stream()
                    .map(r -> LoadPoint.rate(r, traceRowCount != null && rate.requestCount() == null ? traceRowCount
                            : Math.toIntExact(rate.requestCountAt(r)), rate.warmupRequestCount(), arrival,
                            rate.maxConcurrency(), seed))
                    .toList());
        }
        var concurrency = (JobLoad.Concurrency) load;
        Integer requestCount = concurrency.requestCount() != null ? concurrency.requestCount() : traceRowCount;
        return SweepPlan.concurrencySweep(concurrency.levels(), requestCount, concurrency.warmupRequestCount());
    }

    /** How the probes of a search load are chosen and made; null for other loads. */
    static SearchPlan searchPlan(JobSpec spec) {
        if (!(spec.load() instanceof JobLoad.Search search)) {
            return null;
        }
        return searchPlan(search, spec.workload() instanceof JobWorkload.Synthetic s ? s.seed()
                : ((JobWorkload.Trace) spec.workload()).seed());
    }

    private static SearchPlan searchPlan(JobLoad.Search search, long seed) {
        boolean rate = search.over() == JobLoad.Over.RATE;
        var settings = new SloSearch.Settings(search.min(), search.max(), !rate, search.goodRequestFraction(),
                search.precision(), search.maxProbes());
        var arrival = search.arrival() == JobLoad.Arrival.CONSTANT ? ArrivalSchedule.Arrival.CONSTANT
                : ArrivalSchedule.Arrival.POISSON;
        return new SearchPlan(settings, rate, search.requestCount(), search.warmupRequestCount(), arrival, seed);
    }

    /**
     * A replay sends each row at its timestamp, except later turns of a session (sent after the previous turn): other
     * rows without a timestamp are reported by position (the first ten).
     */
    private static void untimedRows(List<TraceRequest> rows, List<String> problems) {
        int[] previousTurn = SessionTurns.previousRows(rows);
        List<Integer> untimed = IntStream.range(0, rows.size())
                .filter(i -> rows.get(i).timestampMillis() == null && previousTurn[i] < 0).boxed().toList();
        if (!untimed.isEmpty()) {
            String listed = untimed.stream().limit(10).map(i -> String.valueOf(i + 1)).collect(Collectors.joining(", "));
            problems.add("load.type 'replay' sends each trace row at its timestamp, but " + untimed.size()
                    + " row(s) have none: rows " + listed + (untimed.size() > 10 ? ", …" : "")
                    + "; use load.type 'concurrency' to send them in order");
        }
    }

    /** What a trace asks for on average, for the run identity and exports (the rows carry their own lengths). */
    private static SweepSpec.SyntheticSpec meanLengths(List<TraceRequest> rows, long seed) {
        int isl = (int) Math.round(rows.stream().mapToInt(TraceRequest::inputTokens).average().orElse(0));
        int osl = (int) Math.round(rows.stream().mapToInt(TraceRequest::outputTokens).average().orElse(0));
        return new SweepSpec.SyntheticSpec(isl, 0, osl, 0, seed);
    }

    /** The service-wide headers, overridden (ignoring case) by the job's own, resolved from their secrets. */
    private static Map<String, String> headers(JobTarget target, ClientDefaults client, SecretResolver secrets,
            List<String> problems) {
        Map<String, String> headers = new LinkedHashMap<>(client.headers());
        target.headers().forEach((name, ref) -> {
            headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
            Optional<String> value = secrets.resolve(ref.secretRef());
            if (value.isPresent()) {
                headers.put(name, value.get());
            } else {
                problems.add("target.headers." + name + ".secretRef = \"" + ref.secretRef()
                        + "\" names a secret this service does not have");
            }
        });
        return headers;
    }
}
