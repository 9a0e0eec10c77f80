package io.perfsweep.load;

/** A sweep could not go on (interrupted, or a point exceeded its time bound); per-request failures are data. */
public class SweepException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SweepException(String message, Throwable cause) {
        super(message, cause);
    }

    public SweepException(String message) {
        super(message);
    }
}
