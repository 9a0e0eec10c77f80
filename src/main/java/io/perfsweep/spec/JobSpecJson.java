package io.perfsweep.spec;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link JobSpec} as {@code perfsweep/v1} JSON that {@link JobSpecParser} reads back to an equal spec:
 * every field, defaults and nulls included, in schema order, map entries sorted by key. The text is canonical: the
 * same spec always gives the same bytes (the content hash of {@link JobSpec#dedupKey(String)} relies on it).
 */
public final class JobSpecJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JobSpecJson() {
    }

    /** The canonical JSON text, without whitespace. */
    public static String toJson(JobSpec spec) {
        return toTree(spec).toString();
    }

    /** The JSON tree, e.g. to embed in an event or store as jsonb. */
    public static ObjectNode toTree(JobSpec spec) {
        ObjectNode job = NODES.objectNode().put("apiVersion", JobSpec.API_VERSION).put("id", spec.id())
                .put("name", spec.name());
        job.set("target", target(spec.target()));
        job.set("workload", workload(spec.workload()));
        job.set("load", spec.workload() instanceof JobWorkload.PlannerProfile ? plannerProfileLoad(spec.load())
                : load(spec.load()));
        JobExtras extras = spec.extras();
        job.putObject("extras").put("minTokens", extras.minTokens()).put("ignoreEos", extras.ignoreEos())
                .put("nvextIgnoreEos", extras.nvextIgnoreEos());
        JobSlo slo = spec.slo();
        job.putObject("slo").put("ttftMs", slo.ttftMs()).put("itlMs", slo.itlMs())
                .put("requestLatencyMs", slo.requestLatencyMs())
                .put("minTokensPerSecPerUser", slo.minTokensPerSecPerUser());
        ObjectNode tags = job.putObject("tags");
        spec.tags().forEach(tags::put);
        job.put("maxDurationSeconds", spec.maxDuration().toSeconds());
        // Written only when given, so the canonical text (and the content-hash dedup key) of other jobs is unchanged.
        if (spec.baseline() != null) {
            ObjectNode baseline = job.putObject("baseline");
            spec.baseline().toJson().forEach((key, value) -> baseline.put(key, (String) value));
        }
        return job;
    }

    private static ObjectNode target(JobTarget target) {
        ObjectNode node = NODES.objectNode().put("url", target.url()).put("model", target.model())
                .put("endpoint", target.endpoint().name().toLowerCase(Locale.ROOT));
        ObjectNode headers = node.putObject("headers");
        target.headers().forEach((name, ref) -> headers.putObject(name).put("secretRef", ref.secretRef()));
        node.set("deployment", deployment(target.deployment()));
        // Written only when given, so the canonical text (and the content-hash dedup key) of other jobs is unchanged.
        if (!target.additionalUrls().isEmpty()) {
            ArrayNode additional = node.putArray("additionalUrls");
            target.additionalUrls().forEach(additional::add);
        }
        if (!target.serverMetrics()) {
            node.put("serverMetrics", false);
        }
        if (!target.metricsUrls().isEmpty()) {
            ArrayNode metrics = node.putArray("metricsUrls");
            target.metricsUrls().forEach(metrics::add);
        }
        return node;
    }

    private static ObjectNode deployment(JobDeployment deployment) {
        if (deployment instanceof JobDeployment.Disaggregated d) {
            return NODES.objectNode().put("mode", "disaggregated").put("prefillTp", d.prefillTp())
                    .put("prefillDp", d.prefillDp()).put("decodeTp", d.decodeTp()).put("decodeDp", d.decodeDp());
        }
        var a = (JobDeployment.Aggregated) deployment;
        return NODES.objectNode().put("mode", "aggregated").put("tp", a.tp()).put("dp", a.dp());
    }

    private static ObjectNode workload(JobWorkload workload) {
        ObjectNode node = NODES.objectNode().put("type", workload.type());
        if (workload instanceof JobWorkload.Synthetic s) {
            node.put("isl", s.islTokens()).put("islStd", s.islStdTokens()).put("osl", s.oslTokens())
                    .put("oslStd", s.oslStdTokens()).put("seed", s.seed());
        } else if (workload instanceof JobWorkload.Trace t) {
            node.put("file", t.file()).put("url", t.url()).put("traceId", t.traceId())
                    .put("blockSize", t.blockSizeTokens()).put("seed", t.seed());
        } else if (workload instanceof JobWorkload.Prefix p) {
            node.set("prefixRatios", array(p.prefixRatios()));
            node.put("isl", p.islTokens()).put("osl", p.oslTokens()).put("prefixPromptCount", p.prefixPromptCount())
                    .put("seed", p.seed());
        } else if (workload instanceof JobWorkload.PlannerProfile p) {
            node.put("maxContextLength", p.maxContextLength()).put("prefillGranularity", p.prefillGranularity())
                    .put("decodeGranularity", p.decodeGranularity()).put("decodeOsl", p.decodeOsl())
                    .put("gpusPerEngine", p.gpusPerEngine()).put("attentionDp", p.attentionDp())
                    .put("maxKvTokens", p.maxKvTokens()).put("seed", p.seed());
        }
        return node;
    }

    /** A planner-profile job's load: closed loop, the profiler's points; only its timeouts are the job's. */
    private static ObjectNode plannerProfileLoad(JobLoad load) {
        ObjectNode node = NODES.objectNode().put("type", load.type());
        JobTimeouts timeouts = load.timeouts();
        if (timeouts.any()) {
            node.put(LoadReader.REQUEST_TIMEOUT, timeouts.requestTimeoutSeconds())
                    .put(LoadReader.IDLE_TIMEOUT, timeouts.idleTimeoutSeconds());
        }
        return node;
    }

    private static ObjectNode load(JobLoad load) {
        ObjectNode node = NODES.objectNode().put("type", load.type());
        if (load instanceof JobLoad.Concurrency c) {
            node.set("levels", array(c.levels()));
            node.put("requestCount", c.requestCount()).put("warmupRequestCount", c.warmupRequestCount());
        } else if (load instanceof JobLoad.Rate r) {
            node.set("rates", array(r.ratesPerSecond()));
            node.put("arrival", r.arrival().name().toLowerCase(Locale.ROOT))
                    .put("maxConcurrency", r.maxConcurrency()).put("requestCount", r.requestCount())
                    .put("warmupRequestCount", r.warmupRequestCount());
        } else if (load instanceof JobLoad.Replay r) {
            node.put("speedup", r.speedup());
        } else if (load instanceof JobLoad.Search s) {
            search(node, s);
        }
        // Written only when above 1, so the canonical text (and the content-hash dedup key) of other jobs is unchanged.
        if (load.trials() != 1) {
            node.put(LoadReader.TRIALS, load.trials());
        }
        // Likewise only above 1.
        if (load.workers() != 1) {
            node.put(LoadReader.WORKERS, load.workers());
        }
        // Written only when given, so the canonical text (and the content-hash dedup key) of other jobs is unchanged.
        JobTimeouts timeouts = load.timeouts();
        if (timeouts.any()) {
            node.put(LoadReader.REQUEST_TIMEOUT, timeouts.requestTimeoutSeconds())
                    .put(LoadReader.IDLE_TIMEOUT, timeouts.idleTimeoutSeconds());
        }
        if (load.sliceDurationSeconds() != null) {
            node.put(LoadReader.SLICE_DURATION, load.sliceDurationSeconds());
        }
        return node;
    }

    /** A search's fields; bounds over concurrency as integers, as the job gave them. */
    private static void search(ObjectNode node, JobLoad.Search s) {
        node.put("over", s.over().name().toLowerCase(Locale.ROOT));
        if (s.over() == JobLoad.Over.CONCURRENCY) {
            node.put("min", (long) s.min()).put("max", (long) s.max());
        } else {
            node.put("min", s.min()).put("max", s.max()).put("arrival", s.arrival().name().toLowerCase(Locale.ROOT));
        }
        node.put("goodRequestFraction", s.goodRequestFraction()).put("precision", s.precision())
                .put("maxProbes", s.maxProbes()).put("requestCount", s.requestCount())
                .put("warmupRequestCount", s.warmupRequestCount());
    }

    private static ArrayNode array(List<? extends Number> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(v -> array.add(v instanceof Integer i ? NODES.numberNode(i) : NODES.numberNode((Double) v)));
        return array;
    }

}
