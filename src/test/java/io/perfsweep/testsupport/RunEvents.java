package io.perfsweep.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PushSubscribeOptions;
import io.perfsweep.events.CloudEventCodec;

/** The events a packaged service of one run published ({@link PackagedService}), read back from their stream. */
public final class RunEvents {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RunEvents() {
    }

    /** Every event of the run's events stream, read with an ordered consumer once the job has ended. */
    public static List<CloudEvent> read(String natsUrl, String run) throws Exception {
        var events = new ArrayList<CloudEvent>();
        Connection reader = Nats.connect(natsUrl);
        try {
            String stream = run.toUpperCase() + "_EVENTS";
            long count = reader.jetStreamManagement().getStreamInfo(stream).getStreamState().getMsgCount();
            JetStreamSubscription subscription = reader.jetStream().subscribe(run + ".events.>",
                    PushSubscribeOptions.builder().stream(stream).ordered(true).build());
            for (long i = 0; i < count; i++) {
                Message message = subscription.nextMessage(Duration.ofSeconds(10));
                assertThat(message).as("event %d of %d", i + 1, count).isNotNull();
                events.add(CloudEventCodec.decode(message.getData()));
            }
        } finally {
            reader.close(); // not try-with-resources: close() throws InterruptedException
        }
        return events;
    }

    /** The event's data as JSON. */
    public static JsonNode data(CloudEvent event) {
        try {
            return MAPPER.readTree(event.getData().toBytes());
        } catch (IOException e) {
            throw new IllegalStateException("event data is not JSON", e);
        }
    }
}
