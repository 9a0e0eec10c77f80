package io.perfsweep.store;

/** The states a stored job can be in; the {@code job.state} CHECK constraint lists the same names. */
public enum JobState {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    REJECTED;

    /** Whether the job can no longer change (it has a {@code finished_at}). */
    public boolean terminal() {
        return this != QUEUED && this != RUNNING;
    }
}
