package io.perfsweep.job;

import io.perfsweep.spec.InvalidJobException;

/**
 * A job's trace URL could not be read now (connection refused, a timeout, HTTP 5xx or 429): trouble of the
 * infrastructure, not of the job, so the intake delivers the job again later and rejects it only when the last delivery
 * failed too. A trace that was read and is bad is an {@link InvalidJobException} instead.
 */
public class TraceUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TraceUnavailableException(String message) {
        super(message);
    }
}
