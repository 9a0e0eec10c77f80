package io.perfsweep.events;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;

/** Wraps event data in a CloudEvents 1.0 envelope, structured JSON mode (what {@code nats sub} shows as is). */
public final class CloudEventCodec {

    private static final URI SOURCE = URI.create("/perfsweep");
    private static final EventFormat FORMAT = new JsonFormat();
    private static final ObjectMapper DATA_MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private CloudEventCodec() {
    }

    /** The event as CloudEvents JSON bytes, with a new random id; {@code subject} is the job id it is about. */
    public static byte[] encode(EventType type, String subject, Object data) {
        return encode(type, subject, data, UUID.randomUUID().toString());
    }

    /** The event as CloudEvents JSON bytes with the CloudEvents id {@code id}. */
    public static byte[] encode(EventType type, String subject, Object data, String id) {
        try {
            CloudEvent event = CloudEventBuilder.v1().withId(id).withSource(SOURCE)
                    .withType(type.type()).withSubject(subject).withTime(OffsetDateTime.now(ZoneOffset.UTC))
                    .withDataSchema(URI.create(type.schema())).withDataContentType("application/json")
                    .withData(DATA_MAPPER.writeValueAsBytes(data)).build();
            return FORMAT.serialize(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data of " + type + " is not serialisable: " + e.getMessage(), e);
        }
    }

    /** Reads a CloudEvents JSON envelope back (for tests, the CLI's {@code --wait} and downstream Java consumers). */
    public static CloudEvent decode(byte[] json) {
        return FORMAT.deserialize(json);
    }
}
