package io.perfsweep.load;

import java.util.List;

/**
 * A point was cancelled while it ran: its requests in flight finished, nothing of the cancelled trial is kept. When
 * the point ran several trials, the ones that finished before it travel with it ({@link #completed()}): a caller whose
 * stop was its time running out (a service job's {@code maxDurationSeconds}) keeps them, as it keeps the trials before
 * a failed one.
 */
public class SweepCancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient LoadPoint point;
    private final transient List<PointResult> completed;

    public SweepCancelledException(LoadPoint point) {
        this(point, List.of());
    }

    /** A cancel during a later trial of a point, {@code completed} the trials that finished before it, in order. */
    public SweepCancelledException(LoadPoint point, List<PointResult> completed) {
        super("point " + point.label() + " was cancelled while it ran");
        this.point = point;
        this.completed = List.copyOf(completed);
    }

    public LoadPoint point() {
        return point;
    }

    /** The trials of the point that finished before the cancel, in order; empty when it was the first. */
    public List<PointResult> completed() {
        return completed;
    }
}
