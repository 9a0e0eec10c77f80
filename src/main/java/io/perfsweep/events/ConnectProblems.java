package io.perfsweep.events;

import java.util.LinkedHashSet;
import java.util.Set;

import javax.net.ssl.SSLException;

import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.impl.ErrorListenerLoggerImpl;

/**
 * Remembers what went wrong while connecting, to say in one line why jnats could not connect: jnats reports refused
 * credentials and failed TLS handshakes to its error listener and then throws a bare "Unable to connect", and an
 * operator needs the cause, not the wrapper. Logs like jnats' default listener; neither carries a secret.
 */
final class ConnectProblems extends ErrorListenerLoggerImpl {

    private volatile String lastError;
    private volatile Exception lastException;

    @Override
    public void errorOccurred(Connection conn, String error) {
        lastError = error;
        super.errorOccurred(conn, error);
    }

    @Override
    public void exceptionOccurred(Connection conn, Exception exp) {
        if (lastException == null || !(exp instanceof java.util.concurrent.TimeoutException)) {
            lastException = exp;
        }
        super.exceptionOccurred(conn, exp);
    }

    /** The failure of a connect attempt, with the problem named first when it is a known one. */
    String explain(Throwable failure) {
        Set<String> messages = new LinkedHashSet<>();
        String verdict = null;
        for (Throwable t : new Throwable[] { failure, lastException }) {
            for (Throwable cause = t; cause != null; cause = cause.getCause()) {
                if (cause.getMessage() != null) {
                    messages.add(cause.getMessage());
                }
                if (verdict == null && cause instanceof AuthenticationException) {
                    verdict = "the server refused the credentials";
                } else if (verdict == null && cause instanceof SSLException) {
                    verdict = "the TLS handshake failed";
                }
            }
        }
        if (lastError != null) {
            messages.add(lastError);
            if (verdict == null && lastError.contains("Authorization Violation")) {
                verdict = "the server refused the credentials";
            }
        }
        String detail = String.join(": ", messages);
        return verdict == null ? detail : verdict + " (" + detail + ")";
    }
}
