package io.perfsweep.cli;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine.Option;

/**
 * The options {@code run} and {@code calibrate} share: which concurrency levels, how many requests per level, and how
 * long the synthetic prompts and answers are. Unset options stay null: each command fills its own defaults.
 */
@RegisterForReflection
public class LoadSizeOptions {

    @Option(names = "--concurrencies", converter = Checked.AtLeastOne.class, split = ",", description = "Concurrency levels, run one after another. Default: run: $CONCURRENCIES, else 1,2,5,10,50,100,250; calibrate: 1,100,1000.")
    List<Integer> concurrencies;

    @Option(names = "--request-count", converter = Checked.AtLeastOne.class, description = "Measured requests per level (or rate). Default: run: $REQUEST_COUNT, else max(3*concurrency, 10), every trace row with --trace-file; calibrate: max(3*concurrency, 200).")
    Integer requestCount;

    @Option(names = "--warmup-request-count", converter = Checked.NotNegative.class, description = "Warm-up requests per level, sent first and kept out of the results. Default: run: 0; calibrate: the concurrency (one round).")
    Integer warmupRequestCount;

    @Option(names = "--isl", converter = Checked.AtLeastOne.class, description = "Mean input sequence length in tokens. Default: run: 2000; calibrate: 100.")
    Integer isl;

    @Option(names = "--osl", converter = Checked.AtLeastOne.class, description = "Output sequence length in tokens (max_tokens). Default: run: 256; calibrate: 200.")
    Integer osl;

    /** The value given, else {@code fallback}. */
    static <T> T or(T given, T fallback) {
        return given != null ? given : fallback;
    }
}
