package io.perfsweep.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.perfsweep.client.ClientOptions;
import io.perfsweep.client.EndpointKind;
import io.perfsweep.load.ArrivalSchedule.Arrival;
import io.perfsweep.metrics.MetricTag;
import io.perfsweep.metrics.RequestLatency;
import io.perfsweep.metrics.RequestLatencyFromIntendedStart;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.metrics.SendDelay;
import io.perfsweep.metrics.Slo;
import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.mock.MockLlmServer;
import io.perfsweep.workload.Tokenizers;
import io.vertx.core.Vertx;

/**
 * Open-loop rate points against the built-in mock on loopback: the absolute schedule, schedule lag, and the
 * coordinated-omission test (a 1 s server stall must show in the latency from intended start of every request
 * scheduled during it).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OpenLoopRateTest {

    private static final long MS = 1_000_000L;
    /** Warm-up requests of the stall tests: a cold JVM sends its first requests hundreds of ms late. */
    private static final int WARMUP = 30;
    /** Measured requests sent before the stall; the mock counts warm-up requests too. */
    private static final int BEFORE_STALL = 19;
    /** Requests the mock receives before it stalls; the one that reaches this count starts the stall. */
    private static final int STALL_AFTER = WARMUP + BEFORE_STALL + 1;
    private static final long STALL_NANOS = 1_000 * MS;

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
    void ratePointsSendOnTheirAbsoluteScheduleOneAfterAnother() throws Exception {
        mock = start(MockEngineConfig.fixed(5, 1));
        var plan = SweepPlan.rateSweep(List.of(25.0, 50.0), 30, 3, Arrival.CONSTANT, null, 1);

        List<PointResult> results = runner().run(spec(plan), SweepListener.NONE);

        assertThat(results).extracting(r -> r.point().label()).containsExactly("r25", "r50");
        for (PointResult result : results) {
            long gap = Math.round(1e9 / result.point().openLoop().ratePerSecond());
            List<RequestRecord> records = result.records();
            assertThat(records).hasSize(30).allMatch(RequestRecord::valid);
            long first = records.get(0).intendedStartNanos();
            for (int i = 0; i < records.size(); i++) {
                assertThat(records.get(i).intendedStartNanos()).isEqualTo(first + i * gap);
                assertThat(SendDelay.nanos(records.get(i))).isNotNegative();
            }
            // A healthy server and no cap: every request leaves close to its due time.
            assertThat(result.scheduleLag().p99Millis()).isLessThan(100);
            assertThat(result.scheduleDegraded()).isFalse();
            assertThat(result.summary().requestCount()).isEqualTo(30);
            assertThat(result.summary().stats(MetricTag.SEND_DELAY)).isPresent();
        }
        // 3 warm-up + 30 measured requests per point.
        assertThat(mock.groundTruth()).hasSize(66);
    }

    @Test
    void poissonPointIsReproducibleForItsSeed() {
        var a = LoadPoint.rate(2.5, 10, 0, Arrival.POISSON, 3, 11);
        var b = SweepPlan.rateSweep(List.of(2.5), 10, Arrival.POISSON, 3, 11).points().get(0);
        assertThat(a).isEqualTo(b);
        assertThat(a.label()).isEqualTo("r2.5");
        assertThat(a.concurrency()).isEqualTo(3);
        assertThat(LoadPoint.rate(2.5, 10, 0, Arrival.POISSON, null, 11).openLoop().capped()).isFalse();
        assertThat(new LoadPoint(4, 10, 0).label()).isEqualTo("c4");
        assertThat(new LoadPoint(4, 10, 0).isOpenLoop()).isFalse();
    }

    /**
     * The done-means. 50 req/s, 100 requests, at most 4 in flight; the mock stalls for 1 s once it has
     * received 20 measured requests (after {@value #WARMUP} warm-up ones). The 4 requests in flight take the stall; the ~46
     * scheduled during it
     * are held back by the cap and leave after it, each in ~40 ms. Their latency from send looks healthy (the
     * uncorrected view, what AIPerf's semaphore-then-sleep loop reports); their latency from intended start contains
     * the rest of the stall plus the wait for a slot.
     */
    @Test
    void aStallShowsInLatencyFromIntendedStartForEveryRequestScheduledDuringIt() throws Exception {
        mock = start(MockEngineConfig.fixed(5, 1).withStall(STALL_AFTER, 1000));
        var plan = SweepPlan.rateSweep(List.of(50.0), 100, WARMUP, Arrival.CONSTANT, 4, 1);

        long began = System.nanoTime();
        PointResult result = runner().run(spec(plan), SweepListener.NONE).get(0);
        assertThat(System.nanoTime() - began).isLessThan(15_000 * MS);

        List<RequestRecord> records = result.records();
        assertThat(records).hasSize(100).allMatch(RequestRecord::valid);
        assertThat(result.maxInFlight()).isEqualTo(4);

        // Intended starts as the test computes them from the first one: 20 ms apart.
        long first = records.get(0).intendedStartNanos();

        // The stall began when the mock received measured request BEFORE_STALL, so no earlier than that request's send,
        // and it lasted 1 s: nothing it held could end before stallEnd.
        long stallStart = records.get(BEFORE_STALL).sentNanos();
        long stallEnd = stallStart + STALL_NANOS;
        int scheduledDuringStall = 0;
        int heldBack = 0;
        for (int i = 0; i < records.size(); i++) {
            RequestRecord record = records.get(i);
            long intended = first + i * 20 * MS;
            if (intended < stallStart || intended >= stallEnd) {
                continue;
            }
            scheduledDuringStall++;
            long fromIntended = RequestLatencyFromIntendedStart.nanos(record).orElseThrow();
            assertThat(fromIntended).as("latency from intended start of request %d", i)
                    .isGreaterThanOrEqualTo(stallEnd - intended);
            if (record.sentNanos() >= stallEnd) {
                // Held back by the cap until the stall was over: the send-based latency misses the stall.
                heldBack++;
                long fromSend = RequestLatency.nanos(record).orElseThrow();
                assertThat(fromSend).as("latency from send of held-back request %d", i).isLessThan(300 * MS);
                assertThat(SendDelay.nanos(record)).isEqualTo(record.sentNanos() - intended);
            }
        }
        assertThat(scheduledDuringStall).isBetween(45, 51);
        assertThat(heldBack).isGreaterThanOrEqualTo(scheduledDuringStall - 4);

        // Corrected vs uncorrected: at least 20 requests show half the stall or more from their intended start, but
        // at most the 4 in flight during it do from their send.
        assertThat(records.stream().filter(r -> RequestLatencyFromIntendedStart.nanos(r).orElseThrow() >= 500 * MS))
                .hasSizeGreaterThanOrEqualTo(20);
        assertThat(records.stream().filter(r -> RequestLatency.nanos(r).orElseThrow() >= 500 * MS)).hasSizeLessThanOrEqualTo(4);
        double correctedP90 = result.summary().stats(MetricTag.REQUEST_LATENCY_FROM_INTENDED_START).orElseThrow().p90();
        double uncorrectedP90 = result.summary().stats(MetricTag.REQUEST_LATENCY).orElseThrow().p90();
        assertThat(correctedP90).isGreaterThan(500);
        assertThat(uncorrectedP90).isLessThan(300);

        // The records carry that schedule, not the sends.
        for (int i = 0; i < records.size(); i++) {
            assertThat(records.get(i).intendedStartNanos()).isEqualTo(first + i * 20 * MS);
        }

        // The generator could not keep the rate behind the cap: the point says so.
        assertThat(result.scheduleLag().p99Millis()).isGreaterThan(ScheduleLag.DEGRADED_P99_MILLIS);
        assertThat(result.scheduleDegraded()).isTrue();
    }

    /**
     * Without a cap the schedule holds through the stall: ~50 requests pile up in flight, every one leaves on time,
     * and the send-based latency shows the stall too (open loop alone prevents the omission; the corrected view
     * matters once something, like a cap, delays sends).
     */
    @Test
    void withoutACapRequestsKeepLeavingOnTimeThroughAStall() throws Exception {
        mock = start(MockEngineConfig.fixed(5, 1).withStall(STALL_AFTER, 1000));
        var plan = SweepPlan.rateSweep(List.of(50.0), 100, WARMUP, Arrival.CONSTANT, null, 1);

        PointResult result = runner().run(spec(plan), SweepListener.NONE).get(0);

        List<RequestRecord> records = result.records();
        assertThat(records).hasSize(100).allMatch(RequestRecord::valid);
        assertThat(result.maxInFlight()).isGreaterThan(30);
        assertThat(result.scheduleDegraded()).isFalse();
        long stallStart = records.get(BEFORE_STALL).sentNanos();
        long stallEnd = stallStart + STALL_NANOS;
        for (RequestRecord record : records) {
            if (record.intendedStartNanos() >= stallStart && record.intendedStartNanos() < stallEnd) {
                assertThat(RequestLatency.nanos(record).orElseThrow())
                        .isGreaterThanOrEqualTo(stallEnd - record.sentNanos());
            }
        }
    }

    @Test
    void cancellingARatePointStopsItsScheduleAndListenersSeeTheIntendedStarts() throws Exception {
        mock = start(MockEngineConfig.fixed(5, 1));
        var plan = SweepPlan.rateSweep(List.of(20.0), 200, Arrival.POISSON, 2, 3);
        var sent = new AtomicInteger();
        var finished = new ConcurrentLinkedQueue<RequestRecord>();
        var listener = new SweepListener() {
            @Override
            public void requestSent(LoadPoint point) {
                sent.incrementAndGet();
            }

            @Override
            public void requestFinished(LoadPoint point, RequestRecord untokenized) {
                finished.add(untokenized);
            }
        };

        long began = System.nanoTime();
        assertThatThrownBy(() -> runner().runPoint(spec(plan), 0, listener, () -> sent.get() >= 5))
                .isInstanceOf(SweepCancelledException.class);

        // 200 requests at 20/s would take 10 s; the point stops after the fifth.
        assertThat(System.nanoTime() - began).isLessThan(5_000 * MS);
        assertThat(sent.get()).isEqualTo(5);
        assertThat(mock.groundTruth()).hasSize(5);
        assertThat(finished).hasSize(5);
        // Live records carry the schedule too, so live send-delay and corrected-latency views are right.
        var schedule = ArrivalSchedule.poisson(20, 5, 3);
        long first = finished.stream().mapToLong(RequestRecord::intendedStartNanos).min().orElseThrow();
        assertThat(finished.stream().map(r -> r.intendedStartNanos() - first).sorted())
                .containsExactly(schedule.offsetNanos(0), schedule.offsetNanos(1), schedule.offsetNanos(2),
                        schedule.offsetNanos(3), schedule.offsetNanos(4));
    }

    private SweepRunner runner() {
        return new SweepRunner(vertx, Tokenizers.fallback("test"));
    }

    private SweepSpec spec(SweepPlan plan) {
        var client = ClientOptions.of(mock.baseUrl(), EndpointKind.CHAT).withRequestTimeout(Duration.ofSeconds(30));
        return new SweepSpec("test", client, "Qwen/Qwen3-0.6B", new SweepSpec.SyntheticSpec(200, 0, 32, 0, 7),
                SweepSpec.RequestExtras.DYNAMO_DEFAULTS, plan, Slo.NONE);
    }

    private MockLlmServer start(MockEngineConfig config) throws Exception {
        return MockLlmServer.start(vertx, config).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
