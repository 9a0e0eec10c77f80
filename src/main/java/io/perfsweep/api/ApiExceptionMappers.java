package io.perfsweep.api;

import java.util.List;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.perfsweep.job.InvalidJobException;
import io.perfsweep.job.QueueFullException;
import io.quarkus.logging.Log;

/** Renders every API failure as an {@link ApiError}. */
public class ApiExceptionMappers {

    @ServerExceptionMapper
    public Response invalidJob(InvalidJobException e) {
        return error("invalid_job", 400, "the job was rejected: " + e.reason(), e.violations());
    }

    @ServerExceptionMapper
    public Response queueFull(QueueFullException e) {
        return Response.fromResponse(error("too_many_queued_jobs", 429, e.getMessage(), List.of()))
                .header("Retry-After", e.retryAfterSeconds()).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String type = status == 404 ? "not_found" : status == 503 ? "unavailable" : "http_" + status;
        return error(type, status, e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        Log.error("API request failed", e);
        return error("internal_error", 500, e.getMessage(), List.of());
    }

    private static Response error(String type, int status, String message, List<String> violations) {
        return Response.status(status).entity(new ApiError(type, status, message, violations)).build();
    }
}
