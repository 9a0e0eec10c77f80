package io.perfsweep.report;

import java.util.List;
import java.util.Map;

import io.perfsweep.store.StoredPoint;

/**
 * One instance that drove a shared point ({@code load.workers} above 1, docs/scale-out.md), as a row of the report's
 * table of workers; a dash where it has no such number (a replay or uncapped rate share has no streams of its own).
 *
 * @param label the point's label
 * @param instance the instance's name (its pod name in Kubernetes)
 * @param concurrency its streams, or a dash
 * @param requests the measured requests it sent
 * @param startSkewMs where its measured window opened minus the agreed start, in ms on the coordinator's clock
 */
public record WorkerRow(String label, String instance, String concurrency, String requests, String startSkewMs) {

    /** The rows of a point's workers, in share order; none for a point one instance drove. */
    static List<WorkerRow> of(StoredPoint point) {
        return point.workers().stream().map(worker -> of(point.label(), worker)).toList();
    }

    private static WorkerRow of(String label, Map<String, Object> worker) {
        return new WorkerRow(label, String.valueOf(worker.get("instance")),
                worker.get("concurrency") instanceof Number n ? Long.toString(n.longValue()) : Cells.NONE,
                worker.get("requests") instanceof Number n ? Long.toString(n.longValue()) : Cells.NONE,
                worker.get("startSkewMs") instanceof Number n ? Cells.format(n.doubleValue()) : Cells.NONE);
    }
}
