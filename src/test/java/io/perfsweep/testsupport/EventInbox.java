package io.perfsweep.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.perfsweep.events.CloudEventCodec;

/** Collects every perfsweep event a plain NATS subscriber sees, as a downstream planner would. */
public final class EventInbox implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<CloudEvent> events = new CopyOnWriteArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Dispatcher dispatcher;
    private final String subjects;

    /** Listens on the default {@code perfsweep.events.>}. */
    public EventInbox(Connection connection) throws InterruptedException, java.util.concurrent.TimeoutException {
        this(connection, "perfsweep.events");
    }

    /** Listens on {@code <subjectPrefix>.>}. */
    public EventInbox(Connection connection, String subjectPrefix)
            throws InterruptedException, java.util.concurrent.TimeoutException {
        subjects = subjectPrefix + ".>";
        dispatcher = connection.createDispatcher(message -> {
            CloudEvent event = CloudEventCodec.decode(message.getData());
            received.add(new Received(event.getSubject(), new String(message.getData(), StandardCharsets.UTF_8)));
            events.add(event);
        });
        dispatcher.subscribe(subjects);
        connection.flush(Duration.ofSeconds(5));
    }

    /**
     * Waits for the first event of that type about that job and returns its data; on giving up, records a thread dump
     * (see {@link ThreadDump}) naming the events the job did publish.
     */
    public JsonNode await(String type, String jobId, Duration timeout) {
        try {
            return Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50))
                    .until(() -> find(type, jobId), found -> !found.isEmpty()).get(0);
        } catch (ConditionTimeoutException e) {
            ThreadDump.record("no " + type + " for " + jobId + " within " + timeout + "; its events: "
                    + events.stream().filter(event -> jobId.equals(event.getSubject())).map(CloudEvent::getType)
                            .toList());
            throw e;
        }
    }

    /** The data of every event of that type about that job received so far. */
    public List<JsonNode> find(String type, String jobId) {
        return events.stream().filter(e -> e.getType().equals(type) && jobId.equals(e.getSubject()))
                .map(EventInbox::data).toList();
    }

    /** Every event about that job received so far, exactly as published (envelope and data). */
    public List<String> published(String jobId) {
        return received.stream().filter(r -> jobId.equals(r.subject())).map(Received::json).toList();
    }

    private record Received(String subject, String json) {
    }

    private static JsonNode data(CloudEvent event) {
        try {
            return MAPPER.readTree(event.getData().toBytes());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("event data is not JSON", e);
        }
    }

    @Override
    public void close() {
        dispatcher.unsubscribe(subjects);
    }
}
