package io.perfsweep.spec;

import java.time.Duration;

/**
 * How long one request of a job may take, JSON {@code load.requestTimeoutSeconds} and {@code load.idleTimeoutSeconds}
 * (the names of {@code run}'s {@code --request-timeout-seconds} and {@code --idle-timeout-seconds}). A null field
 * means the service's setting: {@code perfsweep.client.request-timeout} (default 10 min) and
 * {@code perfsweep.client.idle-timeout} (default 60 s). They sit under {@code load} because they bound how long a
 * point can take, as the levels and counts do.
 *
 * @param requestTimeoutSeconds longest a request may take from send to the end of its stream; above 0, or null
 * @param idleTimeoutSeconds longest silence (no byte) once the request is written; 0 turns it off, or null
 */
public record JobTimeouts(Double requestTimeoutSeconds, Double idleTimeoutSeconds) {

    /** Both from the service's settings. */
    public static final JobTimeouts SERVICE_DEFAULTS = new JobTimeouts(null, null);

    /** Whether the job sets either timeout itself. */
    public boolean any() {
        return requestTimeoutSeconds != null || idleTimeoutSeconds != null;
    }

    /** The job's request timeout, else {@code serviceDefault}. */
    public Duration requestTimeout(Duration serviceDefault) {
        return requestTimeoutSeconds == null ? serviceDefault : duration(requestTimeoutSeconds);
    }

    /** The job's idle timeout, else {@code serviceDefault}. */
    public Duration idleTimeout(Duration serviceDefault) {
        return idleTimeoutSeconds == null ? serviceDefault : duration(idleTimeoutSeconds);
    }

    /** Whole milliseconds, as the client's timers count; a positive value never rounds down to 0 (off). */
    private static Duration duration(double seconds) {
        long millis = Math.round(seconds * 1000);
        return Duration.ofMillis(seconds > 0 ? Math.max(1, millis) : 0);
    }
}
