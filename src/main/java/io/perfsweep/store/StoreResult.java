package io.perfsweep.store;

/**
 * What storing a point did.
 *
 * @param pointId the point's row id (the existing one when it was already stored)
 * @param created true when this call stored it, false when {@code (job, point index)} was already there and nothing
 *        was written
 * @param recordsWritten request records written by this call
 */
public record StoreResult(long pointId, boolean created, long recordsWritten) {
}
