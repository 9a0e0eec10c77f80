package io.perfsweep.api;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.knowm.xchart.XYChart;

import io.perfsweep.report.AiperfArchive;
import io.perfsweep.report.JobPlots;
import io.perfsweep.report.JobReport;
import io.perfsweep.report.PlannerProfilePlot;
import io.perfsweep.report.PrefixRatioPlot;
import io.perfsweep.report.PrefixRatioResults;
import io.perfsweep.report.ReportHtml;
import io.perfsweep.report.ReportPage;
import io.perfsweep.report.ResultPlots;
import io.perfsweep.store.PlannerProfileStore;
import io.quarkus.qute.RawString;

/** One job's results to look at and to take away: the HTML report, each plot as SVG or PNG, the AIPerf archive. */
@Path("/api/jobs")
public class JobReportResource {

    static final String HTML = "text/html;charset=utf-8";

    @Inject
    JobReports reports;

    @Inject
    PlannerProfileStore plannerProfiles;

    /** The job's report page: header, plots inline as SVG, a table row per point. */
    @GET
    @Path("/{id}/report")
    @Produces(HTML)
    public String report(@PathParam("id") String id) {
        JobReport job = reports.load(id);
        ReportPage page = ReportPage.of("perfsweep · " + job.header().name(), List.of(job), Instant.now());
        // A prefix-ratio job runs every ratio at one concurrency: its figure is the router script's, not those
        // against concurrency.
        // A planner profile's figure is the profiler's (TTFT against ISL, ITL against KV usage): its points each ran
        // at their own lengths, so plots against concurrency would mix them.
        var profile = plannerProfiles.find(id);
        if (profile.isPresent()) {
            return ReportHtml.render(page.withPlots(List.of(new ReportPage.PlotView(PlannerProfilePlot.NAME,
                    "Planner profile: prefill TTFT vs ISL, decode ITL vs KV usage",
                    new RawString(PlannerProfilePlot.svgElement(PlannerProfileResource.arrays(profile.get()))),
                    "planner-profile/plot"))));
        }
        return ReportHtml.render(reports.prefixRatio(id).map(results -> page.withPlots(prefixRatioPlots(results)))
                .orElse(page));
    }

    private static List<ReportPage.PlotView> prefixRatioPlots(PrefixRatioResults results) {
        if (results.isEmpty()) {
            return List.of();
        }
        return List.of(new ReportPage.PlotView(PrefixRatioPlot.NAME, "TTFT and ITL vs prefix ratio (p50, p25-p75 band)",
                new RawString(PrefixRatioPlot.svgElement(results)), "prefix-ratio/plot"));
    }

    /** One plot, {@code <name>.svg} or {@code <name>.png}, at the size {@code plot} writes; 404 when it has no data. */
    @GET
    @Path("/{id}/plots/{plot: [a-z0-9_]+}.{format: svg|png}")
    public Response plot(@PathParam("id") String id, @PathParam("plot") String plot,
            @PathParam("format") String format) {
        if (!ResultPlots.NAMES.contains(plot)) {
            throw new NotFoundException("no plot " + plot + "; plots are " + String.join(", ", ResultPlots.NAMES));
        }
        JobReport job = reports.load(id);
        XYChart chart = ResultPlots.charts(JobPlots.runs(List.of(job))).get(plot);
        if (chart == null) {
            throw new NotFoundException("job " + id + " has no data for " + plot + " yet");
        }
        return "svg".equals(format) ? Response.ok(ResultPlots.svgDocument(chart), "image/svg+xml").build()
                : Response.ok(ResultPlots.png(chart), "image/png").build();
    }

    /**
     * The job in AIPerf's file layout as a zip: {@code <name>/c<N>/profile_export_aiperf.json|.csv},
     * {@code profile_export.jsonl} with every raw record, and {@code <name>/deployment_config.json}.
     */
    @GET
    @Path("/{id}/export")
    @Produces("application/zip")
    public Response export(@PathParam("id") String id) {
        JobReport job = reports.load(id);
        StreamingOutput body = out -> AiperfArchive.write(out, job, reports::records);
        String file = job.header().name().replaceAll("[^A-Za-z0-9._-]", "_") + ".zip";
        return Response.ok(body, "application/zip")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"").build();
    }
}
