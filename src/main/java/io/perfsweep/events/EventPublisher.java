package io.perfsweep.events;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.JetStreamApiException;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * Publishes events to {@code perfsweep.events.<kind>} on JetStream, so late subscribers can replay them.
 * <p>
 * <b>Delivery guarantee: each event is stored at most once, and at least once unless NATS stays away longer than
 * {@code perfsweep.nats.publish-retry-timeout}.</b> An event gets one CloudEvents id, which is also its
 * {@code Nats-Msg-Id}. A publish that is not acknowledged (the nats-server restarting, the connection away, no
 * responder while JetStream starts) is sent again with the same bytes and id, after 100 ms growing to 2 s, until
 * JetStream acknowledges it or the timeout passes. A retry of an event that did reach the stream (only its
 * acknowledgement was lost) is dropped by the stream's duplicate window ({@code perfsweep.nats.duplicate-window}), so
 * subscribers never see an event twice. An event still unacknowledged at the timeout, or refused by JetStream itself
 * (an API error), is logged and counted in {@code perfsweep_events_undelivered_total}; it is not kept past the call
 * (it is not queued on disk), but what it reports is in PostgreSQL already.
 */
@Startup // so the undelivered counter is scraped as 0 before the first event, not only after it
@ApplicationScoped
public class EventPublisher {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final NatsClient nats;
    private final Counter undelivered;

    EventPublisher(NatsClient nats, MeterRegistry registry) {
        this.nats = nats;
        this.undelivered = Counter.builder("perfsweep.events.undelivered")
                .description("Events given up on: not acknowledged by JetStream within perfsweep.nats"
                        + ".publish-retry-timeout, or refused by it")
                .register(registry);
    }

    /**
     * Publishes one event and waits for JetStream's acknowledgement, retrying as the class doc says.
     *
     * @return whether the event was stored; a failure is logged and counted, never thrown, because an event lost to a
     *         broken connection must not fail the job whose results are already in PostgreSQL
     */
    public boolean publish(EventType type, String jobId, Object data) {
        String id = UUID.randomUUID().toString();
        var message = NatsMessage.builder().subject(nats.config().eventsSubjectPrefix() + "." + type.subjectSuffix())
                .headers(new Headers().put("Nats-Msg-Id", id)).data(CloudEventCodec.encode(type, jobId, data, id))
                .build();
        long deadline = System.nanoTime() + nats.config().publishRetryTimeout().toNanos();
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1;; attempt++) {
            try {
                nats.jetStream().publish(message);
                if (attempt > 1) {
                    Log.infof("Published %s %s for job %s on attempt %d", type.type(), id, jobId, attempt);
                }
                return true;
            } catch (JetStreamApiException e) {
                return giveUp(type, id, jobId, "refused by JetStream: " + e.getMessage());
            } catch (IOException | IllegalStateException e) {
                if (System.nanoTime() + backoff.toNanos() - deadline > 0) {
                    return giveUp(type, id, jobId, "not acknowledged after " + attempt + " attempts within "
                            + nats.config().publishRetryTimeout() + ", last: " + e.getMessage());
                }
                if (attempt == 1) {
                    Log.warnf("Publishing %s %s for job %s again, with the same Nats-Msg-Id: %s", type.type(), id,
                            jobId, e.getMessage());
                }
            }
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return giveUp(type, id, jobId, "interrupted while retrying");
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private boolean giveUp(EventType type, String id, String jobId, String why) {
        undelivered.increment();
        Log.errorf("Could not publish %s %s for job %s: %s", type.type(), id, jobId, why);
        return false;
    }
}
