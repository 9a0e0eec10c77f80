package io.perfsweep.api;

import java.util.List;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.perfsweep.job.InvalidTraceException;
import io.perfsweep.job.QueueFullException;
import io.perfsweep.spec.InvalidJobException;
import io.quarkus.logging.Log;

/** Renders every API failure as an {@link ApiError}. */
public class ApiExceptionMappers {

    @ServerExceptionMapper
    public Response invalidJob(InvalidJobException e) {
        return error("invalid_job", 400, "the job was rejected: " + e.reason(), e.violations());
    }

    @ServerExceptionMapper
    public Response invalidTrace(InvalidTraceException e) {
        return error("invalid_trace", 400, "the trace was rejected: " + e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response queueFull(QueueFullException e) {
        return Response.fromResponse(error("too_many_queued_jobs", 429, e.getMessage(), List.of()))
                .header("Retry-After", e.retryAfterSeconds()).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String type = switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 503 -> "unavailable";
            default -> "http_" + status;
        };
        return error(type, status, e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        Log.error("API request failed", e);
        return error("internal_error", 500, e.getMessage(), List.of());
    }

    private static Response error(String type, int status, String message, List<String> violations) {
        // JSON even where the endpoint makes HTML or images: an error always has the one shape
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(type, status, message, violations)).build();
    }
}
