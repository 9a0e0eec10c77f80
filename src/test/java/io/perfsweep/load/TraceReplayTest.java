package io.perfsweep.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.perfsweep.client.ClientOptions;
import io.perfsweep.client.EndpointKind;
import io.perfsweep.metrics.MetricTag;
import io.perfsweep.metrics.RequestLatency;
import io.perfsweep.metrics.RequestLatencyFromIntendedStart;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.metrics.Slo;
import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.mock.MockLlmServer;
import io.perfsweep.mock.MockRequestTruth;
import io.perfsweep.workload.Tokenizers;
import io.perfsweep.workload.TraceRequest;
import io.vertx.core.Vertx;

/**
 * Trace replay against the built-in mock engine on loopback: the mock's prefix cache proves the prompts share exactly
 * the blocks the trace's hash ids say, and the records prove the requests were scheduled at the trace's timestamps.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TraceReplayTest {

    private static final long MS = 1_000_000L;
    private static final int BLOCK = 512;

    /**
     * Five rows of 512-token blocks. Row 2 shares its first two ids with row 1, row 3 its first id: the mock (64-token
     * blocks, so 512 is 8 of its blocks) must find 2·512 and 1·512 cached prompt tokens. Rows 4 and 5 share nothing
     * and the same timestamp.
     */
    private static final List<TraceRequest> PREFIX_TRACE = List.of(
            row(0, 1400, 0, 1, 2),
            row(150, 1300, 0, 1, 5),
            row(300, 700, 0, 7),
            row(450, 300, 9),
            row(450, 600, 20, 21));
    private static final int[] EXPECTED_CACHED = { 0, 2 * BLOCK, BLOCK, 0, 0 };

    private Vertx vertx;
    private MockLlmServer mock;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        mock = MockLlmServer.start(vertx, MockEngineConfig.simulated(20)).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        // A cold JVM (client and mock tokenizer) can hold the first request longer than the trace's gaps: warm both
        // with one row whose hash id no test uses.
        var warmup = List.of(row(0, 300, 999_999));
        runner().run(spec(warmup, SweepPlan.concurrencySweep(List.of(1), 1, 0)), SweepListener.NONE);
    }

    @AfterEach
    void stop() throws Exception {
        mock.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aReplayedTraceHitsTheMockWithThePrefixSharingItDescribesAtItsTimestamps() {
        var plan = new SweepPlan(List.of(LoadPoint.replay(1.5, PREFIX_TRACE.size())));

        PointResult result = runner().run(spec(PREFIX_TRACE, plan), SweepListener.NONE).get(0);

        assertThat(result.point().label()).isEqualTo("replay-x1.5");
        assertThat(result.records()).hasSize(5).allMatch(RequestRecord::valid);
        for (int i = 0; i < PREFIX_TRACE.size(); i++) {
            MockRequestTruth truth = mock.truth(result.requestIds().get(i)).orElseThrow();
            assertThat(truth.promptTokens()).as("prompt tokens of row %d", i + 1)
                    .isEqualTo(PREFIX_TRACE.get(i).inputTokens());
            assertThat(truth.cachedTokens()).as("cached tokens of row %d", i + 1).isEqualTo(EXPECTED_CACHED[i]);
            assertThat(truth.completionTokens()).isEqualTo(8);
        }
        // Intended starts are the timestamps over the speed-up, exactly: 0, 100, 200, 300, 300 ms.
        long first = result.records().get(0).intendedStartNanos();
        assertThat(result.records()).extracting(r -> r.intendedStartNanos() - first)
                .containsExactly(0L, 100 * MS, 200 * MS, 300 * MS, 300 * MS);
        assertThat(result.summary().stats(MetricTag.REQUEST_LATENCY_FROM_INTENDED_START)).isPresent();
        assertThat(result.summary().stats(MetricTag.TIME_TO_FIRST_TOKEN_FROM_INTENDED_START)).isPresent();
    }

    /** 60 rows over 3 s of trace time, replayed at 2x: every intended start exact, the sends close to them. */
    @Test
    void replaySendsOnTheTraceScheduleAndReportsTheLag() {
        var trace = new ArrayList<TraceRequest>();
        long[] timestamps = new long[60];
        for (int i = 0; i < timestamps.length; i++) {
            timestamps[i] = i * 50L + (i % 3 == 0 ? 0 : 7 * (i % 5));
            trace.add(row(timestamps[i], 200, 1000 + i));
        }
        var plan = new SweepPlan(List.of(LoadPoint.replay(2, trace.size())));

        PointResult result = runner().run(spec(trace, plan), SweepListener.NONE).get(0);

        List<RequestRecord> records = result.records();
        assertThat(records).hasSize(60).allMatch(RequestRecord::valid);
        long first = records.get(0).intendedStartNanos();
        for (int i = 0; i < records.size(); i++) {
            assertThat(records.get(i).intendedStartNanos() - first).isEqualTo(timestamps[i] * MS / 2);
            assertThat(RequestLatencyFromIntendedStart.nanos(records.get(i)).orElseThrow())
                    .isGreaterThanOrEqualTo(RequestLatency.nanos(records.get(i)).orElseThrow());
        }
        // Two noisy shared cores: bound the distribution of the send lag, not every request.
        assertThat(result.scheduleLag().p50Millis()).isLessThan(10);
        assertThat(result.scheduleLag().p90Millis()).isLessThan(50);
        assertThat(result.scheduleDegraded()).isFalse();
    }

    @Test
    void concurrencyReplaySendsTheRowsInFileOrderAndIgnoresTheTimestamps() {
        var farApart = new ArrayList<TraceRequest>();
        for (int i = 0; i < PREFIX_TRACE.size(); i++) {
            TraceRequest row = PREFIX_TRACE.get(i);
            farApart.add(new TraceRequest(i * 600_000L, row.inputTokens(), row.outputTokens(), row.hashIds()));
        }
        var plan = SweepPlan.concurrencySweep(List.of(1), farApart.size(), 0);

        long began = System.nanoTime();
        PointResult result = runner().run(spec(farApart, plan), SweepListener.NONE).get(0);

        // The timestamps span 40 minutes; at concurrency 1 the rows go back to back.
        assertThat(System.nanoTime() - began).isLessThan(20_000 * MS);
        assertThat(result.point().label()).isEqualTo("c1");
        List<MockRequestTruth> received = mock.groundTruth().subList(1, 1 + farApart.size());
        assertThat(received).extracting(MockRequestTruth::requestId).containsExactlyElementsOf(result.requestIds());
        assertThat(received).extracting(MockRequestTruth::cachedTokens)
                .containsExactly(EXPECTED_CACHED[0], EXPECTED_CACHED[1], EXPECTED_CACHED[2], EXPECTED_CACHED[3],
                        EXPECTED_CACHED[4]);
    }

    /**
     * Two sessions of three turns and a row of its own, interleaved in the file, replayed at 2x: the first turns (and
     * the lone row) leave at their timestamps; each later turn leaves its delay (400 ms over the speed-up: 200 ms) after
     * the previous turn of its session completed, whatever its own timestamp says (A2's 5 ms is not used).
     */
    @Test
    void aReplaySendsEachLaterTurnOfASessionItsDelayAfterThePreviousTurnCompleted() {
        List<TraceRequest> trace = List.of(
                turn("A", 0L, 0, 300, 101), // A1
                turn("B", 100L, 0, 300, 201), // B1
                turn("A", 5L, 400, 300, 102), // A2: its timestamp is not used
                row(200, 300, 301), // a row of its own
                turn("B", null, 400, 300, 202), // B2
                turn("A", null, 400, 300, 103), // A3
                turn("B", null, 400, 300, 203)); // B3
        var plan = new SweepPlan(List.of(LoadPoint.replay(2, trace.size())));

        PointResult result = runner().run(spec(trace, plan), SweepListener.NONE).get(0);

        // Send order: the first turns and the lone row by timestamp, then the later turns in file order.
        List<RequestRecord> records = result.records();
        assertThat(records).hasSize(7).allMatch(RequestRecord::valid);
        List<MockRequestTruth> truths = result.requestIds().stream().map(id -> mock.truth(id).orElseThrow()).toList();
        assertThat(truths).extracting(MockRequestTruth::promptTokens).containsOnly(300);
        long first = records.get(0).intendedStartNanos();
        assertThat(records.subList(0, 3)).extracting(r -> r.intendedStartNanos() - first)
                .containsExactly(0L, 50 * MS, 100 * MS);
        // Each later turn: {record index, index of the previous turn of its session}.
        int[][] laterTurns = { { 3, 0 }, { 4, 1 }, { 5, 3 }, { 6, 4 } };
        for (int[] pair : laterTurns) {
            RequestRecord turn = records.get(pair[0]);
            RequestRecord previous = records.get(pair[1]);
            assertThat(turn.intendedStartNanos()).as("intended start of record %d", pair[0])
                    .isEqualTo(previous.endNanos() + 200 * MS);
            assertThat(turn.sentNanos()).isGreaterThanOrEqualTo(turn.intendedStartNanos());
            long[] previousTokens = truths.get(pair[1]).tokenWrittenNanos();
            // The mock wrote the previous turn's last token before the client saw its end: the turn arrives at least
            // the delay after that, less a little for the loopback.
            assertThat(truths.get(pair[0]).receivedNanos())
                    .as("arrival of record %d after its previous turn's end plus the delay", pair[0])
                    .isGreaterThanOrEqualTo(previousTokens[previousTokens.length - 1] + 200 * MS - 5 * MS);
            assertThat(RequestLatencyFromIntendedStart.nanos(turn).orElseThrow())
                    .isGreaterThanOrEqualTo(RequestLatency.nanos(turn).orElseThrow());
        }
        // Two noisy shared cores: bound the distribution of the send lag, not every request.
        assertThat(result.scheduleLag().p50Millis()).isLessThan(20);
        assertThat(result.scheduleDegraded()).isFalse();
    }

    /**
     * At a rate point the arrival schedule paces the first turns and the rows without a session, in file order; a later
     * turn leaves its delay (not scaled: a rate point has no speed-up) after its previous turn completed.
     */
    @Test
    void atARatePointTheScheduleCarriesTheFirstTurnsAndLaterTurnsFollowTheirPreviousTurn() {
        List<TraceRequest> trace = List.of(
                turn("A", 0L, 0, 300, 101), // A1: slot 0
                turn("B", 0L, 0, 300, 201), // B1: slot 1
                turn("A", null, 150, 300, 102), // A2: A1's end + 150 ms
                row(0, 300, 301), // a row of its own: slot 2
                turn("A", null, 150, 300, 103)); // A3: A2's end + 150 ms
        var plan = new SweepPlan(List.of(LoadPoint.rate(20, trace.size(), 0, ArrivalSchedule.Arrival.CONSTANT, null,
                0)));

        PointResult result = runner().run(spec(trace, plan), SweepListener.NONE).get(0);

        List<RequestRecord> records = result.records();
        assertThat(records).hasSize(5).allMatch(RequestRecord::valid);
        long first = records.get(0).intendedStartNanos();
        assertThat(List.of(0, 1, 3)).extracting(i -> records.get(i).intendedStartNanos() - first)
                .containsExactly(0L, 50 * MS, 100 * MS);
        int[][] laterTurns = { { 2, 0 }, { 4, 2 } };
        for (int[] pair : laterTurns) {
            RequestRecord turn = records.get(pair[0]);
            assertThat(turn.intendedStartNanos()).as("intended start of record %d", pair[0])
                    .isEqualTo(records.get(pair[1]).endNanos() + 150 * MS);
            assertThat(turn.sentNanos()).isGreaterThanOrEqualTo(turn.intendedStartNanos());
        }
        assertThat(result.scheduleDegraded()).isFalse();
    }

    /**
     * At concurrency 2, a later turn waits for its previous turn and its delay (1 s, long beside a request to the mock
     * so the order holds on a loaded machine), and the free slots meanwhile take the next rows: C and D go before A2
     * and B2. Every row is sent once, each session in order.
     */
    @Test
    void concurrencyReplayHoldsEachLaterTurnForItsPreviousTurnAndLetsOtherRowsUseTheSlot() {
        List<TraceRequest> trace = List.of(
                turn("A", null, 0, 300, 401), // A1
                turn("A", null, 1000, 300, 402), // A2
                turn("A", null, 1000, 300, 403), // A3
                turn("B", null, 0, 300, 501), // B1
                turn("B", null, 1000, 300, 502), // B2
                turn(null, null, 0, 300, 601), // C
                turn(null, null, 0, 300, 701)); // D
        var plan = SweepPlan.concurrencySweep(List.of(2), trace.size(), 0);

        PointResult result = runner().run(spec(trace, plan), SweepListener.NONE).get(0);

        assertThat(result.records()).hasSize(7).allMatch(RequestRecord::valid);
        assertThat(result.maxInFlight()).isLessThanOrEqualTo(2);
        List<String> ids = result.requestIds();
        List<String> arrivals = mock.groundTruth().stream().map(MockRequestTruth::requestId).filter(ids::contains)
                .toList();
        assertThat(arrivals).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(arrivals.indexOf(ids.get(0))).isLessThan(arrivals.indexOf(ids.get(1)));
        assertThat(arrivals.indexOf(ids.get(1))).isLessThan(arrivals.indexOf(ids.get(2)));
        assertThat(arrivals.indexOf(ids.get(3))).isLessThan(arrivals.indexOf(ids.get(4)));
        assertThat(arrivals.subList(0, 4)).containsExactlyInAnyOrder(ids.get(0), ids.get(3), ids.get(5), ids.get(6));
        int[][] laterTurns = { { 1, 0 }, { 2, 1 }, { 4, 3 } };
        for (int[] pair : laterTurns) {
            RequestRecord turn = result.records().get(pair[0]);
            assertThat(turn.intendedStartNanos()).isEqualTo(result.records().get(pair[1]).endNanos() + 1000 * MS);
            long[] previousTokens = mock.truth(ids.get(pair[1])).orElseThrow().tokenWrittenNanos();
            assertThat(mock.truth(ids.get(pair[0])).orElseThrow().receivedNanos())
                    .isGreaterThanOrEqualTo(previousTokens[previousTokens.length - 1] + 1000 * MS - 5 * MS);
        }
        // A first turn's intended start is its send, as in any closed loop.
        assertThat(result.records().get(5).intendedStartNanos()).isEqualTo(result.records().get(5).sentNanos());
    }

    @Test
    void aReplayScheduleNeedsTimestampsThatNeverDecrease() {
        assertThat(ArrivalSchedule.replay(new long[] { 10, 10, 40 }, 4).offsetsNanos())
                .containsExactly(0, 0, 7_500_000);
        assertThatThrownBy(() -> ArrivalSchedule.replay(new long[] { 10, 5 }, 1))
                .hasMessageContaining("must not decrease");
        assertThatThrownBy(() -> ArrivalSchedule.replay(new long[] { 0 }, 0)).hasMessageContaining("speedup");
    }

    private SweepRunner runner() {
        return new SweepRunner(vertx, Tokenizers.fallback("test"));
    }

    private SweepSpec spec(List<TraceRequest> trace, SweepPlan plan) {
        var client = ClientOptions.of(mock.baseUrl(), EndpointKind.CHAT).withRequestTimeout(Duration.ofSeconds(30));
        return new SweepSpec("trace", client, "Qwen/Qwen3-0.6B", new SweepSpec.SyntheticSpec(1, 0, 1, 0, 0),
                SweepSpec.RequestExtras.DYNAMO_DEFAULTS, plan, Slo.NONE, new SweepSpec.TraceSpec(trace, BLOCK, 0));
    }

    private static TraceRequest row(long timestampMillis, int inputTokens, long... hashIds) {
        return new TraceRequest(timestampMillis, inputTokens, 8, hashIds);
    }

    private static TraceRequest turn(String session, Long timestampMillis, long delayMillis, int inputTokens,
            long hashId) {
        return new TraceRequest(timestampMillis, inputTokens, 8, new long[] { hashId }, session, delayMillis);
    }
}
