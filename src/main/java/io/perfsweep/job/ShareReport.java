package io.perfsweep.job;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a worker tells the coordinator of its share, on the coordinator's report subject (plain NATS: a report lost
 * with its instance is what the coordinator's silence timeout is for).
 *
 * @param kind {@link Kind}
 * @param attempt the attempt the share belongs to
 * @param shareIndex the share
 * @param instance the worker's name
 * @param detail why a share failed, or null
 */
@RegisterForReflection
public record ShareReport(Kind kind, String attempt, int shareIndex, String instance, String detail) {

    /** The steps of a share. */
    @RegisterForReflection
    public enum Kind {
        /** Warm, waiting for the start; sent as a request, answered with a {@link ClockReading}. */
        READY,
        /** Still running; sent every second while the share runs. */
        ALIVE,
        /** Its records are in PostgreSQL. */
        DONE,
        /** It could not run or finish: the attempt is void. */
        FAILED
    }

    /**
     * The coordinator's answer to {@link Kind#READY}: its wall clock, from which the worker measures its offset, and
     * whether the attempt still stands.
     *
     * @param epochNanos the coordinator's wall clock when it answered
     * @param go false when the attempt was voided (the worker then drops its share)
     */
    @RegisterForReflection
    public record ClockReading(long epochNanos, boolean go) {
    }
}
