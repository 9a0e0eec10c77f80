package io.perfsweep.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.perfsweep.client.ClientOptions;
import io.perfsweep.client.EndpointKind;
import io.perfsweep.client.StreamOutcome;
import io.perfsweep.client.StreamRequest;
import io.perfsweep.client.StreamingClient;
import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.mock.MockLlmServer;
import io.vertx.core.Vertx;

/**
 * A sweep observer that throws from its completion callback (a buggy listener, a full store) must not cost the run a
 * completion: the point ends with every request counted, and the failure is logged once, with its cause.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ThrowingObserverTest {

    private static final int REQUESTS = 6;

    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger(GuardedObserver.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                logged.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private Vertx vertx;
    private MockLlmServer mock;
    private StreamingClient client;

    @BeforeEach
    void start() throws Exception {
        logger.addHandler(capture);
        vertx = Vertx.vertx();
        mock = MockLlmServer.start(vertx, MockEngineConfig.fixed(5, 1)).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        client = new StreamingClient(vertx, ClientOptions.of(mock.baseUrl(), EndpointKind.CHAT).withMaxConnections(2)
                .withRequestTimeout(Duration.ofSeconds(30)));
    }

    @AfterEach
    void stop() throws Exception {
        logger.removeHandler(capture);
        client.closeAsync().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        mock.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aClosedLoopPointEndsWithEveryRequestCountedWhenItsObserverThrows() throws Exception {
        var observer = new ThrowingObserver();

        FixedConcurrency.Run run = within(new FixedConcurrency(client, 2, () -> false).run(requests(), observer));

        assertThat(run.cancelled()).isFalse();
        assertEveryRequestCounted(run.outcomes(), observer);
    }

    @Test
    void aRatePointEndsWithEveryRequestCountedWhenItsObserverThrows() throws Exception {
        var observer = new ThrowingObserver();
        var schedule = ArrivalSchedule.of(ArrivalSchedule.Arrival.CONSTANT, 50, REQUESTS, 1);

        OpenLoopRate.Run run = within(
                new OpenLoopRate(client, 2, () -> false).run(requests(), schedule, System.nanoTime(), observer));

        assertThat(run.cancelled()).isFalse();
        assertEveryRequestCounted(run.outcomes(), observer);
    }

    /** Six requests of a few ms each: well under 10 s, unless a completion was lost and the run waits forever. */
    private static <T> T within(CompletableFuture<T> run) throws Exception {
        return run.get(10, TimeUnit.SECONDS);
    }

    private void assertEveryRequestCounted(List<StreamOutcome> outcomes, ThrowingObserver observer) {
        assertThat(outcomes).hasSize(REQUESTS).allMatch(o -> o != null && o.ok());
        assertThat(observer.completions.get()).isEqualTo(REQUESTS);
        assertThat(mock.groundTruth()).hasSize(REQUESTS);
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0).getThrown()).isInstanceOf(IllegalStateException.class)
                .hasMessage("observer broke");
        assertThat(logged.get(0).getMessage()).contains("completed");
    }

    private static List<StreamRequest> requests() {
        return IntStream.range(0, REQUESTS).mapToObj(i -> StreamRequest.of(MockEngineConfig.DEFAULT_MODEL, "hello " + i)
                .withFixedOutputLength(4)).toList();
    }

    /** Counts each completion, then throws, as a listener with a bug would on every request. */
    private static final class ThrowingObserver implements FixedConcurrency.Observer {
        final AtomicInteger completions = new AtomicInteger();

        @Override
        public void completed(int index, StreamOutcome outcome) {
            completions.incrementAndGet();
            throw new IllegalStateException("observer broke");
        }
    }
}
