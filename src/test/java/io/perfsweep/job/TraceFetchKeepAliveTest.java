package io.perfsweep.job;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.nats.client.JetStreamApiException;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.impl.NatsMessage;
import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.testsupport.NatsServerResource;
import io.perfsweep.testsupport.PostgresResource;
import io.perfsweep.testsupport.ServiceFixture;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A trace URL that takes longer to read than the consumer's ack-wait (but less than the fetch timeout): the intake
 * keeps the job's message alive while it reads it, so JetStream delivers the job once, the URL is fetched once, and
 * the job runs.
 */
@QuarkusTest
@TestProfile(TraceFetchKeepAliveTest.ShortAckWait.class)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = NatsServerResource.class, scope = TestResourceScope.GLOBAL)
class TraceFetchKeepAliveTest {

    static final Duration ACK_WAIT = Duration.ofSeconds(2);
    static final String STREAM = "KEEPALIVE";
    static final String DURABLE = "keepalive-worker";
    static final String JOBS_SUBJECT = "keepalive.jobs";
    static final String EVENTS_PREFIX = "keepalive.events";

    /** A stream and consumer of its own with a 2 s ack-wait, and a fetch timeout far longer than that. */
    public static class ShortAckWait implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("perfsweep.nats.stream", STREAM, "perfsweep.nats.durable", DURABLE,
                    "perfsweep.nats.jobs-subject", JOBS_SUBJECT, "perfsweep.nats.events-subject-prefix", EVENTS_PREFIX,
                    "perfsweep.nats.ack-wait", ACK_WAIT.toSeconds() + "s",
                    "perfsweep.traces.fetch-timeout", "30s");
        }
    }

    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);
    /** Two rows of 100 tokens in one 512-token block each. */
    private static final String FIRST_ROW = "{\"timestamp\": 0, \"input_length\": 100, \"output_length\": 4,"
            + " \"hash_ids\": [%d]}\n";
    private static final String SECOND_ROW = "{\"timestamp\": 100, \"input_length\": 100, \"output_length\": 4,"
            + " \"hash_ids\": [%d]}\n";

    private static ServiceFixture fixture;
    private static HttpServer traceServer;
    private static ExecutorService traceHandlers;
    private static final AtomicInteger TRACE_REQUESTS = new AtomicInteger();
    /** Holds the trace's second row until the test has watched the fetch outlast the ack-wait. */
    private static final CountDownLatch REST_OF_TRACE = new CountDownLatch(1);

    @BeforeAll
    static void start() throws Exception {
        fixture = ServiceFixture.startOn(MockEngineConfig.simulated(20), STREAM, EVENTS_PREFIX);
        traceServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        traceHandlers = Executors.newCachedThreadPool(); // a second request is served, and counted, at once
        traceServer.setExecutor(traceHandlers);
        traceServer.createContext("/", TraceFetchKeepAliveTest::serveSlowly);
        traceServer.start();
    }

    /** Headers and the first row at once, the second row when the test lets it go (at most 30 s later). */
    private static void serveSlowly(HttpExchange exchange) throws IOException {
        TRACE_REQUESTS.incrementAndGet();
        long id = (UUID.randomUUID().getMostSignificantBits() & 0xFFFF_FFFFL) * 4;
        try (exchange; OutputStream body = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(200, 0); // chunked
            body.write(FIRST_ROW.formatted(id).getBytes(StandardCharsets.UTF_8));
            body.flush();
            REST_OF_TRACE.await(30, TimeUnit.SECONDS);
            body.write(SECOND_ROW.formatted(id + 1).getBytes(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        REST_OF_TRACE.countDown();
        traceServer.stop(0);
        traceHandlers.shutdownNow();
        fixture.stop();
    }

    @Test
    void aTraceUrlSlowerThanTheAckWaitIsFetchedOnceAndTheJobDeliveredOnceRuns() throws Exception {
        long deliveredBefore = consumer().getDelivered().getConsumerSequence();
        String id = "keepalive-" + UUID.randomUUID();
        String url = "http://127.0.0.1:" + traceServer.getAddress().getPort() + "/trace.jsonl";
        fixture.nats().jetStream().publish(NatsMessage.builder().subject(JOBS_SUBJECT).data(job(id, url)
                .getBytes(StandardCharsets.UTF_8)).build());

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> TRACE_REQUESTS.get() >= 1);
        // The fetch now outlasts the ack-wait three times over: without in-progress signals JetStream would have
        // delivered the job again, and the second delivery would fetch the URL again.
        Thread.sleep(ACK_WAIT.multipliedBy(3).plusMillis(500).toMillis());
        assertThat(TRACE_REQUESTS.get()).as("fetches of the trace URL while it is read").isEqualTo(1);
        ConsumerInfo reading = consumer();
        assertThat(reading.getRedelivered()).as("messages redelivered").isZero();
        assertThat(reading.getNumAckPending()).as("messages delivered and not yet acknowledged").isEqualTo(1);
        REST_OF_TRACE.countDown();

        fixture.inbox().await("io.perfsweep.job.completed.v1", id, JOB_TIMEOUT);
        given().get("/api/jobs/{id}", id).then().statusCode(200).body("state", equalTo("SUCCEEDED"))
                .body("attempt", equalTo(1));
        given().get("/api/jobs/{id}/points", id).then().statusCode(200).body("$", hasSize(1))
                .body("[0].summary.request_count.avg", equalTo(2.0f));
        assertThat(TRACE_REQUESTS.get()).as("fetches of the trace URL").isEqualTo(1);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> consumer().getNumAckPending() == 0);
        assertThat(consumer().getDelivered().getConsumerSequence() - deliveredBefore).as("deliveries of the job")
                .isEqualTo(1);
        assertThat(fixture.inbox().find("io.perfsweep.job.failed.v1", id)).isEmpty();
    }

    private static ConsumerInfo consumer() throws IOException, JetStreamApiException {
        return fixture.nats().jetStreamManagement().getConsumerInfo(STREAM, DURABLE);
    }

    private static String job(String id, String url) {
        return """
                {"apiVersion": "perfsweep/v1", "id": "%s", "name": "keepalive-%s",
                 "target": {"url": "%s", "model": "perfsweep-test-o200k"},
                 "workload": {"type": "trace", "url": "%s"},
                 "load": {"type": "concurrency", "levels": [1]}}
                """.formatted(id, id.substring(10, 18), fixture.mock().baseUrl(), url);
    }
}
