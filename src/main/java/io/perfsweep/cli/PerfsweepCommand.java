package io.perfsweep.cli;

import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine.Command;

/** The top-level {@code perfsweep} command; its subcommands do the work. */
@RegisterForReflection
@Command(name = "perfsweep", mixinStandardHelpOptions = true, version = "perfsweep 0.1.0", description = "Benchmarks OpenAI-compatible LLM endpoints with AIPerf's metrics.", subcommands = {
        RunCommand.class, MockCommand.class, CalibrateCommand.class, DatagenCommand.class, ServeCommand.class,
        SubmitCommand.class, PlotCommand.class, CompareCommand.class, PrefixRatioCommand.class,
        PlannerProfileCommand.class, SchemaCommand.class })
public class PerfsweepCommand {
}
