package io.perfsweep.spec;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the JSON tree of a job into a {@link JobSpec} with every default filled: shape only (types, unknown
 * fields, enum values); the rules on values are {@link JobSpecValidator}'s.
 */
final class JobSpecReader {

    private static final String[] JOB_FIELDS = { "apiVersion", "id", "name", "target", "workload", "load", "extras",
            "slo", "tags", "maxDurationSeconds", "baseline" };

    private final JobLimits limits;
    private final Violations violations;

    JobSpecReader(JobLimits limits, Violations violations) {
        this.limits = limits;
        this.violations = violations;
    }

    /**
     * The spec, or null when the root is not an object. A missing or unknown version is reported and the job is read
     * as {@code perfsweep/v1} all the same, so one answer lists every violation (a user fixing only the version would
     * otherwise meet the rest one round trip later).
     */
    JobSpec read(JsonNode root) {
        if (!root.isObject()) {
            violations.add("", "the job must be a JSON object, was " + SpecObject.show(root));
            return null;
        }
        SpecObject job = SpecObject.of(root, "", violations);
        checkVersion(job);
        job.allowOnly("a job", JOB_FIELDS);
        String id = job.string("id", null);
        String name = job.string("name", null);
        SpecObject target = job.object("target");
        JobTarget jobTarget = target == null ? null : target(target);
        JobWorkload workload = new WorkloadReader(violations).read(job.object("workload"));
        SpecObject loadObject = job.object("load");
        // The router script's own load (concurrency 20, 200 requests) when a prefix job gives none.
        JobLoad load = loadObject == null && workload instanceof JobWorkload.Prefix ? JobWorkload.Prefix.DEFAULT_LOAD
                : workload instanceof JobWorkload.PlannerProfile ? new LoadReader(violations).plannerProfile(loadObject)
                        : new LoadReader(violations).read(loadObject);
        SpecObject extras = job.object("extras");
        JobExtras jobExtras = extras == null ? JobExtras.DEFAULT : extras(extras);
        JobSlo slo = slo(job.object("slo"));
        Map<String, String> tags = job.entries("tags", SpecObject::asString, "must be a string");
        long maxDurationSeconds = job.longInteger("maxDurationSeconds", limits.maxJobDuration().toSeconds());
        SpecObject baseline = job.object("baseline");
        return new JobSpec(id, name, jobTarget, workload, load, jobExtras, slo, tags,
                Duration.ofSeconds(maxDurationSeconds), baseline == null ? null : baseline(baseline));
    }

    private static JobBaseline baseline(SpecObject baseline) {
        baseline.allowOnly("baseline", "jobId", "name");
        return new JobBaseline(baseline.string("jobId", null), baseline.string("name", null));
    }

    private void checkVersion(SpecObject job) {
        String version = job.string("apiVersion", null);
        if (version == null && !job.has("apiVersion")) {
            violations.add("apiVersion", "apiVersion is required; the supported version is " + JobSpec.API_VERSION);
        } else if (version != null && !version.equals(JobSpec.API_VERSION)) {
            violations.add("apiVersion", SpecObject.show(job.raw("apiVersion")),
                    "is not supported; the supported version is " + JobSpec.API_VERSION);
        }
    }

    private JobTarget target(SpecObject target) {
        target.allowOnly("target", "url", "model", "endpoint", "headers", "deployment", "additionalUrls",
                "serverMetrics", "metricsUrls");
        SpecObject deployment = target.object("deployment");
        return new JobTarget(target.string("url", null), target.string("model", JobTarget.DEFAULT_MODEL),
                endpoint(target), headers(target), deployment == null ? JobDeployment.DEFAULT : deployment(deployment),
                target.strings("additionalUrls", List.of()), target.bool("serverMetrics", true),
                target.strings("metricsUrls", List.of()));
    }

    private JobTarget.Endpoint endpoint(SpecObject target) {
        String endpoint = target.string("endpoint", "chat");
        return switch (endpoint) {
            case "chat" -> JobTarget.Endpoint.CHAT;
            case "completions" -> JobTarget.Endpoint.COMPLETIONS;
            default -> {
                violations.add(target.path("endpoint"), SpecObject.show(target.raw("endpoint")),
                        "must be chat or completions");
                yield JobTarget.Endpoint.CHAT;
            }
        };
    }

    private Map<String, SecretRef> headers(SpecObject target) {
        Map<String, SecretRef> headers = new LinkedHashMap<>();
        target.children("headers").forEach((name, value) -> {
            String path = target.path("headers") + "." + name;
            if (value.isObject()) {
                SpecObject ref = SpecObject.of(value, path, violations);
                ref.allowOnly("a secret reference", "secretRef");
                headers.put(name, new SecretRef(ref.string("secretRef", null)));
            } else {
                // never echo the value: it may be the secret itself
                violations.add(path, path + " must be a secret reference such as {\"secretRef\": \"vllm-api-key\"},"
                        + " not a literal value: job specs are stored and published, so they never carry secrets");
            }
        });
        return headers;
    }

    private JobDeployment deployment(SpecObject deployment) {
        String mode = deployment.string("mode", "aggregated");
        switch (mode) {
            case "aggregated" -> {
                deployment.allowOnly("an aggregated deployment", "mode", "tp", "dp");
                return new JobDeployment.Aggregated(deployment.integer("tp", 1), deployment.integer("dp", 1));
            }
            case "disaggregated" -> {
                deployment.allowOnly("a disaggregated deployment", "mode", "prefillTp", "prefillDp", "decodeTp",
                        "decodeDp");
                return new JobDeployment.Disaggregated(deployment.integer("prefillTp", 1),
                        deployment.integer("prefillDp", 1), deployment.integer("decodeTp", 1),
                        deployment.integer("decodeDp", 1));
            }
            default -> {
                violations.add(deployment.path("mode"), SpecObject.show(deployment.raw("mode")),
                        "must be aggregated or disaggregated");
                return JobDeployment.DEFAULT;
            }
        }
    }

    private static JobExtras extras(SpecObject extras) {
        extras.allowOnly("extras", "minTokens", "ignoreEos", "nvextIgnoreEos");
        JobExtras d = JobExtras.DEFAULT;
        return new JobExtras(extras.bool("minTokens", d.minTokens()), extras.bool("ignoreEos", d.ignoreEos()),
                extras.bool("nvextIgnoreEos", d.nvextIgnoreEos()));
    }

    private static JobSlo slo(SpecObject slo) {
        if (slo == null) {
            return JobSlo.NONE;
        }
        slo.allowOnly("slo", "ttftMs", "itlMs", "requestLatencyMs", "minTokensPerSecPerUser");
        return new JobSlo(slo.number("ttftMs", null), slo.number("itlMs", null), slo.number("requestLatencyMs", null),
                slo.number("minTokensPerSecPerUser", null));
    }
}
