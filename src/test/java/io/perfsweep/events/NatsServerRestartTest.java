package io.perfsweep.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PushSubscribeOptions;
import io.perfsweep.config.PerfsweepConfig;
import io.perfsweep.testsupport.NatsServerProcess;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The service's own {@link EventPublisher} over its own {@link NatsClient}, publishing without pause from two threads
 * while the nats-server is restarted six times (same port, same JetStream store): every publish is acknowledged, and
 * the events stream holds every event exactly once (counted by the sequence number each event carries, and by its
 * CloudEvents id, which is its {@code Nats-Msg-Id}). A publish that times out while the server is away and is stored
 * anyway must not be stored twice by its retry, and one lost to the restart must not go unnoticed.
 */
class NatsServerRestartTest {

    private static final int RESTARTS = 6;
    private static final int PUBLISHERS = 2;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private final String run = "restart" + UUID.randomUUID().toString().substring(0, 8);
    private NatsServerProcess server;
    private NatsClient client;
    private ExecutorService threads;

    @BeforeEach
    void startServer() {
        server = NatsServerProcess.start(dir, "");
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (threads != null) {
            threads.shutdownNow();
            threads.awaitTermination(30, TimeUnit.SECONDS);
        }
        if (client != null) {
            client.close();
        }
        server.close();
    }

    @Test
    void everyEventPublishedAcrossSixServerRestartsIsStoredExactlyOnce() throws Exception {
        client = new NatsClient(config(server.url("nats")));
        var registry = new SimpleMeterRegistry();
        var publisher = new EventPublisher(client, registry);
        client.connection(); // creates the streams before anything is published

        var publishing = new AtomicBoolean(true);
        var sequence = new AtomicInteger();
        Map<Integer, Boolean> acked = new ConcurrentHashMap<>();
        threads = Executors.newFixedThreadPool(PUBLISHERS + 1);
        List<Future<?>> publishers = new ArrayList<>();
        for (int t = 0; t < PUBLISHERS; t++) {
            publishers.add(threads.submit(() -> {
                while (publishing.get()) {
                    int seq = sequence.incrementAndGet();
                    acked.put(seq, publisher.publish(EventType.POINT_COMPLETED, run + "-job", Map.of("seq", seq)));
                    pause(Duration.ofMillis(2));
                }
                return null;
            }));
        }
        for (int restart = 0; restart < RESTARTS; restart++) {
            pause(Duration.ofMillis(1500));
            server.restart();
        }
        pause(Duration.ofSeconds(2)); // publishing after the last restart as well
        publishing.set(false);
        for (Future<?> running : publishers) {
            running.get(3, TimeUnit.MINUTES);
        }

        int published = sequence.get();
        assertThat(published).as("events published").isGreaterThan(1000);
        Stored stored = readStream(published);
        var softly = new SoftAssertions();
        softly.assertThat(acked.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).sorted().toList())
                .as("publishes never acknowledged").isEmpty();
        softly.assertThat(stored.missing()).as("events published but not in the stream").isEmpty();
        softly.assertThat(stored.duplicates()).as("events stored more than once (sequence number → copies)").isEmpty();
        softly.assertThat(stored.ids()).as("distinct CloudEvents ids (Nats-Msg-Id)").isEqualTo(published);
        softly.assertThat(registry.counter("perfsweep.events.undelivered").count()).as("undelivered events counted")
                .isZero();
        softly.assertAll();
    }

    private record Stored(List<Integer> missing, Map<Integer, Integer> duplicates, int ids) {
    }

    /** Reads the whole events stream with an ordered consumer of a connection of the test's own. */
    private Stored readStream(int published) throws Exception {
        Map<Integer, Integer> copies = new TreeMap<>();
        var ids = new java.util.HashSet<String>();
        Connection reader = Nats.connect(server.url("nats"));
        try {
            String stream = run.toUpperCase() + "_EVENTS";
            long messages = reader.jetStreamManagement().getStreamInfo(stream).getStreamState().getMsgCount();
            JetStreamSubscription subscription = reader.jetStream().subscribe(run + ".events.>",
                    PushSubscribeOptions.builder().stream(stream).ordered(true).build());
            for (long read = 0; read < messages; read++) {
                Message message = subscription.nextMessage(Duration.ofSeconds(10));
                assertThat(message).as("message %d of %d in the stream", read + 1, messages).isNotNull();
                CloudEvent event = CloudEventCodec.decode(message.getData());
                ids.add(event.getId());
                copies.merge(seq(event), 1, Integer::sum);
            }
        } finally {
            reader.close(); // not try-with-resources: close() throws InterruptedException
        }
        List<Integer> missing = new ArrayList<>();
        for (int seq = 1; seq <= published; seq++) {
            if (!copies.containsKey(seq)) {
                missing.add(seq);
            }
        }
        copies.values().removeIf(count -> count == 1);
        return new Stored(missing, copies, ids.size());
    }

    private static int seq(CloudEvent event) throws IOException {
        return MAPPER.readTree(event.getData().toBytes()).path("seq").asInt();
    }

    private PerfsweepConfig config(String url) {
        Map<String, String> properties = Map.of("perfsweep.nats.url", url, "perfsweep.nats.stream", run.toUpperCase(),
                "perfsweep.nats.jobs-subject", run + ".jobs", "perfsweep.nats.events-subject-prefix", run + ".events",
                "perfsweep.nats.durable", run + "-worker");
        return new SmallRyeConfigBuilder().withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500)).withMapping(PerfsweepConfig.class)
                .build().getConfigMapping(PerfsweepConfig.class);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
