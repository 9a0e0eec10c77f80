package io.perfsweep.cli;

import java.nio.file.Path;
import java.util.List;

import io.perfsweep.load.ArrivalSchedule;
import io.perfsweep.workload.HashIdBlocks;
import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine.Option;

/**
 * How {@code run} schedules its requests besides closed-loop concurrency levels: open-loop request rates, or a
 * Mooncake trace replayed on its own timestamps (or, with {@code --concurrencies}, sent in order at each level).
 */
@RegisterForReflection
public class ScheduleOptions {

    @Option(names = "--rate", split = ",", description = "Open-loop request rates, requests/s, run one after another on an absolute schedule (latency is also reported from each request's intended start). Replaces --concurrencies.")
    List<Double> rates;

    @Option(names = "--arrival", description = "With --rate: poisson (exponential gaps, AIPerf's default) or constant. Default: poisson.")
    String arrival;

    @Option(names = "--max-concurrency", converter = Checked.AtLeastOne.class, description = "With --rate: the most requests in flight at once; a request that finds the cap reached waits, and the wait counts in its latency from intended start. Default: no cap.")
    Integer maxConcurrency;

    @Option(names = "--trace-file", description = "Mooncake JSONL trace: each row is a request whose prompt is built from its hash_ids. Alone: replayed at its timestamps (see --speedup); with --concurrencies: sent in file order at each level.")
    Path traceFile;

    @Option(names = "--block-size", converter = Checked.AtLeastOne.class, description = "With --trace-file: tokens per hash id. Default: 512.")
    Integer blockSize;

    @Option(names = "--speedup", description = "With --trace-file: divides the trace's timestamps (2 replays it in half the time). Default: 1.")
    Double speedup;

    boolean isRate() {
        return rates != null;
    }

    boolean isTrace() {
        return traceFile != null;
    }

    int blockSizeTokens() {
        return blockSize != null ? blockSize : HashIdBlocks.DEFAULT_BLOCK_SIZE_TOKENS;
    }

    double speedupFactor() {
        return speedup != null ? speedup : 1.0;
    }

    /** The arrival process of {@code --arrival}; null when the name is not one. */
    ArrivalSchedule.Arrival arrivalProcess() {
        return switch (arrival == null ? "poisson" : arrival.toLowerCase()) {
            case "poisson" -> ArrivalSchedule.Arrival.POISSON;
            case "constant" -> ArrivalSchedule.Arrival.CONSTANT;
            default -> null;
        };
    }

    /** What is wrong with the combination of options given (and {@code --concurrencies}), or null when nothing is. */
    String conflict(boolean concurrenciesGiven) {
        if (isRate() && isTrace()) {
            return "--rate and --trace-file do not combine: a trace brings its own schedule";
        }
        if (isRate() && concurrenciesGiven) {
            return "--rate replaces --concurrencies: use --max-concurrency to cap the requests in flight";
        }
        if (!isRate() && (arrival != null || maxConcurrency != null)) {
            return "--arrival and --max-concurrency need --rate";
        }
        if (isRate() && arrivalProcess() == null) {
            return "--arrival must be poisson or constant, was '" + arrival + "'";
        }
        if (isRate() && rates.stream().anyMatch(r -> !(r > 0) || r.isInfinite())) {
            return "--rate values must be requests per second above 0, were " + rates;
        }
        if (!isTrace() && (blockSize != null || speedup != null)) {
            return "--block-size and --speedup need --trace-file";
        }
        if (isTrace() && concurrenciesGiven && speedup != null) {
            return "--speedup applies to a replay at the trace's timestamps; with --concurrencies they are ignored";
        }
        if (speedup != null && (!(speedup > 0) || speedup.isInfinite())) {
            return "--speedup must be above 0, was " + speedup;
        }
        return null;
    }
}
