package io.perfsweep.load;

/** Progress of a sweep, for consoles, meters and stores. Callbacks must be cheap: some run on the event loop. */
public interface SweepListener {

    SweepListener NONE = new SweepListener() {
    };

    /** A point starts its warm-up. */
    default void pointStarted(LoadPoint point, int index, int pointCount) {
    }

    /** The measured phase of a point begins: warm-up is over and prompts are ready. */
    default void measurementStarted(LoadPoint point) {
    }

    /** The measured phase of a point ended: every request finished; summarising has not started. */
    default void measurementFinished(LoadPoint point) {
    }

    /** A measured request finished (on the client's event loop). */
    default void requestCompleted(LoadPoint point, int completed, boolean ok) {
    }

    /** A point finished and was summarised. */
    default void pointCompleted(PointResult result, int index, int pointCount) {
    }
}
