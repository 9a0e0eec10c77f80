package io.perfsweep.api;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

import io.perfsweep.report.JobReport;
import io.perfsweep.report.ReportHtml;
import io.perfsweep.report.ReportPage;
import io.perfsweep.report.ResultPlots;

/** Jobs side by side: the report page with one series per job, as {@code plot} compares runs on disk. */
@Path("/api/reports")
public class ComparisonResource {

    @Inject
    JobReports reports;

    /** {@code ?job=<id>&job=<id>…}: 1 to 12 distinct jobs; 400 outside that, 404 naming the ids that do not exist. */
    @GET
    @Path("/compare")
    @Produces(JobReportResource.HTML)
    public String compare(@QueryParam("job") List<String> ids) {
        List<String> distinct = ids == null ? List.of() : ids.stream().filter(id -> !id.isBlank()).distinct().toList();
        if (distinct.isEmpty() || distinct.size() > ResultPlots.MAX_RUNS) {
            throw new BadRequestException("compare 1 to " + ResultPlots.MAX_RUNS + " jobs, given as ?job=<id>&job=<id>;"
                    + " got " + distinct.size());
        }
        List<JobReport> jobs = reports.loadAll(distinct);
        return ReportHtml.render(ReportPage.of("perfsweep · comparison of " + jobs.size() + " jobs", jobs,
                Instant.now()));
    }
}
