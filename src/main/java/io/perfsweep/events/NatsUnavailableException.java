package io.perfsweep.events;

/**
 * NATS could not be used: nothing listening, credentials refused, a failed TLS handshake, JetStream not answering. The
 * message is one line naming the server (its URL without secrets), the kind of credentials and the cause.
 */
public class NatsUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public NatsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
