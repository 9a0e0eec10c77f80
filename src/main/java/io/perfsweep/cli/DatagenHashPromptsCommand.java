package io.perfsweep.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.perfsweep.datagen.PromptFile;
import io.perfsweep.datagen.PromptHashIds;
import io.perfsweep.datagen.TraceFormatException;
import io.perfsweep.datagen.TraceWriter;
import io.perfsweep.workload.Tokenizer;
import io.perfsweep.workload.Tokenizers;
import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code datagen hash-prompts}: turns real prompts into a Mooncake trace, blocks of the same tokens getting the same
 * hash id, for users who have prompts rather than traces.
 */
@RegisterForReflection
@Command(name = "hash-prompts", mixinStandardHelpOptions = true, description = "Convert prompts JSONL ({\"prompt\": ..., optional \"output_length\", \"timestamp\"}) into a Mooncake trace.")
public class DatagenHashPromptsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input-file", required = true, description = "JSONL with one {\"prompt\": \"...\"} per line.")
    Path inputFile;

    @Option(names = "--output-file", required = true, description = "Where the Mooncake JSONL goes.")
    Path outputFile;

    @Option(names = "--block-size", defaultValue = "512", description = "Tokens per hash id. Default: ${DEFAULT-VALUE}.")
    int blockSize;

    @Option(names = "--tokenizer", defaultValue = "Qwen/Qwen3-0.6B", description = "tokenizer.json path or model id in the local HF cache. Default: ${DEFAULT-VALUE}.")
    String tokenizer;

    @Option(names = "--output-length", defaultValue = "256", description = "output_length for prompts that do not give one. Default: ${DEFAULT-VALUE}.")
    int defaultOutputLength;

    @Override
    public Integer call() throws IOException {
        Tokenizer resolved = Tokenizers.resolve(tokenizer);
        List<PromptHashIds.Prompt> prompts;
        try (BufferedReader in = Files.newBufferedReader(inputFile)) {
            prompts = PromptFile.read(in, resolved, defaultOutputLength);
        } catch (TraceFormatException e) {
            throw new ParameterException(spec.commandLine(), inputFile + " " + e.getMessage());
        }
        try (Writer out = Files.newBufferedWriter(outputFile)) {
            TraceWriter.writeRows(out, PromptHashIds.toRows(prompts, blockSize));
        }
        spec.commandLine().getOut().printf("Wrote %d rows to %s%n", prompts.size(), outputFile);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
