package io.perfsweep.events;

import java.io.IOException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.perfsweep.config.PerfsweepConfig;
import io.quarkus.logging.Log;

/**
 * The service's one NATS connection, opened on first use (CLI commands never use it), with the JetStream streams and
 * the shared durable job consumer as the configuration says ({@link JetStreamTopology}).
 *
 * <p>
 * perfsweep talks to JetStream through jnats directly rather than a reactive-messaging connector because a job needs
 * explicit acknowledgement control: {@code inProgress()} while a sweep runs for hours, {@code term()} for a job that
 * can never be valid, {@code nakWithDelay()} when the database is briefly away, and a plain JSON message from any
 * publisher (no connector-specific headers).
 */
@ApplicationScoped
public class NatsClient {

    private final PerfsweepConfig.Nats config;
    private volatile Connection connection;

    NatsClient(PerfsweepConfig config) {
        this.config = config.nats();
    }

    /**
     * The connection, opened (and the stream and consumer ensured) on first call. Failures say which server, which
     * kind of credentials and what went wrong, never a secret.
     */
    public synchronized Connection connection() {
        if (connection == null) {
            var options = new NatsConnectionOptions(config);
            try {
                Connection opened = Nats.connect(options.build());
                JetStreamTopology.apply(opened.jetStreamManagement(), config);
                connection = opened;
                Log.infof("Connected to NATS at %s (streams %s and %s, consumer %s)", options.describe(),
                        config.stream(), JetStreamTopology.eventsStream(config), config.durable());
            } catch (IOException | JetStreamApiException e) {
                throw new NatsUnavailableException("cannot use NATS JetStream at " + options.describe() + ": "
                        + options.explain(e), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while connecting to NATS", e);
            }
        }
        return connection;
    }

    /** JetStream over the connection. */
    public JetStream jetStream() {
        try {
            return connection().jetStream();
        } catch (IOException e) {
            throw new IllegalStateException("JetStream is not available: " + e.getMessage(), e);
        }
    }

    /** Whether the connection is open and connected (for readiness); never opens one. */
    public boolean connected() {
        Connection current = connection;
        return current != null && current.getStatus() == Connection.Status.CONNECTED;
    }

    public PerfsweepConfig.Nats config() {
        return config;
    }

    @PreDestroy
    synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            connection = null;
        }
    }
}
