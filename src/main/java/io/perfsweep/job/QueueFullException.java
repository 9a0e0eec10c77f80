package io.perfsweep.job;

/** A submission refused because {@code perfsweep.limits.max-queued-jobs} jobs are already waiting; retry later. */
public class QueueFullException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int retryAfterSeconds;

    public QueueFullException(long waiting, int max, int retryAfterSeconds) {
        super("the job queue is full: " + waiting + " jobs are waiting to run, the ceiling is " + max
                + " (perfsweep.limits.max-queued-jobs); retry in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
