package io.perfsweep.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.perfsweep.report.PrefixRatioPlot;
import io.perfsweep.report.PrefixRatioResults;

/**
 * The router prefix-ratio benchmark's outputs for a {@code prefix} job, built from its points in PostgreSQL (so they
 * cover the ratios finished so far): the script's {@code results_summary.json} and its TTFT/ITL plot.
 */
@Path("/api/jobs/{id}/prefix-ratio")
public class PrefixRatioResource {

    @Inject
    JobReports reports;

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
        return reports.prefixRatio(id)
                .orElseThrow(() -> new NotFoundException("job " + id + " is not a prefix-ratio job (workload.type prefix)"));
    }
}
