package io.perfsweep.report;

import java.time.Instant;
import java.util.Map;

/**
 * What a report and an export say about a job besides its points. The job package knows the spec; this record keeps
 * the report free of it.
 *
 * @param id the job's id
 * @param name the benchmark name
 * @param state the job's state, e.g. {@code SUCCEEDED}
 * @param reason why it failed, was rejected or cancelled; null otherwise
 * @param targetUrl the measured endpoint
 * @param model the model requested
 * @param deploymentLabel the deployment shape, e.g. {@code agg-tp1-dp1}; null when the spec could not be read
 * @param gpus GPUs behind the target, which tokens per second per GPU divides by
 * @param tags the job's tags (user input: escaped wherever shown)
 * @param createdAt when the job was queued
 * @param startedAt when it started running, or null
 * @param finishedAt when it ended, or null
 * @param inputs what the run asked for, the export's {@code input_config} of every point with {@link InputConfig}; its
 *        parts are null when the spec could not be read
 * @param verdict the comparison with the job's baseline when it named one (the {@code job.completed} event's
 *        {@code verdict} block), else null
 * @param search what an SLO search job found (the {@code job.completed} event's {@code search} block), else null
 */
public record JobHeader(String id, String name, String state, String reason, String targetUrl, String model,
        String deploymentLabel, int gpus, Map<String, String> tags, Instant createdAt, Instant startedAt,
        Instant finishedAt, InputConfig.Run inputs, Map<String, Object> verdict, Map<String, Object> search) {

    public JobHeader {
        tags = Map.copyOf(tags);
    }

    /** A job without a verdict or a search. */
    public JobHeader(String id, String name, String state, String reason, String targetUrl, String model,
            String deploymentLabel, int gpus, Map<String, String> tags, Instant createdAt, Instant startedAt,
            Instant finishedAt, InputConfig.Run inputs) {
        this(id, name, state, reason, targetUrl, model, deploymentLabel, gpus, tags, createdAt, startedAt, finishedAt,
                inputs, null, null);
    }

    /** perf.sh's {@code deployment_config.json} fields ({@code kind}, {@code mode}, TP/DP, …); empty when unknown. */
    public Map<String, Object> deploymentConfig() {
        return inputs.deploymentConfig();
    }
}
