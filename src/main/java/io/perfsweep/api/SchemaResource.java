package io.perfsweep.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import io.perfsweep.spec.JobSpecSchema;

/** {@code GET /api/schema}: the JSON Schema of the {@code perfsweep/v1} job spec, as {@code perfsweep schema} prints it. */
@Path("/api/schema")
public class SchemaResource {

    @GET
    @Produces(JobSpecSchema.MEDIA_TYPE)
    public String schema() {
        return JobSpecSchema.text();
    }
}
