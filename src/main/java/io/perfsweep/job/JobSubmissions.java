package io.perfsweep.job;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.perfsweep.config.PerfsweepConfig;
import io.perfsweep.events.EventPublisher;
import io.perfsweep.events.EventType;
import io.perfsweep.events.JobFailedEvent;
import io.perfsweep.events.RunIdentity;
import io.perfsweep.spec.ContentHash;
import io.perfsweep.spec.InvalidJobException;
import io.perfsweep.spec.JobDeployment;
import io.perfsweep.spec.JobLimits;
import io.perfsweep.spec.JobSpec;
import io.perfsweep.spec.JobSpecJson;
import io.perfsweep.spec.JobSpecParser;
import io.perfsweep.spec.JobWorkload;
import io.perfsweep.store.JobEntity;
import io.perfsweep.store.TraceStore;
import io.perfsweep.workload.TraceRequest;

/**
 * Turns a job message into a stored job: parse, validate, translate, persist, deduplicate. A job that cannot run is
 * stored as REJECTED with every reason and announced on {@code perfsweep.events.job.failed}; it is never retried.
 */
@ApplicationScoped
public class JobSubmissions {

    private static final int MAX_STORED_RAW_CHARS = 65_536;
    /** Text after the value is no JSON for PostgreSQL's jsonb either: such a payload is stored wrapped. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final Pattern ID = Pattern.compile("[a-zA-Z0-9._-]{1,128}");

    @Inject
    PerfsweepConfig config;

    @Inject
    JobStates states;

    @Inject
    EventPublisher events;

    @Inject
    ConfiguredSecrets secrets;

    @Inject
    TraceStore traces;

    /** The parser with the configured ceilings; the API validates with the same one before publishing. */
    public JobSpecParser parser() {
        return new JobSpecParser(JobLimits.from(config.limits()), List.of(PlannerProfilePlan.PROFILABLE));
    }

    /**
     * Accepts one job message.
     *
     * @param payload the message body as published
     * @param natsMsgId its {@code Nats-Msg-Id} header, or null
     */
    public Submission accept(byte[] payload, String natsMsgId) {
        JobSpec spec;
        PreparedJob prepared;
        try {
            spec = parser().parse(payload);
            prepared = prepare(spec.dedupKey(natsMsgId), spec);
        } catch (InvalidJobException e) {
            return reject(payload, natsMsgId, e.reason());
        }
        JobEntity stored = states.queue(JobEntity.queued(prepared.id(), spec.name(), JobSpecJson.toJson(spec),
                spec.target().url(), spec.target().model(), prepared.sweep().plan().points().size()));
        return stored.state.terminal() ? Submission.alreadyFinished(prepared.id()) : Submission.run(prepared);
    }

    /**
     * The runnable form of a valid spec; throws {@link InvalidJobException} for what cannot run here. A trace workload
     * is read now (a URL fetched), once per delivery of the job.
     */
    public PreparedJob prepare(String id, JobSpec spec) {
        var allowList = new TargetAllowList(config.targets());
        spec.target().urls().forEach(allowList::check);
        spec.target().metricsUrls().forEach(url -> allowList.check("target.metricsUrls", url));
        List<TraceRequest> traceRows = spec.workload() instanceof JobWorkload.Trace trace
                ? new TraceSources(config.traces(), traces).load(trace)
                : null;
        PreparedJob prepared = prepared(id, spec, ClientDefaults.from(config.client()), secrets, traceRows);
        if (traceRows != null) {
            TraceCeilings.check(traceRows, prepared.sweep().plan(), JobLimits.from(config.limits()));
        }
        return prepared;
    }

    /**
     * What {@code run} runs from its flags, which it turned into {@code spec}: the same translation as a job's, with
     * what the command settled itself. Its flags were checked one by one (the messages name the flags), and the
     * service's ceilings and allowed hosts are not a local run's.
     *
     * @param client the run's client settings: the configured ones, with its literal {@code --header} values (a spec
     *        names headers by secret reference only)
     * @param traceRows the rows of {@code --trace-file}, read and checked by the command (a path of the user's, not
     *        one in {@code perfsweep.traces.dir}); null without a trace
     */
    public PreparedJob prepareRun(JobSpec spec, ClientDefaults client, List<TraceRequest> traceRows) {
        return prepared(spec.dedupKey(null), spec, client, SecretResolver.NONE, traceRows);
    }

    private static PreparedJob prepared(String id, JobSpec spec, ClientDefaults client, SecretResolver secrets,
            List<TraceRequest> traceRows) {
        var sweep = SweepSpecs.toSweepSpec(spec, client, secrets, traceRows);
        // synthetic: its lengths; trace: the rows' mean lengths; prefix: its total input and output lengths;
        // plannerProfile: its first point's
        int isl = sweep.workload().isl();
        int osl = sweep.workload().osl();
        String mode = spec.target().deployment() instanceof JobDeployment.Disaggregated ? "disaggregated"
                : "aggregated";
        var identity = new RunIdentity(id, spec.name(), spec.target().model(), spec.target().url(),
                spec.target().endpoint().name().toLowerCase(), mode, spec.deploymentLabel(), spec.gpuCount(), isl, osl,
                spec.tags());
        return new PreparedJob(id, sweep, identity, spec.gpuCount(), null, spec.maxDuration(),
                SweepSpecs.prefixRatioSpec(spec), SweepSpecs.plannerProfilePlan(spec), spec.load().sliceDurationSeconds(),
                spec.load().trials(), spec.baseline(), SweepSpecs.searchPlan(spec), spec.load().workers());
    }

    /**
     * What {@code run --job} runs: {@link #prepare} with the job's own dedup key, the same checks and the same trace
     * reading, except that an uploaded trace ({@code workload.traceId}) is refused, since it lives in the service's
     * database and a local run has none.
     */
    public PreparedJob prepareLocally(JobSpec spec) {
        if (spec.workload() instanceof JobWorkload.Trace trace && trace.traceId() != null) {
            throw new InvalidJobException("workload.traceId '" + trace.traceId() + "' names a trace uploaded to the"
                    + " service's database, which a local run does not read: name the trace by workload.file (in"
                    + " perfsweep.traces.dir) or workload.url instead");
        }
        return prepare(spec.dedupKey(null), spec);
    }

    /**
     * What the API checks before it queues a job: everything {@link #prepare} does, except that a trace URL is only
     * checked against the allowed hosts (it is fetched once, when the service takes the job).
     */
    public void check(String id, JobSpec spec) {
        if (spec.workload() instanceof JobWorkload.Trace trace && trace.url() != null) {
            var allowList = new TargetAllowList(config.targets());
            spec.target().urls().forEach(allowList::check);
            spec.target().metricsUrls().forEach(url -> allowList.check("target.metricsUrls", url));
            new TraceSources(config.traces(), traces).check(trace);
        } else {
            prepare(id, spec);
        }
    }

    /**
     * Rejects a job message for good with {@code reason}, stored and published: an invalid job, or one that could not
     * be taken on any delivery (its trace URL stayed unavailable).
     */
    public Submission reject(byte[] payload, String natsMsgId, String reason) {
        String id = field(payload, "id");
        if (id == null || !ID.matcher(id).matches()) {
            id = natsMsgId != null && !natsMsgId.isBlank() ? natsMsgId : "rejected-" + ContentHash.sha256Hex(payload);
        }
        String name = field(payload, "name");
        JobEntity stored = states.reject(id, name == null ? "unnamed" : name, storableJson(payload), reason);
        if (stored.state.terminal() && reason.equals(stored.reason)) {
            events.publish(EventType.JOB_FAILED, id, new JobFailedEvent(id, name, "REJECTED", reason, 0, 0));
        }
        return Submission.rejected(id, reason);
    }

    /** A NUL written as a JSON escape, which jsonb refuses as it refuses the character itself. */
    private static final Pattern NUL_ESCAPE = Pattern.compile("\\\\u0000|\\x00", Pattern.CASE_INSENSITIVE);

    /**
     * The payload as jsonb: itself when it is one JSON value, else wrapped as {@code {"raw": "..."}} (truncated). An empty or
     * blank payload parses to Jackson's missing node without an error, and is no storable jsonb either: wrapped too.
     */
    private static String storableJson(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        if (isJsonValue(text) && !NUL_ESCAPE.matcher(text).find()) {
            return text;
        }
        // jsonb holds no U+0000, neither as a character nor escaped: shown as the symbol for NUL instead
        String raw = (text.length() > MAX_STORED_RAW_CHARS ? text.substring(0, MAX_STORED_RAW_CHARS) : text)
                .replace('\0', '\u2400');
        try {
            return MAPPER.writeValueAsString(Map.of("raw", raw));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static boolean isJsonValue(String text) {
        try {
            return !MAPPER.readTree(text).isMissingNode();
        } catch (JsonProcessingException notJson) {
            return false;
        }
    }

    /** A top-level text field of the payload when it is a JSON object, so a rejected job keeps its id and name. */
    private static String field(byte[] payload, String field) {
        try {
            var value = MAPPER.readTree(payload).path(field);
            return value.isTextual() ? value.asText() : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
