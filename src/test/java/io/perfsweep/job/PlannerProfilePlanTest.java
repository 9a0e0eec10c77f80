package io.perfsweep.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.perfsweep.metrics.ClientHealth;
import io.perfsweep.metrics.MetricStats;
import io.perfsweep.metrics.MetricTag;
import io.perfsweep.metrics.PointSummary;
import io.perfsweep.planner.PlannerPoint;
import io.perfsweep.server.ServerFacts;
import io.perfsweep.server.ServerProbe;
import io.perfsweep.spec.InvalidJobException;
import io.perfsweep.spec.JobLimits;
import io.perfsweep.spec.JobSpecParser;
import io.perfsweep.spec.JobWorkload;

/**
 * A planner-profile job's plan (the KV capacity's source, the ceilings) and its outcome (which points the planner's
 * files keep), without a server.
 */
class PlannerProfilePlanTest {

    /** max_ctx 1600, granularities 4 and 2, decode OSL 40: prefill ISLs 100, 347, 594, 841; decode ISLs 100, 880. */
    private static final JobWorkload.PlannerProfile WORKLOAD = new JobWorkload.PlannerProfile(1600, 4, 2, 40, 2, 1,
            null, 100);
    private static final List<String> ENDPOINTS = List.of("http://engine:8000/metrics");

    private static ServerProbe told(Long maxKvTokens) {
        return new ServerProbe(new ServerFacts("vllm", null, null, null, null, null, null, maxKvTokens, null, null, null,
                null, null, null, null), Map.of());
    }

    @Test
    void aContextLengthTheProfilerCannotSweepIsRejectedWithTheOtherViolations() {
        var parser = new JobSpecParser(JobLimits.DEFAULTS, List.of(PlannerProfilePlan.PROFILABLE));
        String job = "{\"apiVersion\":\"perfsweep/v1\",\"name\":\"x\",\"target\":{\"url\":\"host:8000\"},"
                + "\"workload\":{\"type\":\"plannerProfile\",\"maxContextLength\":%d}%s}";

        // 620 leaves the prefill sweep a step of (620 − 612) // 16 = 0, which Python's range refuses
        assertThat(catchThrowableOfType(InvalidJobException.class, () -> parser.parse(job.formatted(620, "")))
                .reason()).isEqualTo("workload.maxContextLength = 620 cannot be profiled: max context length 620 is"
                        + " too small for prefill granularity 16: the ISL step (max_ctx − 612) // 16 is 0; it needs at"
                        + " least 628");
        assertThat(catchThrowableOfType(InvalidJobException.class,
                () -> parser.parse(job.formatted(620, ",\"tags\":{\"1x\":\"y\"}"))).reason())
                .startsWith("tags.1x is not a Prometheus label name")
                .endsWith("workload.maxContextLength = 620 cannot be profiled: max context"
                        + " length 620 is too small for prefill granularity 16: the ISL step (max_ctx − 612) // 16 is"
                        + " 0; it needs at least 628");
        assertThat(parser.parse(job.formatted(628, "")).workload()).isInstanceOf(JobWorkload.PlannerProfile.class);
    }

    @Test
    void withoutACapacityTheJobPlansItsPrefillPointsOnly() {
        PlannerProfilePlan plan = PlannerProfilePlan.of(WORKLOAD);

        assertThat(plan.resolved()).isFalse();
        assertThat(plan.points()).extracting(PlannerPoint::label).containsExactly("aiperf_isl100", "aiperf_isl347",
                "aiperf_isl594", "aiperf_isl841");
        assertThat(plan.sweepPlan().points()).hasSize(4);
        // a capacity the job names that holds no decode request waits for the server's, which wins when it runs
        var tooSmall = new JobWorkload.PlannerProfile(1600, 4, 2, 40, 2, 1, 100L, 100);
        assertThat(PlannerProfilePlan.of(tooSmall).points()).hasSize(4);
        assertThat(PlannerProfilePlan.of(tooSmall).resolve(told(4096L), ENDPOINTS).points()).hasSize(8);
    }

    @Test
    void theServersCapacityWinsOverTheJobsAndPlansTheDecodePoints() {
        var named = new JobWorkload.PlannerProfile(1600, 4, 2, 40, 2, 1, 300L, 100);

        PlannerProfilePlan fromServer = PlannerProfilePlan.of(named).resolve(told(4096L), ENDPOINTS);
        PlannerProfilePlan fromJob = PlannerProfilePlan.of(named).resolve(told(null), ENDPOINTS);

        assertThat(fromServer.maxKvTokens()).isEqualTo(4096);
        assertThat(fromServer.maxKvTokensSource()).isEqualTo("server");
        assertThat(fromServer.points()).extracting(PlannerPoint::label).endsWith("aiperf_isl100_osl40_n1",
                "aiperf_isl100_osl40_n29", "aiperf_isl880_osl40_n1", "aiperf_isl880_osl40_n4");
        assertThat(fromServer.points().get(5).runs()).isEqualTo(2);
        // 300 // 140 = 2 requests at ISL 100; none of 920 tokens at ISL 880, where the sweep stops
        assertThat(fromJob.maxKvTokensSource()).isEqualTo("job");
        assertThat(fromJob.points()).extracting(PlannerPoint::label).endsWith("aiperf_isl100_osl40_n1",
                "aiperf_isl100_osl40_n2");
        assertThat(fromJob.inputsJson()).containsEntry("max_kv_tokens", 300L).containsEntry("gpus_per_engine", 2);
    }

    @Test
    void withNeitherCapacityTheJobCannotRunAndSaysWhy() {
        assertThat(catchThrowableOfType(InvalidJobException.class,
                () -> PlannerProfilePlan.of(WORKLOAD).resolve(told(null), ENDPOINTS)).reason())
                .isEqualTo("max_kv_tokens is unknown, so the decode points cannot be planned: the target's metrics"
                        + " (http://engine:8000/metrics) tell no KV capacity (vLLM cache_config_info, SGLang"
                        + " max_total_num_tokens, Dynamo model_total_kv_blocks × model_kv_cache_block_size), and the"
                        + " job names none (workload.maxKvTokens)");
        assertThat(catchThrowableOfType(InvalidJobException.class, () -> PlannerProfilePlan.of(WORKLOAD)
                .resolve(new ServerProbe(null, Map.of("http://engine:8000/metrics", "connection refused")), ENDPOINTS))
                .reason()).contains("the target's metrics did not answer (http://engine:8000/metrics: connection"
                        + " refused)");
        assertThat(catchThrowableOfType(InvalidJobException.class,
                () -> PlannerProfilePlan.of(WORKLOAD).resolve(new ServerProbe(null, Map.of()), List.of())).reason())
                .contains("the job scrapes no server metrics (target.serverMetrics is false)");
        // a cache that holds no decode request of ISL 100
        assertThat(catchThrowableOfType(InvalidJobException.class,
                () -> PlannerProfilePlan.of(WORKLOAD).resolve(told(139L), ENDPOINTS)).reason())
                .startsWith("max_kv_tokens = 139 (from the server) cannot be profiled: max KV tokens 139 hold no"
                        + " decode request");
    }

    @Test
    void aResolvedPlanIsHeldToTheServicesCeilings() {
        PlannerProfilePlan plan = PlannerProfilePlan.of(WORKLOAD).resolve(told(4096L), ENDPOINTS);
        var tight = new JobLimits(16, 7, 2, 100, 200_000, 32_768, Duration.ofHours(1));

        assertThat(catchThrowableOfType(InvalidJobException.class, () -> plan.checkLimits(tight)).violations())
                .containsExactly(
                        "the profile has 8 points, more than the maximum 7 (perfsweep.limits.max-levels)",
                        "the profile runs up to 29 requests in flight, more than the maximum 16"
                                + " (perfsweep.limits.max-concurrency)",
                        "the profile sends up to 29 requests at one point, more than the maximum 2"
                                + " (perfsweep.limits.max-request-count)",
                        // prefill 4 × (1 + 3); decode twice each: (1 + 3) + (29 + 3) + (1 + 3) + (4 + 3)
                        "the profile sends 110 requests in total (priming runs and warm-up included), more than the"
                                + " maximum 100 (perfsweep.limits.max-total-requests)");
        plan.checkLimits(JobLimits.DEFAULTS);
    }

    @Test
    void distortedPointsAreLeftOutWhileEnoughExactOnesRemainElseKeptAndNamed() {
        PlannerProfilePlan plan = PlannerProfilePlan.of(WORKLOAD).resolve(told(4096L), ENDPOINTS);
        List<PointSummary> summaries = new ArrayList<>();
        // prefill: one distorted of four, three exact remain; decode: every one distorted
        summaries.add(summary(40, 2, false));
        summaries.add(summary(50, 2, true));
        summaries.add(summary(60, 2, false));
        summaries.add(summary(70, 2, false));
        for (int i = 0; i < 4; i++) {
            summaries.add(summary(30, 5 + i, true));
        }

        PlannerProfileOutcome outcome = PlannerProfileOutcome.of(plan, summaries);

        assertThat(outcome.files().prefillIsl()).containsExactly(100L, 594L, 841L);
        assertThat(outcome.files().prefillThptPerGpu()).containsExactly(100 / 40.0 / 2 * 1000, 594 / 60.0 / 2 * 1000,
                841 / 70.0 / 2 * 1000);
        assertThat(outcome.excludedPoints()).containsExactly(
                Map.entry("aiperf_isl347", "the client's own timing was distorted"));
        assertThat(outcome.files().zItl()).containsExactly(5.0, 6.0, 7.0, 8.0);
        assertThat(outcome.files().xKvUsage()).containsExactly(120.0 / 4096, 120.0 * 29 / 4096, 900.0 / 4096,
                900.0 * 4 / 4096);
        assertThat(outcome.distortedPoints()).containsExactly("aiperf_isl100_osl40_n1", "aiperf_isl100_osl40_n29",
                "aiperf_isl880_osl40_n1", "aiperf_isl880_osl40_n4");
        assertThat(outcome.plannerBlock().excludedPoints()).containsExactly("aiperf_isl347");
        assertThat(outcome.summary(plan, "j1")).containsEntry("prefill_points", 3).containsEntry("decode_points", 4)
                .containsEntry("download", "/api/jobs/j1/planner-profile");
    }

    @Test
    void tooFewPointsWithValuesNameThoseLeftOut() {
        PlannerProfilePlan plan = PlannerProfilePlan.of(WORKLOAD).resolve(told(4096L), ENDPOINTS);
        List<PointSummary> summaries = new ArrayList<>();
        summaries.add(summary(40, 2, false));
        summaries.add(failed());
        summaries.add(failed());
        summaries.add(summary(70, 2, false));
        for (int i = 0; i < 4; i++) {
            summaries.add(summary(30, 5, false));
        }

        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> PlannerProfileOutcome.of(plan, summaries)).getMessage())
                .isEqualTo("the planner's files cannot be written: the planner interpolates prefill from at least 3"
                        + " points, got 2; left out: {aiperf_isl347=no request succeeded ({}),"
                        + " aiperf_isl594=no request succeeded ({})}");
    }

    private static PointSummary summary(double ttftMs, double itlMs, boolean distorted) {
        Map<MetricTag, MetricStats> metrics = new EnumMap<>(MetricTag.class);
        metrics.put(MetricTag.TIME_TO_FIRST_TOKEN, MetricStats.of(new double[] { ttftMs }).orElseThrow());
        metrics.put(MetricTag.INTER_TOKEN_LATENCY, MetricStats.of(new double[] { itlMs }).orElseThrow());
        Map<MetricTag, Double> aggregates = new EnumMap<>(MetricTag.class);
        aggregates.put(MetricTag.OUTPUT_TOKEN_THROUGHPUT, 400.0);
        aggregates.put(MetricTag.REQUEST_COUNT, 1.0);
        ClientHealth health = ClientHealth.fromJson(Map.of("verdict", distorted ? "distorted" : "ok", "reasons",
                distorted ? List.of("event loops stalled") : List.of(), "event_loop_stall_ms", Map.of(),
                "gc_pause_ms", Map.of()));
        return new PointSummary(metrics, aggregates, List.of(), OptionalLong.empty(), OptionalLong.empty(), health);
    }

    private static PointSummary failed() {
        return new PointSummary(Map.of(), Map.of(), List.of(), OptionalLong.empty(), OptionalLong.empty());
    }
}
