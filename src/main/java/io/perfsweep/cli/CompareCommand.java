package io.perfsweep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsweep.report.ComparisonTable;
import io.perfsweep.report.RunSamples;
import io.perfsweep.verdict.Comparison;
import io.perfsweep.verdict.GateSettings;
import io.perfsweep.verdict.PointSamples;
import io.perfsweep.verdict.RegressionGate;
import io.perfsweep.verdict.Verdict;
import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code compare}: the regression gate. Judges a candidate run against a baseline run point by point (see
 * {@link RegressionGate}), prints the table, writes {@value #COMPARISON_FILE} into the candidate's folder and exits 0
 * (no regression), 1 (regressed) or 2 (bad input). Needs no CDI.
 */
@RegisterForReflection
@Command(name = "compare", mixinStandardHelpOptions = true, exitCodeOnExecutionException = 2, description = {
        "Compare a candidate run with a baseline run and say, per point and metric, whether it regressed.",
        "Exit code: 0 no regression, 1 regressed, 2 bad input." })
public class CompareCommand implements Callable<Integer> {

    /** Written into the candidate's folder. */
    public static final String COMPARISON_FILE = "comparison.json";
    /** The exit code of a comparison that found a regression. */
    public static final int REGRESSED = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASELINE_DIR", description = "The baseline: a run folder (c<N>/, r<rate>/ point folders) or one point folder.")
    Path baselineDir;

    @Parameters(index = "1", paramLabel = "CANDIDATE_DIR", description = "The candidate, laid out like the baseline; "
            + COMPARISON_FILE + " is written here.")
    Path candidateDir;

    @Option(names = "--threshold-pct", converter = Checked.NotNegativePercent.class, defaultValue = "5", description = "Smallest relative change that counts, in percent. Default: ${DEFAULT-VALUE}.")
    double thresholdPct;

    @Option(names = "--confidence", converter = Checked.Probability.class, defaultValue = "0.95", description = "Probability that all intervals of the comparison hold at once. Default: ${DEFAULT-VALUE}.")
    double confidence;

    @Option(names = "--min-requests", converter = Checked.AtLeastOne.class, defaultValue = "30", description = "Fewest valid requests a side needs for a latency percentile (and 3 above it: p99 needs 300). Default: ${DEFAULT-VALUE}.")
    int minRequests;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the bootstrap. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GateSettings settings = settings();
        RunSamples baseline = read("BASELINE_DIR", baselineDir);
        RunSamples candidate = read("CANDIDATE_DIR", candidateDir);
        if (baseline.singlePoint() && candidate.singlePoint()) {
            String label = candidate.points().get(0).label();
            baseline = baseline.relabelled(label);
        }
        baseline.warnings().forEach(w -> err.println("warning: baseline " + w));
        candidate.warnings().forEach(w -> err.println("warning: candidate " + w));
        Comparison comparison = RegressionGate.compare(baseline.points(), candidate.points(), settings);
        if (comparison.points().isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no point in common: the baseline has "
                    + labels(baseline.points()) + ", the candidate " + labels(candidate.points()));
        }
        out.print(ComparisonTable.render(comparison));
        Path file = candidateDir.resolve(COMPARISON_FILE);
        try {
            Files.write(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(comparison.toJson()));
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot write " + file + ": " + e.getMessage(), e);
        }
        out.println("wrote " + file);
        out.flush();
        err.flush();
        return comparison.verdict() == Verdict.REGRESSED ? REGRESSED : 0;
    }

    private GateSettings settings() {
        try {
            return new GateSettings(thresholdPct, confidence, GateSettings.DEFAULT_RESAMPLES, seed, minRequests);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private RunSamples read(String name, Path dir) {
        if (!Files.exists(dir)) {
            throw new ParameterException(spec.commandLine(), name + " " + dir + " does not exist");
        }
        try {
            return RunSamples.read(dir);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new ParameterException(spec.commandLine(), name + ": " + e.getMessage(), e);
        }
    }

    private static String labels(List<PointSamples> points) {
        return String.join(", ", points.stream().map(PointSamples::label).toList());
    }
}
