package io.perfsweep.api;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.perfsweep.job.TraceUploads;
import io.perfsweep.store.TraceStore.StoredTrace;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Trace uploads: {@code POST /api/traces} with a Mooncake JSONL body stores it (201, or 200 when the same bytes are
 * already stored) and returns the id a job names as {@code workload.traceId}. Needs the API key, like every mutation.
 */
@Path("/api/traces")
@Produces(MediaType.APPLICATION_JSON)
public class TraceResource {

    @Inject
    TraceUploads uploads;

    /** Stores the JSONL body; 400 naming the first bad line when it is not Mooncake JSONL. */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response upload(byte[] body) {
        StoredTrace trace = uploads.upload(body);
        return Response.status(trace.created() ? 201 : 200).entity(TraceView.of(trace))
                .location(URI.create("/api/traces/" + trace.id())).build();
    }

    @GET
    @Path("/{id}")
    public TraceView get(@PathParam("id") String id) {
        return uploads.find(id).map(TraceView::of).orElseThrow(() -> new NotFoundException("no trace with id " + id));
    }

    /**
     * What the API shows of a stored trace.
     *
     * @param id what a job names as {@code workload.traceId}
     * @param sha256 lowercase hex SHA-256 of the bytes as uploaded
     * @param sizeBytes their length
     * @param rows requests (non-blank lines)
     * @param createdAt when it was first stored (ISO-8601)
     */
    @RegisterForReflection
    public record TraceView(String id, String sha256, long sizeBytes, int rows, String createdAt) {
        static TraceView of(StoredTrace trace) {
            return new TraceView(trace.id(), trace.sha256(), trace.sizeBytes(), trace.rowCount(),
                    trace.createdAt().toString());
        }
    }
}
