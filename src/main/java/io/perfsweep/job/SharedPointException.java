package io.perfsweep.job;

/** A point shared by several instances could not be measured: each attempt lost a share. The message says why. */
public class SharedPointException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SharedPointException(String message) {
        super(message);
    }
}
