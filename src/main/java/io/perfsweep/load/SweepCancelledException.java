package io.perfsweep.load;

/** A point was cancelled while it ran: its requests in flight finished, nothing of it is kept. */
public class SweepCancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient LoadPoint point;

    public SweepCancelledException(LoadPoint point) {
        super("point " + point.label() + " was cancelled while it ran");
        this.point = point;
    }

    public LoadPoint point() {
        return point;
    }
}
