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
 * @param inputConfig the run's configuration as AIPerf's {@code input_config} (benchmark name, endpoint, model, ISL,
 *        OSL, deployment shape, {@code num_gpus}); the export adds each point's concurrency
 * @param deploymentConfig perf.sh's {@code deployment_config.json} fields ({@code kind}, {@code mode}, TP/DP, …);
 *        empty when unknown
 */
public record JobHeader(String id, String name, String state, String reason, String targetUrl, String model,
        String deploymentLabel, int gpus, Map<String, String> tags, Instant createdAt, Instant startedAt,
        Instant finishedAt, Map<String, Object> inputConfig, Map<String, Object> deploymentConfig) {

    public JobHeader {
        tags = Map.copyOf(tags);
        inputConfig = Map.copyOf(inputConfig);
        deploymentConfig = Map.copyOf(deploymentConfig);
    }
}
