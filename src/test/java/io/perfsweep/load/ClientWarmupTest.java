package io.perfsweep.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.perfsweep.client.EndpointKind;
import io.perfsweep.workload.Tokenizers;
import io.vertx.core.Vertx;

/** The in-process warm-up of the measuring path: it ends, says whether it reached steady state, and is bounded. */
class ClientWarmupTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void drivesTheWholeClientPathUntilRoundsStopGettingFaster() {
        ClientWarmup.Report report = ClientWarmup.run(vertx, EndpointKind.CHAT, Tokenizers.fallback("test"));

        assertThat(report.rounds()).isGreaterThanOrEqualTo(report.steady() ? ClientWarmup.MIN_ROUNDS : 1);
        assertThat(report.nanos()).isLessThan(ClientWarmup.MAX_NANOS + TimeUnit.SECONDS.toNanos(5));
        if (report.steady()) {
            assertThat(report.lastRoundNanos()).as("the last round is no slower than the first, cold one")
                    .isLessThanOrEqualTo(report.firstRoundNanos());
        }
    }

    @Test
    void warmsCompletionsToo() {
        ClientWarmup.Report report = ClientWarmup.run(vertx, EndpointKind.COMPLETIONS, Tokenizers.fallback("test"));

        assertThat(report.rounds()).isPositive();
    }

    @Test
    void theUsersBoundEndsTheWarmUpAtTheFirstRoundPastIt() {
        try {
            System.setProperty("perfsweep.client.self-warmup-max", "0s");
            ClientWarmup.Report none = ClientWarmup.run(vertx, EndpointKind.CHAT, Tokenizers.fallback("test"));
            assertThat(none.rounds()).as("a zero bound runs no round").isZero();
            assertThat(none.steady()).isFalse();

            System.setProperty("perfsweep.client.self-warmup-max", "200ms");
            assertThat(ClientWarmup.maxNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
            ClientWarmup.Report bounded = ClientWarmup.run(vertx, EndpointKind.CHAT, Tokenizers.fallback("test"));
            assertThat(bounded.nanos()).as("ends at the first round past 200 ms")
                    .isLessThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200) + 2 * bounded.lastRoundNanos()
                            + TimeUnit.MILLISECONDS.toNanos(500));
        } finally {
            System.clearProperty("perfsweep.client.self-warmup-max");
        }
        assertThat(ClientWarmup.maxNanos()).isEqualTo(ClientWarmup.MAX_NANOS);
    }
}
