package io.perfsweep.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsweep.job.JobStates;
import io.perfsweep.planner.PlannerProfileFiles;
import io.perfsweep.report.PlannerProfilePlot;
import io.perfsweep.store.PlannerProfileStore;
import io.perfsweep.store.PlannerProfileStore.StoredPlannerProfile;

/**
 * The profile of a {@code plannerProfile} job as Dynamo's planner reads it: a zip whose entries are the files of its
 * {@code --profile-results-dir}, so unzipping it into a directory gives the planner what the profiler would have; and
 * its figure (TTFT against ISL, ITL against KV usage).
 */
@Path("/api/jobs/{id}/planner-profile")
public class PlannerProfileResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    JobStates jobs;

    @Inject
    PlannerProfileStore profiles;

    /**
     * {@code prefill_raw_data.json}, {@code decode_raw_data.json},
     * {@code selected_prefill_interpolation/raw_data.npz} and {@code selected_decode_interpolation/raw_data.npz}; 404
     * for an unknown job, one of another type, and a planner-profile job whose last point is not stored yet.
     */
    @GET
    @Produces("application/zip")
    public Response zip(@PathParam("id") String id) {
        StoredPlannerProfile profile = stored(id);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(PlannerProfileFiles.PREFILL_JSON, profile.prefillRawData().getBytes(StandardCharsets.UTF_8));
        files.put(PlannerProfileFiles.DECODE_JSON, profile.decodeRawData().getBytes(StandardCharsets.UTF_8));
        files.put(PlannerProfileFiles.PREFILL_NPZ, profile.prefillNpz());
        files.put(PlannerProfileFiles.DECODE_NPZ, profile.decodeNpz());
        StreamingOutput body = out -> {
            try (var zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, byte[]> file : files.entrySet()) {
                    var entry = new ZipEntry(file.getKey());
                    entry.setTime(profile.createdAt().toEpochMilli());
                    zip.putNextEntry(entry);
                    zip.write(file.getValue());
                    zip.closeEntry();
                }
            }
        };
        String name = "planner-profile-" + id.replaceAll("[^A-Za-z0-9._-]", "_") + ".zip";
        return Response.ok(body, "application/zip")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"").build();
    }

    /** The profile's figure (TTFT against ISL, ITL against KV usage) as SVG; 404 as for the zip. */
    @GET
    @Path("/plot.svg")
    @Produces("image/svg+xml")
    public byte[] svg(@PathParam("id") String id) {
        return PlannerProfilePlot.svg(arrays(stored(id))).getBytes(StandardCharsets.UTF_8);
    }

    /** The profile's figure as PNG; 404 as for the zip. */
    @GET
    @Path("/plot.png")
    @Produces("image/png")
    public byte[] png(@PathParam("id") String id) {
        try {
            return PlannerProfilePlot.png(arrays(stored(id)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StoredPlannerProfile stored(String id) {
        if (jobs.find(id).isEmpty()) {
            throw new NotFoundException("no job with id " + id);
        }
        return profiles.find(id).orElseThrow(() -> new NotFoundException("job " + id
                + " has no planner profile: it is not a plannerProfile job, or it has not finished (successfully)"));
    }

    /** The arrays of a stored profile's JSON files, for its figure. */
    static PlannerProfilePlot.Arrays arrays(StoredPlannerProfile profile) {
        try {
            JsonNode prefill = JSON.readTree(profile.prefillRawData());
            JsonNode decode = JSON.readTree(profile.decodeRawData());
            return new PlannerProfilePlot.Arrays(numbers(prefill, "prefill_isl"), numbers(prefill, "prefill_ttft"),
                    numbers(decode, "x_kv_usage"), numbers(decode, "y_context_length"), numbers(decode, "z_itl"));
        } catch (IOException e) {
            throw new UncheckedIOException("the stored planner profile of job " + profile.jobId() + " is no JSON", e);
        }
    }

    private static List<Double> numbers(JsonNode file, String key) {
        List<Double> values = new ArrayList<>();
        file.path(key).forEach(value -> values.add(value.asDouble()));
        return values;
    }
}
