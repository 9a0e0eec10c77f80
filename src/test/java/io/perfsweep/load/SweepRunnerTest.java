package io.perfsweep.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.perfsweep.client.ClientOptions;
import io.perfsweep.client.EndpointKind;
import io.perfsweep.metrics.InterTokenLatency;
import io.perfsweep.metrics.MetricTag;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.metrics.Slo;
import io.perfsweep.metrics.TimeToFirstToken;
import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.mock.MockLlmServer;
import io.perfsweep.mock.MockRequestTruth;
import io.perfsweep.workload.Tokenizers;
import io.vertx.core.Vertx;

/** The sweep engine against the built-in mock on loopback: counts, concurrency and accuracy against ground truth. */
class SweepRunnerTest {

    private Vertx vertx;
    private MockLlmServer mock;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        if (mock != null) {
            mock.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void eachPointSendsItsRequestsWithExactlyItsConcurrencyInFlight() throws Exception {
        mock = start(MockEngineConfig.fixed(20, 2));
        var plan = SweepPlan.concurrencySweep(List.of(1, 4), 12, 2);

        List<PointResult> results = runner().run(spec(plan, Slo.NONE), SweepListener.NONE);

        assertThat(results).extracting(r -> r.point().concurrency()).containsExactly(1, 4);
        for (PointResult result : results) {
            assertThat(result.records()).hasSize(12).allMatch(RequestRecord::valid);
            assertThat(result.maxInFlight()).isEqualTo(result.point().concurrency());
            assertThat(result.summary().requestCount()).isEqualTo(12);
            // Closed loop keeps every slot busy, so the time-weighted concurrency is close to the target.
            assertThat(result.summary().aggregate(MetricTag.ACHIEVED_CONCURRENCY).getAsDouble())
                    .isBetween(result.point().concurrency() * 0.8, result.point().concurrency() * 1.0001);
        }
        // 2 warm-up + 12 measured requests per point reached the server, and no more.
        assertThat(mock.groundTruth()).hasSize(28);
    }

    @Test
    void outputTokensAreCountedExactlyAndAgreeWithServerUsage() throws Exception {
        mock = start(MockEngineConfig.fixed(5, 1));
        var plan = SweepPlan.concurrencySweep(List.of(3), 9, 0);

        PointResult result = runner().run(spec(plan, Slo.NONE), SweepListener.NONE).get(0);

        for (RequestRecord record : result.records()) {
            assertThat(record.outputTokens()).isEqualTo(32);
            assertThat(record.responseNanos()).hasSize(32);
            assertThat(record.usage().completionTokens()).isEqualTo(32);
            assertThat(record.usage().promptTokens()).isEqualTo(record.inputTokens());
        }
        assertThat(result.summary().stats(MetricTag.OUTPUT_SEQUENCE_LENGTH).orElseThrow().avg()).isEqualTo(32.0);
    }

    /**
     * Client and mock share this JVM's {@link System#nanoTime()} clock, so each request's measured TTFT can be set
     * against what the server did. The client's TTFT also contains the loopback transfer of the first event and
     * event-loop scheduling, so it may exceed the truth, never fall below it. On an idle machine the gap is well under
     * 1 ms; a 2-core machine busy with other builds adds scheduling stalls of tens of ms to a few requests, so the
     * bounds are on the distribution: no request below the truth, the median within 2 ms and 90 % within 5 ms. A
     * wrong stamp (an earlier chunk's time, or the send time taken too early or late) shifts every request and fails
     * them. ITL is a mean over 31 gaps: median error within 0.25 ms, 90 % within 1 ms (10 %).
     */
    @Test
    void measuredTtftAndItlAgreeWithTheMockGroundTruth() throws Exception {
        mock = start(MockEngineConfig.fixed(50, 10));
        var plan = SweepPlan.concurrencySweep(List.of(8), 24, 8);

        PointResult result = runner().run(spec(plan, Slo.NONE), SweepListener.NONE).get(0);

        var ttftErrorsMillis = new ArrayList<Double>();
        var itlErrorsMillis = new ArrayList<Double>();
        for (int i = 0; i < result.records().size(); i++) {
            RequestRecord record = result.records().get(i);
            MockRequestTruth truth = mock.truth(result.requestIds().get(i)).orElseThrow();
            double measuredTtftMillis = TimeToFirstToken.nanos(record).getAsLong() / 1e6;
            double truthTtftMillis = (truth.tokenWrittenNanos()[0] - record.sentNanos()) / 1e6;
            ttftErrorsMillis.add(measuredTtftMillis - truthTtftMillis);
            double measuredItlMillis = InterTokenLatency.nanos(record).getAsDouble() / 1e6;
            itlErrorsMillis.add(measuredItlMillis - truth.meanItlNanos().getAsDouble() / 1e6);
        }
        assertThat(ttftErrorsMillis).hasSize(24).allSatisfy(error -> assertThat(error).isNotNegative());
        assertThat(percentile(ttftErrorsMillis, 50)).isLessThan(2.0);
        assertThat(percentile(ttftErrorsMillis, 90)).isLessThan(5.0);
        var itlAbsoluteErrors = itlErrorsMillis.stream().map(Math::abs).toList();
        assertThat(percentile(itlAbsoluteErrors, 50)).isLessThan(0.25);
        assertThat(percentile(itlAbsoluteErrors, 90)).isLessThan(1.0);
    }

    @Test
    void theListenerHearsEachMeasuredSendAndFinishWithTheSameTimingsAsTheRecords() throws Exception {
        mock = start(MockEngineConfig.fixed(5, 1));
        var plan = SweepPlan.concurrencySweep(List.of(3), 9, 2);
        var sent = new AtomicInteger();
        var finished = new ConcurrentLinkedQueue<RequestRecord>();
        SweepListener listener = new SweepListener() {
            @Override
            public void requestSent(LoadPoint point) {
                sent.incrementAndGet();
            }

            @Override
            public void requestFinished(LoadPoint point, RequestRecord untokenized) {
                finished.add(untokenized);
            }
        };

        PointResult result = runner().run(spec(plan, Slo.NONE), listener).get(0);

        // Warm-up requests are not measured, so the listener hears only the 9 measured ones.
        assertThat(sent).hasValue(9);
        assertThat(finished).hasSize(9).allSatisfy(live -> {
            assertThat(live.outputTokens()).isNull();
            assertThat(live.inputTokens()).isPositive();
            assertThat(result.records()).anySatisfy(stored -> {
                assertThat(stored.sentNanos()).isEqualTo(live.sentNanos());
                assertThat(stored.responseNanos()).isEqualTo(live.responseNanos());
                assertThat(stored.inputTokens()).isEqualTo(live.inputTokens());
            });
        });
    }

    @Test
    void aDeadTargetFailsThePointNotTheSweep() {
        var plan = SweepPlan.concurrencySweep(List.of(2), 4, 0);
        var spec = new SweepSpec("dead", ClientOptions.of("127.0.0.1:1", EndpointKind.CHAT), "m",
                new SweepSpec.SyntheticSpec(50, 0, 8, 0, 1), SweepSpec.RequestExtras.DYNAMO_DEFAULTS, plan, Slo.NONE);

        PointResult result = runner().run(spec, SweepListener.NONE).get(0);

        assertThat(result.summary().requestCount()).isZero();
        assertThat(result.summary().errorRequestCount()).isEqualTo(4);
        assertThat(result.summary().errorCountsByType()).containsOnlyKeys("CONNECT");
    }

    /** The value below which {@code percent} of the values lie (nearest rank). */
    private static double percentile(List<Double> values, int percent) {
        var sorted = values.stream().sorted().toList();
        return sorted.get(Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }

    @Test
    void aFailedTrialKeepsTheTrialsBeforeItAndSaysWhichFailedAndWhy() throws Exception {
        mock = start(MockEngineConfig.fixed(5, 1));
        var plan = SweepPlan.concurrencySweep(List.of(2), 6, 0);
        var trialsStarted = new java.util.concurrent.atomic.AtomicInteger();
        var failingThird = new SweepListener() {
            @Override
            public void pointStarted(LoadPoint point, int index, int pointCount) {
                if (trialsStarted.incrementAndGet() == 3) {
                    throw new IllegalStateException("the target went away");
                }
            }
        };

        TrialFailedException failure = org.assertj.core.api.Assertions.catchThrowableOfType(
                TrialFailedException.class, () -> runner().runTrials(spec(plan, Slo.NONE), 0, 5, failingThird,
                        () -> false));

        assertThat(failure.completed()).hasSize(2).allSatisfy(trial -> assertThat(trial.records()).hasSize(6)
                .allMatch(RequestRecord::valid));
        assertThat(failure.failedTrial()).isEqualTo(3);
        assertThat(failure.reason()).isEqualTo("the target went away");
        assertThat(failure.getMessage()).isEqualTo("point c2: trial 3 of 5 failed (the target went away); its 2"
                + " earlier trial(s) are kept");
    }

    @Test
    void aCancelDuringALaterTrialCarriesTheTrialsBeforeIt() throws Exception {
        mock = start(MockEngineConfig.fixed(5, 1));
        var plan = SweepPlan.concurrencySweep(List.of(2), 6, 0);
        var trialsStarted = new java.util.concurrent.atomic.AtomicInteger();
        var countingTrials = new SweepListener() {
            @Override
            public void pointStarted(LoadPoint point, int index, int pointCount) {
                trialsStarted.incrementAndGet();
            }
        };

        SweepCancelledException cancel = org.assertj.core.api.Assertions.catchThrowableOfType(
                SweepCancelledException.class, () -> runner().runTrials(spec(plan, Slo.NONE), 0, 5, countingTrials,
                        () -> trialsStarted.get() >= 3));
        SweepCancelledException first = org.assertj.core.api.Assertions.catchThrowableOfType(
                SweepCancelledException.class, () -> runner().runTrials(spec(plan, Slo.NONE), 0, 5, countingTrials,
                        () -> true));

        // the job decides what to do with them: a deadline keeps them, a cancel drops them (JobTrialFailureTest)
        assertThat(cancel.completed()).hasSize(2).allSatisfy(trial -> assertThat(trial.records()).hasSize(6));
        assertThat(cancel.point().label()).isEqualTo("c2");
        assertThat(first.completed()).isEmpty();
    }

    private SweepRunner runner() {
        return new SweepRunner(vertx, Tokenizers.fallback("test"));
    }

    private SweepSpec spec(SweepPlan plan, Slo slo) {
        var client = ClientOptions.of(mock.baseUrl(), EndpointKind.CHAT).withRequestTimeout(Duration.ofSeconds(30));
        return new SweepSpec("test", client, "Qwen/Qwen3-0.6B", new SweepSpec.SyntheticSpec(200, 0, 32, 0, 7),
                SweepSpec.RequestExtras.DYNAMO_DEFAULTS, plan, slo);
    }

    private MockLlmServer start(MockEngineConfig config) throws Exception {
        return MockLlmServer.start(vertx, config).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
