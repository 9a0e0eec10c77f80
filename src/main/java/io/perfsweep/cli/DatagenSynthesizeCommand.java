package io.perfsweep.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.perfsweep.datagen.SynthesisOptions;
import io.perfsweep.datagen.TraceFile;
import io.perfsweep.datagen.TraceReader;
import io.perfsweep.datagen.TraceSynthesizer;
import io.perfsweep.datagen.TraceWriter;
import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code datagen synthesize}: a new trace with the prefix structure of an input trace (Dynamo's synthesizer). */
@RegisterForReflection
@Command(name = "synthesize", mixinStandardHelpOptions = true, description = "Synthesize a trace that keeps the input trace's prefix tree and mean statistics.")
public class DatagenSynthesizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input-file", required = true, description = "Mooncake-format JSONL trace to learn from.")
    Path inputFile;

    @Option(names = "--output-file", required = true, description = "Where the synthesized JSONL goes.")
    Path outputFile;

    @Option(names = "--block-size", defaultValue = "512", description = "Tokens per hash id. Default: ${DEFAULT-VALUE}.")
    int blockSize;

    @Option(names = "--num-requests", defaultValue = "100000", description = "Requests to write. Default: ${DEFAULT-VALUE}.")
    int numRequests;

    @Option(names = "--speedup-ratio", defaultValue = "1", description = "Divides inter-arrival times. Default: ${DEFAULT-VALUE}.")
    double speedupRatio;

    @Option(names = "--prefix-len-multiplier", defaultValue = "1", description = "Scales shared prefix lengths.")
    double prefixLenMultiplier;

    @Option(names = "--prefix-root-multiplier", defaultValue = "1", description = "Disjoint copies of the prefix tree.")
    int prefixRootMultiplier;

    @Option(names = "--prompt-len-multiplier", defaultValue = "1", description = "Scales unique prompt lengths.")
    double promptLenMultiplier;

    @Option(names = "--osl-multiplier", defaultValue = "1", description = "Scales output lengths.")
    double oslMultiplier;

    @Option(names = "--min-isl", description = "Drop requests with fewer input tokens.")
    Integer minIsl;

    @Option(names = "--max-isl", description = "Drop requests with more input tokens.")
    Integer maxIsl;

    @Option(names = "--min-osl", description = "Clip output lengths from below.")
    Integer minOsl;

    @Option(names = "--max-osl", description = "Clip output lengths from above.")
    Integer maxOsl;

    @Option(names = "--seed", defaultValue = "0", description = "Same seed, same output. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws IOException {
        TraceFile trace = TraceReader.read(inputFile, blockSize);
        if (!trace.violations().isEmpty()) {
            throw new ParameterException(spec.commandLine(), "cannot learn from " + inputFile + ": "
                    + trace.violations().size() + " rows break the block rule, first " + trace.violations().get(0).message());
        }
        var options = SynthesisOptions.defaults().withBlockSizeTokens(blockSize).withNumRequests(numRequests)
                .withSpeedupRatio(speedupRatio)
                .withMultipliers(prefixLenMultiplier, promptLenMultiplier, oslMultiplier)
                .withPrefixRootMultiplier(prefixRootMultiplier).withLimits(minIsl, maxIsl, minOsl, maxOsl)
                .withSeed(seed);
        var requests = TraceSynthesizer.synthesize(trace.rows(), options);
        try (Writer out = Files.newBufferedWriter(outputFile)) {
            TraceWriter.writeSynthesized(out, requests);
        }
        spec.commandLine().getOut().print(TraceSynthesizer.renderStatistics(requests));
        spec.commandLine().getOut().printf("Wrote %d requests to %s%n", requests.size(), outputFile);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
