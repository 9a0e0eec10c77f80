package io.perfsweep.events;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Data of {@code perfsweep.events.point.completed} (schema {@code perfsweep/point-completed/v1}): a point was measured
 * and stored.
 *
 * @param run which job and deployment
 * @param pointCount points in the whole sweep
 * @param point the finished point's results
 */
@RegisterForReflection
public record PointCompletedEvent(RunIdentity run, int pointCount, PointMetrics point) {
}
