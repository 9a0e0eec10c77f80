package io.perfsweep.spec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A benchmark job, version {@value #API_VERSION}: what to measure, how hard, and what counts as good. Parsed by
 * {@link JobSpecParser}, which fills every default, so a parsed spec is complete and survives
 * {@code JobSpec → JSON → JobSpec} unchanged. Unknown fields are rejected, never ignored, so a typo cannot silently
 * run the defaults.
 *
 * @param id optional deduplication key: letters, digits, {@code .}, {@code -}, {@code _}, at most 128 characters;
 *        see {@link #dedupKey(String)}
 * @param name benchmark name, used in result paths and metric labels: letters, digits, {@code -}, {@code _}, at most
 *        128 characters; {@code plots} is reserved; required
 * @param target the server to measure; required
 * @param workload what the requests contain (default synthetic, ISL 2000 ± 10, OSL 256)
 * @param load the points of the sweep (default concurrency 1, 2, 5, 10, 50, 100, 250 with {@code max(3·c, 10)}
 *        requests each)
 * @param extras request fields that make servers honour the output length (default {@code min_tokens} and
 *        {@code ignore_eos})
 * @param slo goodput thresholds (default none)
 * @param tags free labels for comparisons and metrics: at most 32, keys Prometheus-label-safe
 *        ({@code [a-zA-Z_][a-zA-Z0-9_]*}, not starting {@code __}), keys and values at most 63 characters
 * @param maxDuration longest the job may run, JSON {@code maxDurationSeconds}; defaults to, and may not exceed,
 *        {@link JobLimits#maxJobDuration()}
 * @param baseline the job this one is compared with when it finishes, or null (default) for none
 */
public record JobSpec(String id, String name, JobTarget target, JobWorkload workload, JobLoad load, JobExtras extras,
        JobSlo slo, Map<String, String> tags, Duration maxDuration, JobBaseline baseline) {

    /** The only {@code apiVersion} this class reads and writes. */
    public static final String API_VERSION = "perfsweep/v1";

    public JobSpec {
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    /** A job without a baseline. */
    public JobSpec(String id, String name, JobTarget target, JobWorkload workload, JobLoad load, JobExtras extras,
            JobSlo slo, Map<String, String> tags, Duration maxDuration) {
        this(id, name, target, workload, load, extras, slo, tags, maxDuration, null);
    }

    /** GPUs of the deployment under test: {@code tp·dp}, or {@code prefillTp·prefillDp + decodeTp·decodeDp}. */
    public int gpuCount() {
        return target.deployment().gpuCount();
    }

    /** Label of the deployment under test, e.g. {@code agg-tp1-dp1} or {@code disagg-p1x1-d2x1}. */
    public String deploymentLabel() {
        return target.deployment().label();
    }

    /**
     * The key that makes a job run once: this spec's {@link #id}, else the NATS {@code Nats-Msg-Id} header, else the
     * lowercase hex SHA-256 of {@link JobSpecJson#toJson(JobSpec)}, the canonical JSON of the spec with its defaults.
     *
     * @param natsMsgId the message's {@code Nats-Msg-Id} header; null or blank when absent (REST, CLI)
     */
    public String dedupKey(String natsMsgId) {
        if (id != null) {
            return id;
        }
        if (natsMsgId != null && !natsMsgId.isBlank()) {
            return natsMsgId;
        }
        return ContentHash.sha256Hex(JobSpecJson.toJson(this).getBytes(StandardCharsets.UTF_8));
    }
}
