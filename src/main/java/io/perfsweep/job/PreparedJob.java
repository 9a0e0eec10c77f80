package io.perfsweep.job;

import java.time.Duration;

import io.perfsweep.events.RunIdentity;
import io.perfsweep.load.SweepSpec;

/**
 * A validated job, translated into what the runner needs: the sweep to run and how to describe it in events.
 *
 * @param id the job's id (deduplication key)
 * @param sweep the sweep engine's spec, secrets already resolved
 * @param identity run identity for events
 * @param gpuCount GPUs behind the target, for tok/s/GPU
 * @param maxKvTokens the target's KV capacity in tokens when the job gave it, else null
 * @param maxDuration longest one run of the job may take; checked before each point
 */
public record PreparedJob(String id, SweepSpec sweep, RunIdentity identity, int gpuCount, Long maxKvTokens,
        Duration maxDuration) {
}
