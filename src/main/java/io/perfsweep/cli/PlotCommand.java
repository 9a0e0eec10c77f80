package io.perfsweep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import io.perfsweep.report.AiperfExport;
import io.perfsweep.report.ResultPlots;
import io.perfsweep.report.ResultSummary;
import io.perfsweep.report.RunResults;
import io.perfsweep.report.SearchFiles;
import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code plot}: the seed's {@code plot.py} over runs on disk (perfsweep/AIPerf or {@code perf.sh} layout): latency and
 * throughput against concurrency, efficiency with Pareto frontiers, and {@code SUMMARY.txt}. Needs no CDI.
 */
@RegisterForReflection
@Command(name = "plot", mixinStandardHelpOptions = true, description = "Plot benchmark runs (SVG and PNG) and write SUMMARY.txt.")
public class PlotCommand implements Callable<Integer> {

    /** The summary's file name, as the seed writes it. */
    public static final String SUMMARY_FILE = "SUMMARY.txt";
    private static final String PLOTS_DIR = "plots";

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = "benchmarks/results", description = "Directory holding one directory per run. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--benchmark-name", description = "Run to plot (repeatable). Default: every run directory in --data-dir except '"
            + PLOTS_DIR + "'.")
    List<String> benchmarkNames = new ArrayList<>();

    @Option(names = "--output-dir", description = "Where plots and " + SUMMARY_FILE + " go. Default: <data-dir>/"
            + PLOTS_DIR + ".")
    Path outputDir;

    @Override
    public Integer call() throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(dataDir)) {
            throw new ParameterException(spec.commandLine(), "--data-dir " + dataDir + " is not a directory");
        }
        boolean named = !benchmarkNames.isEmpty();
        List<RunResults> runs = new ArrayList<>();
        StringBuilder searches = new StringBuilder();
        for (Path dir : runDirs()) {
            try {
                runs.add(RunResults.read(dir));
                Map<String, Object> search = SearchFiles.read(dir);
                if (search != null) {
                    searches.append(SearchFiles.summary(dir.getFileName().toString(), search));
                }
            } catch (IllegalArgumentException e) {
                if (named) {
                    throw new ParameterException(spec.commandLine(), e.getMessage(), e);
                }
                err.println("warning: " + dir.getFileName() + " is not a run, skipped: " + e.getMessage());
            }
        }
        if (runs.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no runs (c<N>/" + AiperfExport.JSON_FILE + ") in "
                    + dataDir);
        }
        if (runs.size() > ResultPlots.MAX_RUNS) {
            throw new ParameterException(spec.commandLine(), runs.size() + " runs in " + dataDir + ", at most "
                    + ResultPlots.MAX_RUNS + " can be compared in one plot; choose them with --benchmark-name");
        }
        runs.forEach(run -> run.warnings().forEach(w -> err.println("warning: " + w)));
        Path target = outputDir != null ? outputDir : dataDir.resolve(PLOTS_DIR);
        List<Path> written = new ArrayList<>(ResultPlots.write(runs, target));
        Path summary = target.resolve(SUMMARY_FILE);
        Files.writeString(summary, ResultSummary.render(runs) + searches, StandardCharsets.UTF_8);
        written.add(summary);
        written.forEach(file -> out.println("wrote " + file));
        out.flush();
        err.flush();
        return 0;
    }

    private List<Path> runDirs() throws IOException {
        if (!benchmarkNames.isEmpty()) {
            List<Path> dirs = new ArrayList<>();
            for (String name : benchmarkNames) {
                Path dir = dataDir.resolve(name);
                if (!Files.isDirectory(dir)) {
                    throw new ParameterException(spec.commandLine(), "--benchmark-name " + name + ": no directory "
                            + dir);
                }
                dirs.add(dir);
            }
            return dirs;
        }
        try (Stream<Path> children = Files.list(dataDir)) {
            return children.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().equals(PLOTS_DIR))
                    .sorted().toList();
        }
    }
}
