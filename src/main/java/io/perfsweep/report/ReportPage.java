package io.perfsweep.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.quarkus.qute.RawString;

/**
 * Everything the HTML report shows, already formatted: one section per job (its header and a table row per point)
 * and the plots inline as SVG. The page of one job is the comparison of one job.
 *
 * @param title the page title
 * @param generatedAt when the page was made, UTC
 * @param runs one section per job, in the order asked
 * @param plots the plots that have data
 * @param serverCompared on a comparison, the server's figures of every job side by side, point by point; empty on the
 *        page of one job
 * @param gpuCompared whether any of those rows has GPU figures (their columns are shown only then)
 */
public record ReportPage(String title, String generatedAt, List<RunSection> runs, List<PlotView> plots,
        List<ComparedServerRow> serverCompared, boolean gpuCompared) {

    /**
     * One point of one job in the comparison's server table.
     *
     * @param job the job's series name, as in the plots
     */
    public record ComparedServerRow(String job, ServerRow row) {
    }

    /** Pixel size the page draws plots at: about the width they are shown at, so their text stays readable. */
    static final int PLOT_WIDTH = 760;
    static final int PLOT_HEIGHT = 470;
    static final int TIMELINE_HEIGHT = 380;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    /**
     * One job: who it is, how it went, and its points.
     *
     * @param seriesName its name in the plots
     * @param tags the tags as {@code key=value}, sorted
     * @param succeeded whether the job's state is {@code SUCCEEDED}
     * @param frontier the Pareto points as {@code label (tok/s/user, tok/s/gpu)}, ascending tok/s/user
     * @param serverRows the target's own metrics per point, for the points measured with them
     * @param workerRows the instances that drove each shared point ({@code load.workers} above 1), none otherwise
     * @param timelines each point over time ({@link TimelinePlot}), for the points that have a timeline; only on the
     *        page of one job
     * @param verdict the comparison with the job's baseline, or null when it named none
     * @param search what the job's SLO search found, or null when it was not a search (or has not finished one)
     */
    public record RunSection(String seriesName, String jobId, String name, String state, boolean succeeded,
            String reason, String targetUrl, String model, String deployment, int gpus, List<String> tags,
            String createdAt, String startedAt, String finishedAt, String duration, List<PointRow> rows,
            List<String> frontier, List<ServerRow> serverRows, List<WorkerRow> workerRows, List<PlotView> timelines,
            VerdictView verdict, SearchView search) {
    }

    /**
     * A job's verdict against its baseline, formatted.
     *
     * @param verdict {@code regressed}, {@code improved}, {@code unchanged} or {@code inconclusive}
     * @param baselineJobId the job compared with, or what was asked for when it was not found
     * @param reason why it could not be judged, or null
     * @param rows one per point and metric statistic, as {@code compare}'s table
     */
    public record VerdictView(String verdict, String baselineJobId, String reason, List<VerdictRow> rows) {

        @SuppressWarnings("unchecked")
        static VerdictView of(Map<String, Object> block) {
            if (block == null) {
                return null;
            }
            Map<String, Object> baseline = block.get("baseline") instanceof Map<?, ?> b ? (Map<String, Object>) b
                    : Map.of();
            Object asked = baseline.containsKey("jobId") ? baseline.get("jobId") : "latest " + baseline.get("name");
            List<VerdictRow> rows = new ArrayList<>();
            if (block.get("points") instanceof List<?> points) {
                for (Object point : points) {
                    Map<String, Object> p = (Map<String, Object>) point;
                    for (Object metric : (List<Object>) p.getOrDefault("metrics", List.of())) {
                        rows.add(VerdictRow.of(String.valueOf(p.get("point")), (Map<String, Object>) metric));
                    }
                }
            }
            return new VerdictView(String.valueOf(block.get("verdict")), String.valueOf(asked),
                    block.get("reason") == null ? null : String.valueOf(block.get("reason")), rows);
        }
    }

    /** One point and metric statistic of a verdict: values, change and its interval in percent, its verdict. */
    public record VerdictRow(String point, String metric, String stat, String baseline, String candidate,
            String change, String interval, String verdict) {

        static VerdictRow of(String point, Map<String, Object> m) {
            String interval = m.get("ciLowPct") instanceof Number low && m.get("ciHighPct") instanceof Number high
                    ? String.format(Locale.ROOT, "[%+.1f %%, %+.1f %%]", low.doubleValue(), high.doubleValue())
                    : "-";
            return new VerdictRow(point, String.valueOf(m.get("metric")), String.valueOf(m.get("stat")),
                    number(m.get("baseline")), number(m.get("candidate")),
                    m.get("changePct") instanceof Number c ? String.format(Locale.ROOT, "%+.1f %%", c.doubleValue())
                            : "-",
                    interval, String.valueOf(m.get("verdict")));
        }

        private static String number(Object value) {
            return value instanceof Number n ? Cells.format(n.doubleValue()) : "-";
        }
    }

    /**
     * One plot.
     *
     * @param name its file name without extension, e.g. {@code avg_time_to_first_token_vs_concurrency}
     * @param title what it shows
     * @param svg the inline {@code <svg>} element, written by the chart library (not user text)
     * @param link the plot's own files relative to the page, {@code plots/<name>} + {@code .svg} or {@code .png}; null
     *        on a comparison, whose plots have no files of their own
     */
    public record PlotView(String name, String title, RawString svg, String link) {
    }

    /**
     * The page for {@code jobs}.
     *
     * @throws IllegalArgumentException for no jobs or more than {@value ResultPlots#MAX_RUNS}
     */
    public static ReportPage of(String title, List<JobReport> jobs, Instant now) {
        List<String> names = JobPlots.seriesNames(jobs);
        List<RunResults> runs = JobPlots.runs(jobs);
        List<RunSection> sections = new ArrayList<>();
        boolean oneJob = jobs.size() == 1;
        for (int i = 0; i < jobs.size(); i++) {
            sections.add(section(names.get(i), jobs.get(i), runs.get(i), oneJob));
        }
        List<PlotView> plots = new ArrayList<>();
        ResultPlots.charts(runs, PLOT_WIDTH, PLOT_HEIGHT).forEach((name, chart) -> plots.add(new PlotView(name,
                chart.getTitle(), new RawString(ResultPlots.svgElement(chart)), oneJob ? "plots/" + name : null)));
        List<ComparedServerRow> compared = oneJob ? List.of() : compared(names, jobs);
        return new ReportPage(title, TIME.format(now) + " UTC", sections, plots, compared,
                compared.stream().anyMatch(c -> c.row().hasGpu()));
    }

    /** The server rows of every job, the same point of each job together, in the jobs' order. */
    private static List<ComparedServerRow> compared(List<String> names, List<JobReport> jobs) {
        List<ComparedServerRow> rows = new ArrayList<>();
        int points = jobs.stream().mapToInt(j -> j.points().size()).max().orElse(0);
        for (int i = 0; i < points; i++) {
            for (int j = 0; j < jobs.size(); j++) {
                if (i < jobs.get(j).points().size()) {
                    ServerRow row = ServerRow.of(jobs.get(j).points().get(i));
                    if (row != null) {
                        rows.add(new ComparedServerRow(names.get(j), row));
                    }
                }
            }
        }
        return rows;
    }

    /** This page with other plots, e.g. a prefix-ratio job's figure instead of the plots against concurrency. */
    public ReportPage withPlots(List<PlotView> otherPlots) {
        return new ReportPage(title, generatedAt, runs, List.copyOf(otherPlots), serverCompared, gpuCompared);
    }

    private static RunSection section(String seriesName, JobReport job, RunResults run, boolean withTimelines) {
        JobHeader h = job.header();
        List<ParetoFrontier.Point> frontier = run.frontier();
        Set<String> frontierLabels = frontier.stream().map(ParetoFrontier.Point::label).collect(Collectors.toSet());
        List<PointRow> rows = job.points().stream().map(p -> PointRow.of(p, h.gpus(), frontierLabels)).toList();
        List<String> tags = h.tags().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList();
        List<String> frontierText = frontier.stream().map(p -> p.label() + " (" + Cells.format(p.x()) + ", "
                + Cells.format(p.y()) + ")" + (p.distorted() ? " distorted by the client" : "")).toList();
        return new RunSection(seriesName, h.id(), h.name(), h.state(), "SUCCEEDED".equals(h.state()), h.reason(),
                h.targetUrl(), h.model(), h.deploymentLabel() == null ? "-" : h.deploymentLabel(), h.gpus(), tags,
                time(h.createdAt()), time(h.startedAt()), time(h.finishedAt()), duration(h.startedAt(), h.finishedAt()),
                rows, frontierText, job.points().stream().map(ServerRow::of).filter(Objects::nonNull).toList(),
                job.points().stream().flatMap(p -> WorkerRow.of(p).stream()).toList(),
                withTimelines ? timelines(job) : List.of(), VerdictView.of(h.verdict()), SearchView.of(h.search()));
    }

    private static List<PlotView> timelines(JobReport job) {
        List<PlotView> plots = new ArrayList<>();
        for (var point : job.points()) {
            TimelinePlot.of(point, PLOT_WIDTH, TIMELINE_HEIGHT).ifPresent(chart -> plots.add(new PlotView(
                    "timeline_" + point.label(), chart.getTitle(), new RawString(ResultPlots.svgElement(chart)),
                    null)));
        }
        return plots;
    }

    private static String time(Instant instant) {
        return instant == null ? "-" : TIME.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    private static String duration(Instant start, Instant end) {
        if (start == null || end == null) {
            return "-";
        }
        Duration d = Duration.between(start, end);
        return d.toMinutes() > 0 ? d.toMinutes() + " min " + d.toSecondsPart() + " s"
                : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
