package io.perfsweep.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.XYChart;

/**
 * The seed's plots of stored jobs: one series per job, named by the job's benchmark name, or by name and id when two
 * compared jobs share a name (a nightly job keeps its name, and a plot cannot have two series of one name).
 */
public final class JobPlots {

    private JobPlots() {
    }

    /** Each job's series name, in order: its name, unless another job of the list has the same name. */
    public static List<String> seriesNames(List<JobReport> jobs) {
        List<String> names = new ArrayList<>();
        for (JobReport job : jobs) {
            String name = job.header().name();
            long sameName = jobs.stream().filter(other -> other.header().name().equals(name)).count();
            names.add(sameName > 1 ? name + " (" + job.header().id() + ")" : name);
        }
        return names;
    }

    /** The jobs as runs, as {@code plot} and {@code SUMMARY.txt} read them. */
    public static List<RunResults> runs(List<JobReport> jobs) {
        List<String> names = seriesNames(jobs);
        List<RunResults> runs = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            runs.add(jobs.get(i).runResults(names.get(i)));
        }
        return runs;
    }

    /**
     * The plots that have data, by name ({@link ResultPlots#NAMES} order), drawn {@code width × height} pixels.
     *
     * @throws IllegalArgumentException for no jobs or more than {@value ResultPlots#MAX_RUNS}
     */
    public static Map<String, XYChart> charts(List<JobReport> jobs, int width, int height) {
        return ResultPlots.charts(runs(jobs), width, height);
    }
}
