package io.perfsweep.metrics;

/** How many requests of a point failed with one error (AIPerf {@code ErrorDetailsCount}). */
public record ErrorCount(RequestError error, long count) {
}
