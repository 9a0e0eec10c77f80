package io.perfsweep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.perfsweep.datagen.TraceAnalyzer;
import io.perfsweep.datagen.TraceFile;
import io.perfsweep.datagen.TraceReader;
import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code datagen analyze}: the seed's statistics table of a Mooncake trace; rule-breaking rows are listed, not fixed. */
@RegisterForReflection
@Command(name = "analyze", mixinStandardHelpOptions = true, description = "Input/context/unique-prompt/output lengths and theoretical hit rates of a trace.")
public class DatagenAnalyzeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input-file", required = true, description = "Mooncake-format JSONL trace.")
    Path inputFile;

    @Option(names = "--block-size", defaultValue = "512", description = "Tokens per hash id. Default: ${DEFAULT-VALUE}.")
    int blockSize;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        long startNanos = System.nanoTime();
        TraceFile trace = TraceReader.read(inputFile, blockSize);
        long readNanos = System.nanoTime();
        var analysis = TraceAnalyzer.analyze(trace);
        long readMillis = (readNanos - startNanos) / 1_000_000;
        long analyseMillis = (System.nanoTime() - readNanos) / 1_000_000;
        trace.violations().forEach(v -> spec.commandLine().getErr().println("warning: " + v.message()));
        out.print(analysis.renderReport(inputFile.toString()));
        out.flush();
        spec.commandLine().getErr().printf("Read %d rows in %d ms, analysed them in %d ms%n", trace.rows().size(),
                readMillis, analyseMillis);
        return 0;
    }
}
