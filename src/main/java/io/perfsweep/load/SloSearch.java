package io.perfsweep.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The highest load whose good-request fraction meets a target, found as AIPerf's {@code monotonic} SLA search does:
 * probe the lower bound, then double until a probe fails (or the upper bound passes), then bisect between the highest
 * passing and the lowest failing probe until they are one step apart or within {@link Settings#precision} of each
 * other. It also stops early on saturation: a passing probe whose throughput rose by less than
 * {@value #SATURATION_THROUGHPUT_GAIN} while its latency rose by more than {@value #SATURATION_LATENCY_RISE} over the
 * probe before it (more load only queues).
 * <p>
 * Pure: the caller runs each level {@link #next()} asks for and hands back what it measured ({@link #record}); the
 * sequence of probes is a function of those results alone, so it is tested without a server.
 */
public final class SloSearch {

    /** A throughput gain below this fraction (5 %) counts as "no longer rising". */
    public static final double SATURATION_THROUGHPUT_GAIN = 0.05;
    /** A latency rise above this fraction (10 %) counts as "rising". */
    public static final double SATURATION_LATENCY_RISE = 0.10;

    private final Settings settings;
    private final List<Probe> probes = new ArrayList<>();
    private Double highestPassing;
    private Double lowestFailing;
    private Stop stop;

    public SloSearch(Settings settings) {
        this.settings = settings;
    }

    /**
     * What bounds the search.
     *
     * @param min the lowest load probed (first probe)
     * @param max the highest load probed
     * @param integral whether loads are whole numbers (concurrency) or not (request rate)
     * @param targetFraction the good-request fraction a probe must reach to pass, in (0, 1]
     * @param precision the bisection ends once {@code (failing − passing) / failing} is below it (AIPerf's 0.05)
     * @param maxProbes the most probes the search runs
     */
    public record Settings(double min, double max, boolean integral, double targetFraction, double precision,
            int maxProbes) {

        public Settings {
            if (!(min > 0) || !(max >= min) || Double.isInfinite(max)) {
                throw new IllegalArgumentException("bounds must satisfy 0 < min <= max, were " + min + ", " + max);
            }
            if (!(targetFraction > 0 && targetFraction <= 1)) {
                throw new IllegalArgumentException("targetFraction must be in (0, 1], was " + targetFraction);
            }
            if (!(precision > 0 && precision < 1) || maxProbes < 1) {
                throw new IllegalArgumentException("precision must be in (0, 1) and maxProbes at least 1");
            }
        }
    }

    /**
     * What one probe measured.
     *
     * @param load the concurrency or request rate probed
     * @param goodFraction good requests over all requests sent (AIPerf's {@code good_request_fraction}); errors count
     *        against it
     * @param throughput output tokens per second
     * @param latencyMillis mean request latency, ms (by Little's law, at a fixed concurrency it grows in proportion
     *        once throughput stops rising, where a median can stay put while a minority queues); NaN when no request
     *        succeeded
     */
    public record Probe(double load, double goodFraction, double throughput, double latencyMillis) {
    }

    /** Why the search ended. */
    public enum Stop {
        /** Passing and failing probes are one step apart or within the precision. */
        CONVERGED,
        /** The upper bound passed: the limit is at least {@link Settings#max}. */
        MAX_PASSES,
        /** The lower bound failed: no load in the bounds meets the target. */
        MIN_FAILS,
        /** Throughput stopped rising while latency rose, with every probe so far passing. */
        SATURATED,
        /** {@link Settings#maxProbes} probes ran before it converged. */
        PROBE_LIMIT;

        /** The name published and stored: {@code converged}, {@code max_passes}, … */
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The answer.
     *
     * @param maxPassing the highest load that met the target, or null when none did
     * @param minFailing the lowest load that missed it, or null when none did
     * @param knee the load after which throughput stopped rising while latency rose, or null when the probes never
     *        showed it
     * @param stop why the search ended
     * @param probes every probe, in the order it ran
     */
    public record Result(Double maxPassing, Double minFailing, Double knee, Stop stop, List<Probe> probes) {

        public Result {
            probes = List.copyOf(probes);
        }
    }

    /** The next load to probe, or empty once the search has ended. */
    public OptionalDouble next() {
        if (stop != null) {
            return OptionalDouble.empty();
        }
        if (probes.isEmpty()) {
            return OptionalDouble.of(settings.min());
        }
        if (probes.size() >= settings.maxProbes()) {
            stop = Stop.PROBE_LIMIT;
            return OptionalDouble.empty();
        }
        if (lowestFailing == null) {
            return OptionalDouble.of(Math.min(settings.max(), settings.integral() ? Math.floor(highestPassing * 2)
                    : highestPassing * 2));
        }
        double middle = (highestPassing + lowestFailing) / 2;
        if (settings.integral()) {
            middle = Math.floor(middle);
        }
        if (middle <= highestPassing || (lowestFailing - highestPassing) / lowestFailing < settings.precision()) {
            stop = Stop.CONVERGED;
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(middle);
    }

    /** Takes what the probe {@link #next()} asked for measured. */
    public void record(Probe probe) {
        if (stop != null) {
            throw new IllegalStateException("the search has ended (" + stop.json() + ")");
        }
        Probe previous = probes.isEmpty() ? null : probes.get(probes.size() - 1);
        probes.add(probe);
        boolean passes = probe.goodFraction() >= settings.targetFraction();
        if (!passes) {
            lowestFailing = lowestFailing == null ? probe.load() : Math.min(lowestFailing, probe.load());
            if (highestPassing == null) {
                stop = Stop.MIN_FAILS;
            }
            return;
        }
        highestPassing = highestPassing == null ? probe.load() : Math.max(highestPassing, probe.load());
        if (lowestFailing == null && probe.load() >= settings.max()) {
            stop = Stop.MAX_PASSES;
        } else if (lowestFailing == null && previous != null && saturated(previous, probe)) {
            stop = Stop.SATURATED;
        }
    }

    /** The answer so far (final once {@link #next()} is empty). */
    public Result result() {
        return new Result(highestPassing, lowestFailing, knee(probes), stop, probes);
    }

    /**
     * The knee of the probes taken in load order: the load before the first step whose throughput rose by less than
     * {@value #SATURATION_THROUGHPUT_GAIN} while its latency rose by more than {@value #SATURATION_LATENCY_RISE}; null
     * when no step did.
     */
    public static Double knee(List<Probe> probes) {
        List<Probe> byLoad = probes.stream().sorted(Comparator.comparingDouble(Probe::load)).toList();
        for (int i = 1; i < byLoad.size(); i++) {
            if (saturated(byLoad.get(i - 1), byLoad.get(i))) {
                return byLoad.get(i - 1).load();
            }
        }
        return null;
    }

    /** Whether going from {@code lower} to {@code higher} load bought no throughput but cost latency. */
    static boolean saturated(Probe lower, Probe higher) {
        if (!(lower.throughput() > 0) || !(lower.latencyMillis() > 0) || Double.isNaN(higher.latencyMillis())) {
            return false;
        }
        return higher.throughput() < lower.throughput() * (1 + SATURATION_THROUGHPUT_GAIN)
                && higher.latencyMillis() > lower.latencyMillis() * (1 + SATURATION_LATENCY_RISE);
    }
}
