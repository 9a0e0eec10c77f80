package io.perfsweep.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.perfsweep.events.PlannerProfile;
import io.perfsweep.events.PointMetrics;
import io.perfsweep.metrics.MetricTag;

/** The planner block of {@code job.completed}: Dynamo's formulas, and no point where the client's timing was off. */
class EventPayloadsTest {

    @Test
    void thePlannerProfileFollowsDynamosFormulas() {
        PlannerProfile profile = EventPayloads.plannerProfile(List.of(point("c4", 4, 100, "ok")), 2, 10_000L);

        assertThat(profile.prefillIsl()).containsExactly(2000.0);
        assertThat(profile.prefillTtft()).containsExactly(100.0);
        assertThat(profile.prefillThptPerGpu()).containsExactly(2000.0 / 100 / 2 * 1000);
        assertThat(profile.yContextLength()).containsExactly(2000.0 + 256 / 2.0);
        assertThat(profile.zItl()).containsExactly(10.0);
        assertThat(profile.zThptPerGpu()).containsExactly(400.0 / 2);
        assertThat(profile.xKvUsage()).containsExactly((2000.0 + 128) * 4 / 10_000);
        assertThat(profile.excludedPoints()).isEmpty();
    }

    @Test
    void theServersKvCapacityIsReadFromAPointsFactsAndOnlyFromThem() {
        PointMetrics told = new PointMetrics(0, "c8", 8, 10, 0, Map.of(), 400.0, 40.0, null, null,
                Map.of("facts", Map.of("max_kv_tokens", 1_146_736L, "server", "vllm")));
        PointMetrics untold = new PointMetrics(1, "c1", 1, 10, 0, Map.of(), 400.0, 40.0, null, null,
                Map.of("facts", new HashMap<String, Object>()));

        assertThat(EventPayloads.serverMaxKvTokens(told)).isEqualTo(1_146_736L);
        assertThat(EventPayloads.serverMaxKvTokens(untold)).isNull();
        assertThat(EventPayloads.serverMaxKvTokens(point("c4", 4, 100, "ok"))).isNull();
    }

    @Test
    void theStoredServerViewPublishesTheGpuBlockBesideTheFacts() {
        Map<String, Object> gpu = Map.of("gpus_seen", 2, "tokens_per_sec_per_gpu_seen", 200.0);
        Map<String, Object> stored = new HashMap<>(Map.of("facts", Map.of("server", "vllm"), "client_vs_server",
                Map.of(), "gpu", gpu, "export", Map.of("schema_version", "1.0")));

        assertThat(EventPayloads.serverView(stored)).containsEntry("gpu", gpu).containsOnlyKeys("facts",
                "client_vs_server", "gpu");
        stored.remove("gpu"); // stored before GPU telemetry existed
        assertThat(EventPayloads.serverView(stored)).containsEntry("gpu", null);
    }

    @Test
    void distortedPointsStayOutOfTheArraysAndAreNamed() {
        PlannerProfile profile = EventPayloads.plannerProfile(List.of(point("c1", 1, 90, "ok"),
                point("c250", 250, 900, "distorted"), point("c10", 10, 120, null)), 1, null);

        assertThat(profile.prefillTtft()).containsExactly(90.0, 120.0);
        assertThat(profile.zThptPerGpu()).hasSize(2);
        assertThat(profile.excludedPoints()).containsExactly("c250");
        assertThat(profile.xKvUsage()).isNull();
    }

    private static PointMetrics point(String label, int concurrency, double ttftMs, String verdict) {
        Map<String, Map<String, Double>> metrics = Map.of(
                MetricTag.INPUT_SEQUENCE_LENGTH.tag(), Map.of("avg", 2000.0),
                MetricTag.OUTPUT_SEQUENCE_LENGTH.tag(), Map.of("avg", 256.0),
                MetricTag.TIME_TO_FIRST_TOKEN.tag(), Map.of("avg", ttftMs),
                MetricTag.INTER_TOKEN_LATENCY.tag(), Map.of("avg", 10.0),
                MetricTag.OUTPUT_TOKEN_THROUGHPUT.tag(), Map.of("avg", 400.0));
        return new PointMetrics(0, label, concurrency, 10, 0, metrics, 400.0, 40.0, null,
                verdict == null ? null : Map.of("verdict", verdict), null);
    }
}
