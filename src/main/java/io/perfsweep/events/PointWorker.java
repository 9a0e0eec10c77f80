package io.perfsweep.events;

import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One of the instances that drove a shared point together (docs/scale-out.md).
 *
 * @param instance the instance's name (its pod name in Kubernetes)
 * @param concurrency its streams (a closed loop's share, or a rate share's cap), or null for an uncapped rate share
 * @param requests the measured requests it sent
 * @param startSkewMs where its measured window opened minus the agreed start, in ms on the coordinator's clock (its
 *        measured clock offset removed)
 */
@RegisterForReflection
public record PointWorker(String instance, Integer concurrency, long requests, Double startSkewMs) {

    /** As stored in {@code sweep_point.workers} and written in the AIPerf export. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("instance", instance);
        json.put("concurrency", concurrency);
        json.put("requests", requests);
        json.put("startSkewMs", startSkewMs);
        return json;
    }
}
