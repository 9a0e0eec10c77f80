package io.perfsweep.events;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import io.nats.client.JetStreamApiException;
import io.quarkus.logging.Log;

/** Publishes events to {@code perfsweep.events.<kind>} on JetStream, so late subscribers can replay them. */
@ApplicationScoped
public class EventPublisher {

    private final NatsClient nats;

    EventPublisher(NatsClient nats) {
        this.nats = nats;
    }

    /**
     * Publishes one event and waits for JetStream's acknowledgement.
     *
     * @return whether the event was stored; a failure is logged, never thrown, because an event lost to a broken
     *         connection must not fail the job whose results are already in PostgreSQL
     */
    public boolean publish(EventType type, String jobId, Object data) {
        String subject = nats.config().eventsSubjectPrefix() + "." + type.subjectSuffix();
        try {
            nats.jetStream().publish(subject, CloudEventCodec.encode(type, jobId, data));
            return true;
        } catch (IOException | JetStreamApiException | IllegalStateException e) {
            Log.errorf("Could not publish %s for job %s: %s", type.type(), jobId, e.getMessage());
            return false;
        }
    }
}
