package io.perfsweep.cli;

import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine.Command;

/** {@code datagen}: Dynamo's prefix-structured trace tools, {@code analyze}, {@code synthesize} and {@code hash-prompts}. */
@RegisterForReflection
@Command(name = "datagen", mixinStandardHelpOptions = true, description = "Analyze and synthesize prefix-structured (Mooncake) traces.", subcommands = {
        DatagenAnalyzeCommand.class, DatagenSynthesizeCommand.class, DatagenHashPromptsCommand.class })
public class DatagenCommand {
}
