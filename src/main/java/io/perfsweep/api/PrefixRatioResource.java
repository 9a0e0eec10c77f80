package io.perfsweep.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.perfsweep.job.InvalidJobException;
import io.perfsweep.job.JobSpec;
import io.perfsweep.job.JobSubmissions;
import io.perfsweep.job.JobWorkload;
import io.perfsweep.job.PrefixRatioSummaries;
import io.perfsweep.report.PrefixRatioPlot;
import io.perfsweep.report.PrefixRatioResults;
import io.perfsweep.store.JobRepository;
import io.perfsweep.store.PointStore;

/**
 * The router prefix-ratio benchmark's outputs for a {@code prefix} job, built from its points in PostgreSQL (so they
 * cover the ratios finished so far): the script's {@code results_summary.json} and its TTFT/ITL plot.
 */
@Path("/api/jobs/{id}/prefix-ratio")
public class PrefixRatioResource {

    @Inject
    JobRepository jobs;

    @Inject
    PointStore points;

    @Inject
    JobSubmissions submissions;

    /** {@code results_summary.json}, the router script's keys. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> summary(@PathParam("id") String id) {
        return results(id).toMap();
    }

    /** {@code prefix_ratio_performance.svg}; 404 until a ratio has values. */
    @GET
    @Path("/plot.svg")
    @Produces("image/svg+xml")
    public byte[] svg(@PathParam("id") String id) {
        return PrefixRatioPlot.svg(plottable(id)).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code prefix_ratio_performance.png}; 404 until a ratio has values. */
    @GET
    @Path("/plot.png")
    @Produces("image/png")
    public byte[] png(@PathParam("id") String id) {
        try {
            return PrefixRatioPlot.png(plottable(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PrefixRatioResults plottable(String id) {
        PrefixRatioResults results = results(id);
        if (results.isEmpty()) {
            throw new NotFoundException("job " + id + " has no finished prefix ratio with values yet");
        }
        return results;
    }

    private PrefixRatioResults results(String id) {
        return PrefixRatioSummaries.of(prefixSpec(id), points.points(id));
    }

    @Transactional
    JobSpec prefixSpec(String id) {
        var job = jobs.findByIdOptional(id).orElseThrow(() -> new NotFoundException("no job with id " + id));
        JobSpec spec;
        try {
            spec = submissions.parser().parse(job.specJson);
        } catch (InvalidJobException e) {
            throw new NotFoundException("job " + id + " is not a prefix-ratio job (its spec is not runnable)");
        }
        if (!(spec.workload() instanceof JobWorkload.Prefix)) {
            throw new NotFoundException("job " + id + " is not a prefix-ratio job (workload.type "
                    + spec.workload().type() + ")");
        }
        return spec;
    }
}
