package io.perfsweep.load;

import java.util.List;

/**
 * A trial of a point run several times failed after earlier trials had finished: those trials are complete
 * measurements, so they travel with the failure to be stored and exported, and the point is marked failed with
 * {@link #reason()} (AIPerf's {@code failed_runs}).
 */
public final class TrialFailedException extends SweepException {

    private static final long serialVersionUID = 1L;

    private final transient List<PointResult> completed;
    private final int failedTrial;
    private final int trials;

    public TrialFailedException(List<PointResult> completed, int failedTrial, int trials, RuntimeException cause) {
        super("point " + completed.get(0).point().label() + ": trial " + failedTrial + " of " + trials + " failed ("
                + cause.getMessage() + "); its " + completed.size() + " earlier trial(s) are kept", cause);
        this.completed = List.copyOf(completed);
        this.failedTrial = failedTrial;
        this.trials = trials;
    }

    /** The trials that finished before the failure, in order. */
    public List<PointResult> completed() {
        return completed;
    }

    /** The trial that failed, from 1. */
    public int failedTrial() {
        return failedTrial;
    }

    /** The trials the point was to run. */
    public int trials() {
        return trials;
    }

    /** Why the trial failed: its exception's message. */
    public String reason() {
        return getCause().getMessage();
    }
}
