package io.perfsweep.testsupport;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.mock.MockLlmServer;
import io.vertx.core.Vertx;

/**
 * What a test of the running service needs around it: a mock engine to aim jobs at, a NATS connection of its own (not
 * the app's) and an inbox of the events, opened once the service has created its JetStream stream.
 */
public final class ServiceFixture {

    private final Vertx vertx;
    private final MockLlmServer mock;
    private final Connection nats;
    private final EventInbox inbox;

    private ServiceFixture(Vertx vertx, MockLlmServer mock, Connection nats, EventInbox inbox) {
        this.vertx = vertx;
        this.mock = mock;
        this.nats = nats;
        this.inbox = inbox;
    }

    /** Starts the mock with {@code config}, connects to NATS and waits for the service's stream. */
    public static ServiceFixture start(MockEngineConfig config) throws Exception {
        return start(config, null);
    }

    /**
     * Like {@link #start(MockEngineConfig)}, for a service on a JetStream stream and event subjects of its own
     * ({@code perfsweep.nats.stream}, {@code perfsweep.nats.events-subject-prefix}).
     */
    public static ServiceFixture startOn(MockEngineConfig config, String stream, String eventsSubjectPrefix)
            throws Exception {
        return start(config, null, stream, eventsSubjectPrefix);
    }

    /** Like {@link #start(MockEngineConfig)}, with a mock that answers 401 without {@code Bearer <apiKey>}. */
    public static ServiceFixture startRequiringApiKey(MockEngineConfig config, String apiKey) throws Exception {
        return start(config, apiKey);
    }

    private static ServiceFixture start(MockEngineConfig config, String apiKey) throws Exception {
        return start(config, apiKey, "PERFSWEEP", "perfsweep.events");
    }

    private static ServiceFixture start(MockEngineConfig config, String apiKey, String stream,
            String eventsSubjectPrefix) throws Exception {
        Vertx vertx = Vertx.vertx();
        MockLlmServer mock = (apiKey == null ? MockLlmServer.start(vertx, config)
                : MockLlmServer.startRequiringApiKey(vertx, config, "127.0.0.1", 0, apiKey)).toCompletionStage()
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        Connection nats = Nats.connect(NatsServerResource.url());
        EventInbox inbox = new EventInbox(nats, eventsSubjectPrefix);
        // The service creates the stream and the durable consumer when it starts taking jobs.
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> nats.jetStreamManagement().getStreamNames().contains(stream));
        return new ServiceFixture(vertx, mock, nats, inbox);
    }

    public MockLlmServer mock() {
        return mock;
    }

    public Connection nats() {
        return nats;
    }

    public EventInbox inbox() {
        return inbox;
    }

    /** Closes everything the fixture opened. */
    public void stop() throws Exception {
        inbox.close();
        nats.close();
        mock.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
