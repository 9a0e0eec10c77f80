package io.perfsweep.spec;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The rules on the values of a job spec, ceilings included. Every violation is recorded with its field path, the
 * value and the rule; a field already reported with the wrong type is not reported again.
 */
final class JobSpecValidator {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9._-]{1,253}");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,62}");
    private static final int MAX_TAGS = 32;
    private static final int MAX_TAG_VALUE_CHARS = 63;

    private final JobLimits limits;
    private final Violations violations;

    JobSpecValidator(JobLimits limits, Violations violations) {
        this.limits = limits;
        this.violations = violations;
    }

    void validate(JobSpec spec) {
        if (spec.id() != null && !ID.matcher(spec.id()).matches()) {
            violations.addUnlessReported("id", quote(spec.id()), "must be 1 to 128 letters, digits, '.', '-' or '_'");
        }
        name(spec.name());
        if (spec.target() == null) {
            violations.addUnlessReported("target", "target is required");
        } else {
            target(spec.target());
        }
        new LoadRules(limits, violations).validate(spec.workload(), spec.load());
        if (spec.target() != null) {
            additionalUrls(spec.target(), spec.workload(), spec.load());
        }
        slo(spec.slo());
        if (spec.load() instanceof JobLoad.Search && !spec.slo().any()) {
            violations.addUnlessReported("slo", "load.type \"search\" needs at least one slo threshold (ttftMs, itlMs,"
                    + " requestLatencyMs or minTokensPerSecPerUser): a probe passes when enough requests meet them");
        }
        tags(spec.tags());
        duration(spec.maxDuration().toSeconds());
        baseline(spec);
    }

    /** Exactly one of {@code jobId} and {@code name}, each as an id or a name must be; not the job itself. */
    private void baseline(JobSpec spec) {
        JobBaseline baseline = spec.baseline();
        if (baseline == null) {
            return;
        }
        if ((baseline.jobId() == null) == (baseline.name() == null)) {
            violations.addUnlessReported("baseline", "baseline must give exactly one of jobId (that job) and name (the"
                    + " latest succeeded job of that name)");
            return;
        }
        if (baseline.jobId() != null && !ID.matcher(baseline.jobId()).matches()) {
            violations.addUnlessReported("baseline.jobId", quote(baseline.jobId()),
                    "must be 1 to 128 letters, digits, '.', '-' or '_'");
        } else if (baseline.jobId() != null && baseline.jobId().equals(spec.id())) {
            violations.addUnlessReported("baseline.jobId", quote(baseline.jobId()), "is this job's own id; a job is"
                    + " compared with another job");
        }
        if (baseline.name() != null && !NAME.matcher(baseline.name()).matches()) {
            violations.addUnlessReported("baseline.name", quote(baseline.name()),
                    "must be a job name: letters, digits, '-' and '_'");
        }
    }

    private void name(String name) {
        if (name == null) {
            violations.addUnlessReported("name", "name is required");
        } else if (!NAME.matcher(name).matches()) {
            violations.addUnlessReported("name", quote(name), "must be 1 to 128 letters, digits, '-' or '_'");
        } else if (name.equals("plots")) {
            violations.addUnlessReported("name", quote(name), "is reserved for plot output; choose another name");
        }
    }

    private void target(JobTarget target) {
        if (target.url() == null) {
            violations.addUnlessReported("target.url", "target.url is required");
        } else {
            TargetUrls.check("target.url", target.url(), violations);
        }
        if (target.model().isBlank()) {
            violations.addUnlessReported("target.model", "\"\"", "must not be blank");
        }
        headers(target.headers());
        deployment(target.deployment());
        for (int i = 0; i < target.metricsUrls().size(); i++) {
            TargetUrls.check("target.metricsUrls[" + i + "]", target.metricsUrls().get(i), violations);
        }
    }

    /** Several URLs only where the router benchmark spreads requests over them, each a valid URL. */
    private void additionalUrls(JobTarget target, JobWorkload workload, JobLoad load) {
        var urls = target.additionalUrls();
        if (urls.isEmpty()) {
            return;
        }
        if (!(workload instanceof JobWorkload.Prefix)) {
            violations.addUnlessReported("target.additionalUrls", "target.additionalUrls is only for workload.type"
                    + " \"prefix\", which spreads its requests over several router URLs");
            return;
        }
        for (int i = 0; i < urls.size(); i++) {
            TargetUrls.check("target.additionalUrls[" + i + "]", urls.get(i), violations);
        }
        if (load instanceof JobLoad.Concurrency c && JobWorkload.Prefix.requestCount(c) < urls.size() + 1) {
            violations.addUnlessReported("load.requestCount", JobWorkload.Prefix.requestCount(c),
                    "must be at least the number of URLs (" + (urls.size() + 1) + ") so each gets a request");
        }
    }

    private void headers(Map<String, SecretRef> headers) {
        Set<String> seen = new HashSet<>();
        headers.forEach((name, ref) -> {
            String path = "target.headers." + name;
            if (!HEADER_NAME.matcher(name).matches()) {
                violations.addUnlessReported(path, path + " is not a valid HTTP header name");
            } else if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                violations.addUnlessReported(path, path + " repeats a header name (header names ignore case)");
            }
            if (ref.secretRef() == null) {
                violations.addUnlessReported(path + ".secretRef", path + ".secretRef is required");
            } else if (!SECRET_NAME.matcher(ref.secretRef()).matches()) {
                violations.addUnlessReported(path + ".secretRef", quote(ref.secretRef()),
                        "must be 1 to 253 letters, digits, '.', '-' or '_'");
            }
        });
    }

    private void deployment(JobDeployment deployment) {
        String path = "target.deployment.";
        if (deployment instanceof JobDeployment.Aggregated agg) {
            atLeastOne(path + "tp", agg.tp());
            atLeastOne(path + "dp", agg.dp());
        } else if (deployment instanceof JobDeployment.Disaggregated disagg) {
            atLeastOne(path + "prefillTp", disagg.prefillTp());
            atLeastOne(path + "prefillDp", disagg.prefillDp());
            atLeastOne(path + "decodeTp", disagg.decodeTp());
            atLeastOne(path + "decodeDp", disagg.decodeDp());
        }
    }

    private void slo(JobSlo slo) {
        nonNegative("slo.ttftMs", slo.ttftMs());
        nonNegative("slo.itlMs", slo.itlMs());
        nonNegative("slo.requestLatencyMs", slo.requestLatencyMs());
        nonNegative("slo.minTokensPerSecPerUser", slo.minTokensPerSecPerUser());
    }

    private void tags(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            violations.addUnlessReported("tags", "tags has " + tags.size() + " entries, more than the maximum " + MAX_TAGS);
        }
        tags.forEach((key, value) -> {
            String path = "tags." + key;
            if (!LABEL_NAME.matcher(key).matches() || key.startsWith("__")) {
                violations.addUnlessReported(path, path + " is not a Prometheus label name: use 1 to 63 characters of"
                        + " [a-zA-Z0-9_], not starting with a digit or __");
            }
            if (value.length() > MAX_TAG_VALUE_CHARS) {
                violations.addUnlessReported(path, quote(value), "is longer than " + MAX_TAG_VALUE_CHARS + " characters");
            }
        });
    }

    private void duration(long seconds) {
        long maxSeconds = limits.maxJobDuration().toSeconds();
        if (seconds < 1) {
            violations.addUnlessReported("maxDurationSeconds", seconds, "must be at least 1");
        } else if (seconds > maxSeconds) {
            violations.addUnlessReported("maxDurationSeconds", seconds, "exceeds the maximum job duration " + maxSeconds
                    + " s (perfsweep.limits.max-job-duration)");
        }
    }

    private void atLeastOne(String path, int value) {
        if (value < 1) {
            violations.addUnlessReported(path, value, "must be at least 1");
        }
    }

    private void nonNegative(String path, Double value) {
        if (value != null && !(value >= 0 && Double.isFinite(value))) {
            violations.addUnlessReported(path, value, "must not be negative");
        }
    }

    /** A string as JSON shows it, for messages. */
    static String quote(String value) {
        return SpecObject.show(TextNode.valueOf(value));
    }
}
