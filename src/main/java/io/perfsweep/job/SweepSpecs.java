package io.perfsweep.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.perfsweep.client.ClientOptions;
import io.perfsweep.load.ArrivalSchedule;
import io.perfsweep.load.LoadPoint;
import io.perfsweep.load.PrefixRatioSpec;
import io.perfsweep.load.SweepPlan;
import io.perfsweep.load.SweepSpec;

/** Translates a valid {@link JobSpec} into the sweep engine's {@link SweepSpec}. */
final class SweepSpecs {

    private SweepSpecs() {
    }

    /**
     * The sweep of {@code spec}: benchmark name = job name, one point per concurrency level, secret headers resolved.
     *
     * @throws InvalidJobException when the workload or load type is not runnable yet, or a secret is unknown
     */
    static SweepSpec toSweepSpec(JobSpec spec, ClientDefaults client, SecretResolver secrets) {
        List<String> problems = new ArrayList<>();
        if (spec.workload() instanceof JobWorkload.Prefix) {
            return prefixSweepSpec(spec, client, secrets);
        }
        if (!(spec.workload() instanceof JobWorkload.Synthetic)) {
            problems.add("workload.type '" + spec.workload().type() + "' is not supported yet; supported: synthetic,"
                    + " prefix");
        }
        if (!(spec.load() instanceof JobLoad.Concurrency) && !(spec.load() instanceof JobLoad.Rate)) {
            problems.add("load.type '" + spec.load().type() + "' is not supported yet; supported: concurrency, rate");
        }
        Map<String, String> headers = headers(spec.target(), client, secrets, problems);
        if (!problems.isEmpty()) {
            throw new InvalidJobException(problems);
        }
        var workload = (JobWorkload.Synthetic) spec.workload();
        var plan = plan(spec.load(), workload.seed());
        int maxConnections = plan.points().stream().mapToInt(LoadPoint::concurrency).max().orElseThrow();
        var options = new ClientOptions(spec.target().url(), spec.target().endpoint(), maxConnections,
                client.requestTimeout(), client.idleTimeout(), headers);
        var synthetic = new SweepSpec.SyntheticSpec(workload.islTokens(), workload.islStdTokens(),
                workload.oslTokens(), workload.oslStdTokens(), workload.seed());
        return new SweepSpec(spec.name(), options, spec.target().model(), synthetic, spec.extras().toRequestExtras(),
                plan, spec.slo().toSlo());
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
        var options = new ClientOptions(spec.target().url(), spec.target().endpoint(), benchmark.concurrency(),
                client.requestTimeout(), client.idleTimeout(), headers);
        var lengths = new SweepSpec.SyntheticSpec(benchmark.islTokens(), 0, benchmark.oslTokens(), 0,
                benchmark.initialSeed());
        return new SweepSpec(spec.name(), options, spec.target().model(), lengths, spec.extras().toRequestExtras(),
                benchmark.plan(), spec.slo().toSlo());
    }

    /**
     * The points of a concurrency or rate load. Rate points use the workload seed for their Poisson arrivals, so a job
     * resubmitted with the same spec replays the same schedule.
     */
    private static SweepPlan plan(JobLoad load, long seed) {
        if (load instanceof JobLoad.Rate rate) {
            var arrival = rate.arrival() == JobLoad.Arrival.CONSTANT ? ArrivalSchedule.Arrival.CONSTANT
                    : ArrivalSchedule.Arrival.POISSON;
            return new SweepPlan(rate.ratesPerSecond().stream()
                    .map(r -> LoadPoint.rate(r, Math.toIntExact(rate.requestCountAt(r)), rate.warmupRequestCount(),
                            arrival, rate.maxConcurrency(), seed))
                    .toList());
        }
        var concurrency = (JobLoad.Concurrency) load;
        return SweepPlan.concurrencySweep(concurrency.levels(), concurrency.requestCount(),
                concurrency.warmupRequestCount());
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
