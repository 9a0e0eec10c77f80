package io.perfsweep.api;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.nats.client.JetStreamApiException;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.perfsweep.config.PerfsweepConfig;
import io.perfsweep.events.NatsClient;
import io.perfsweep.job.JobCancels;
import io.perfsweep.job.JobSubmissions;
import io.perfsweep.job.QueuedJobsCeiling;
import io.perfsweep.spec.JobSpec;
import io.perfsweep.store.JobEntity;
import io.perfsweep.store.JobRepository;
import io.perfsweep.store.JobState;
import io.perfsweep.store.PointStore;
import io.perfsweep.store.PointSummaryJson;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

/** Jobs over HTTP: the same spec as on NATS, validated here first, then queued through the same JetStream intake. */
@Path("/api/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    @Inject
    JobSubmissions submissions;

    @Inject
    JobRepository jobs;

    @Inject
    QueuedJobsCeiling ceiling;

    @Inject
    PointStore points;

    @Inject
    NatsClient nats;

    @Inject
    JobCancels cancels;

    @Inject
    PerfsweepConfig config;

    @Inject
    ObjectMapper mapper;

    /**
     * Validates the job (400 with every violation) and publishes it to {@code perfsweep.jobs}; 202 with its id, 429
     * with {@code Retry-After} while {@code perfsweep.limits.max-queued-jobs} jobs wait. A job whose id is already
     * known is not published again (it runs once): 200 with its current state.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response submit(byte[] payload) {
        // bytes, not a String: the parser rejects what is not UTF-8 instead of the framework replacing it
        JobSpec spec = submissions.parser().parse(payload);
        String id = spec.dedupKey(null);
        JobEntity known = jobs.findById(id);
        if (known != null) {
            return Response.ok(Map.of("id", id, "state", known.state.name())).location(URI.create("/api/jobs/" + id))
                    .build();
        }
        submissions.check(id, spec);
        var headers = new Headers().put("Nats-Msg-Id", id);
        try {
            ceiling.checkRoomForOneMore();
            nats.jetStream().publish(NatsMessage.builder().subject(config.nats().jobsSubject()).headers(headers)
                    .data(payload).build());
        } catch (IOException | JetStreamApiException | IllegalStateException e) {
            throw new ServiceUnavailableException("cannot queue the job on NATS: " + e.getMessage());
        }
        return Response.accepted(Map.of("id", id, "state", JobState.QUEUED.name()))
                .location(URI.create("/api/jobs/" + id)).build();
    }

    /** Jobs, newest first, optionally filtered by name, state and target URL; paged from 0. */
    @GET
    @Transactional
    public List<JobView> list(@QueryParam("name") String name, @QueryParam("state") String state,
            @QueryParam("target") String target, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        var where = new StringBuilder("1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (name != null) {
            where.append(" and name = :name");
            params.put("name", name);
        }
        if (state != null) {
            where.append(" and state = :state");
            params.put("state", JobState.valueOf(state.toUpperCase()));
        }
        if (target != null) {
            where.append(" and targetUrl = :target");
            params.put("target", target);
        }
        return jobs.find(where.toString(), Sort.descending("createdAt"), params)
                .page(Page.of(page, Math.min(Math.max(size, 1), 500))).list().stream()
                .map(job -> JobView.of(job, mapper)).toList();
    }

    @GET
    @Path("/{id}")
    @Transactional
    public JobView get(@PathParam("id") String id) {
        return JobView.of(find(id), mapper);
    }

    /**
     * The job's finished points in sweep order, each with its AIPerf-schema summary; a point of several trials says how
     * many it kept ({@code trials}), one whose later trial failed says why ({@code failure}), and a shared point names
     * the instances that drove it ({@code workers}).
     */
    @GET
    @Path("/{id}/points")
    public List<Map<String, Object>> points(@PathParam("id") String id) {
        jobExists(id);
        return points.points(id).stream().map(point -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("pointIndex", point.pointIndex());
            view.put("label", point.label());
            view.put("concurrency", point.concurrency());
            if (point.prefixRatio() != null) {
                view.put("prefixRatio", point.prefixRatio());
            }
            view.put("startedAt", point.startedAt());
            view.put("finishedAt", point.finishedAt());
            view.put("summary", PointSummaryJson.toJson(point.summary()));
            if (!point.trials().isEmpty()) {
                view.put("trials", point.trials().size()); // kept trials; the summary holds their means
            }
            if (point.failure() != null) {
                view.put("failure", point.failure()); // a later trial failed: why, and what was kept
            }
            if (!point.workers().isEmpty()) {
                // the instances that drove a shared point (load.workers above 1, docs/scale-out.md)
                view.put("workers", point.workers());
            }
            if (point.serverMetrics() != null) {
                // the figures people read; the whole server_metrics_export.json is in the job's export archive
                Map<String, Object> server = new LinkedHashMap<>();
                server.put("facts", point.serverMetrics().get("facts"));
                server.put("clientVsServer", point.serverMetrics().get("client_vs_server"));
                server.put("gpu", point.serverMetrics().get("gpu"));
                server.put("unanswered", point.serverMetrics().get("unanswered"));
                view.put("server", server);
            }
            return view;
        }).toList();
    }

    /**
     * Cancels the job: 200 with state {@code CANCELLED} when it had not started (cancelled in PostgreSQL, with its
     * {@code job.failed} event), 202 when it runs (the cancel subject reaches every instance), 200 with its final
     * state when it had ended.
     */
    @DELETE
    @Path("/{id}")
    public Response cancel(@PathParam("id") String id) {
        jobExists(id);
        JobState state = cancels.cancel(id).orElseThrow(() -> new NotFoundException("no job with id " + id));
        if (state == JobState.RUNNING || state == JobState.QUEUED) {
            return Response.accepted(Map.of("id", id, "cancel", "requested", "state", state.name())).build();
        }
        return Response.ok(Map.of("id", id, "state", state.name())).build();
    }

    @Transactional
    void jobExists(String id) {
        find(id);
    }

    private JobEntity find(String id) {
        return jobs.findByIdOptional(id).orElseThrow(() -> new NotFoundException("no job with id " + id));
    }
}
