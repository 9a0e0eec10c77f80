package io.perfsweep.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The client-health verdict from given stall, GC and batching figures: exact reasons, both ways. */
class ClientHealthTest {

    private static final ClientHealth.Stall CALM = new ClientHealth.Stall(0.1, 0.9, 2.0, 0.15);
    private static final ClientHealth.GcPause NO_GC = new ClientHealth.GcPause(0, 0, 0);

    @Test
    void aCalmWindowIsOk() {
        ClientHealth health = ClientHealth.judge(new ClientHealth.Sample(CALM, new ClientHealth.GcPause(12, 4, 3), 0.4,
                2, 0.5, 10));

        assertThat(health.verdict()).isEqualTo(ClientHealth.Verdict.OK);
        assertThat(health.reasons()).isEmpty();
    }

    @Test
    void stallsGcAndBatchingEachGiveTheirReasonWithTheFigure() {
        var stalled = new ClientHealth.Stall(2.0, 12.5, 80, 1.5);
        ClientHealth health = ClientHealth.judge(new ClientHealth.Sample(stalled, new ClientHealth.GcPause(150, 25, 6),
                1.9, 2, 7.5, 10));

        assertThat(health.distorted()).isTrue();
        assertThat(health.reasons()).containsExactly("event loops stalled: p99 12.5 ms > 5 ms",
                "event loops stalled: mean 1.50 ms > 1 ms", "GC paused the client for 25 ms > 20 ms",
                "GC pauses took 1.5 % of the window > 1 %",
                "7.5 % of token gaps read as 0 ms (events batched in one read) > 2 %, with loops stalling");
    }

    @Test
    void limitsAreExclusive() {
        var atLimit = new ClientHealth.Stall(1, ClientHealth.STALL_P99_LIMIT_MS, 5, ClientHealth.STALL_MEAN_LIMIT_MS);
        ClientHealth health = ClientHealth.judge(new ClientHealth.Sample(atLimit,
                new ClientHealth.GcPause(100, ClientHealth.GC_MAX_PAUSE_LIMIT_MS, 5), 1, 2, 2, 10));

        assertThat(health.verdict()).isEqualTo(ClientHealth.Verdict.OK);
    }

    @Test
    void batchedReadsAloneAreTheServersPatternNotTheClients() {
        ClientHealth health = ClientHealth.judge(new ClientHealth.Sample(new ClientHealth.Stall(0.1, 0.5, 1, 0.1),
                NO_GC, 0.3, 2, 40, 10));

        assertThat(health.verdict()).isEqualTo(ClientHealth.Verdict.OK);
    }

    @Test
    void batchedGapsCountTokenGapsStampedByOneRead() {
        RequestRecord batched = new RequestRecord(0, 0, 50, 0, new long[] { 10, 20, 20, 20, 30 }, 0, 1, 5, null, 0,
                null, null);
        RequestRecord spread = new RequestRecord(0, 0, 50, 0, new long[] { 10, 20, 30 }, 0, 1, 3, null, 0, null, null);
        RequestRecord failed = new RequestRecord(0, 0, 50, 0, new long[] { 10, 10 }, 0, 1, 2, null, 0, null,
                new RequestError(500, "HTTP", "boom"));

        assertThat(ClientHealth.batchedGapPercent(List.of(batched, spread, failed))).isEqualTo(100.0 * 2 / 6);
    }

    @Test
    void jsonHasTheDocumentedShapeAndReadsBack() {
        ClientHealth health = ClientHealth.judge(new ClientHealth.Sample(new ClientHealth.Stall(2, 12.5, 80, 1.5),
                new ClientHealth.GcPause(150, 25, 6), 1.9, 2, 7.5, 10));

        Map<String, Object> json = health.toJson();

        assertThat(json).containsEntry("verdict", "distorted").containsEntry("cpu_cores", 1.9)
                .containsEntry("event_loop_stall_ms", Map.of("p50", 2.0, "p99", 12.5, "max", 80.0, "mean", 1.5))
                .containsEntry("gc_pause_ms", Map.of("total", 150.0, "max", 25.0, "count", 6));
        assertThat(ClientHealth.fromJson(json)).isEqualTo(health);
    }
}
