package io.perfsweep.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.perfsweep.planner.PlannerPoint.Stage;

class PlannerSweepsTest {

    /**
     * max_ctx 8192: {@code range(100, 7680, 7580 // 16 = 473)} = 100, 573, …, 100 + 16·473 = 7668 (< 7680): 17 ISLs,
     * one more than the granularity because 7580 is not a multiple of 16.
     */
    @Test
    void prefillIslsFollowPythonRangeFor8k() {
        var points = PlannerSweeps.prefill(ProfileInputs.defaults(8192, 100_000));

        assertThat(points).extracting(PlannerPoint::isl).containsExactly(100, 573, 1046, 1519, 1992, 2465, 2938, 3411,
                3884, 4357, 4830, 5303, 5776, 6249, 6722, 7195, 7668);
        assertThat(points).allSatisfy(point -> {
            assertThat(point.stage()).isEqualTo(Stage.PREFILL);
            assertThat(point.osl()).isEqualTo(5);
            assertThat(point.concurrency()).isEqualTo(1);
            assertThat(point.requestCount()).isEqualTo(1);
            assertThat(point.warmupRequestCount()).isEqualTo(3);
            assertThat(point.runs()).isEqualTo(1);
        });
        assertThat(points.get(1).label()).isEqualTo("aiperf_isl573");
    }

    /**
     * max_ctx 1124: {@code range(100, 612, 512 // 16 = 32)} = 100, 132, …, 580; 612 itself is excluded (16 ISLs).
     * max_ctx 4096: {@code range(100, 3584, 3484 // 16 = 217)} = 100 … 3572 (17 ISLs).
     */
    @Test
    void prefillRangeEndIsExclusive() {
        assertThat(PlannerSweeps.prefill(ProfileInputs.defaults(1124, 100_000))).extracting(PlannerPoint::isl)
                .containsExactly(100, 132, 164, 196, 228, 260, 292, 324, 356, 388, 420, 452, 484, 516, 548, 580);
        var isls4k = PlannerSweeps.prefill(ProfileInputs.defaults(4096, 100_000)).stream().map(PlannerPoint::isl)
                .toList();
        assertThat(isls4k).hasSize(17).startsWith(100, 317, 534).endsWith(3355, 3572);
    }

    /** The smallest max_ctx with a prefill sweep is 612 + 16 = 628: {@code range(100, 116, 1)} = 100 … 115. */
    @Test
    void smallestContextGivesStepOne() {
        var points = PlannerSweeps.prefill(ProfileInputs.defaults(628, 100_000));
        assertThat(points).extracting(PlannerPoint::isl).containsExactly(100, 101, 102, 103, 104, 105, 106, 107, 108,
                109, 110, 111, 112, 113, 114, 115);
    }

    /**
     * 612 leaves no ISL above 100 (the profiler's own ValueError); 613 … 627 make the step (max_ctx − 612) // 16 zero,
     * which Python's range refuses.
     */
    @Test
    void tooSmallContextIsRejectedWithTheReason() {
        assertThatThrownBy(() -> PlannerSweeps.prefill(ProfileInputs.defaults(612, 100_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max context length 612 is too small to profile prefill: the profiler keeps 512 tokens for"
                        + " the chat template and needs ISLs above 100, so at least 613");
        assertThatThrownBy(() -> PlannerSweeps.prefill(ProfileInputs.defaults(627, 100_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max context length 627 is too small for prefill granularity 16: the ISL step"
                        + " (max_ctx − 612) // 16 is 0; it needs at least 628");
        assertThatThrownBy(() -> PlannerSweeps.decode(ProfileInputs.defaults(600, 100_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too small to profile decode with OSL 500").hasMessageContaining("at least 601");
    }

    /** Attention DP 2: one burst of 2·4 = 8 requests at concurrency 8 after 2·3 = 6 warm-up requests. */
    @Test
    void attentionDpPrefillIsOneBurstPerIsl() {
        var inputs = new ProfileInputs(8192, 16, 6, 500, 2, 2, 100_000);
        assertThat(PlannerSweeps.prefill(inputs)).allSatisfy(point -> {
            assertThat(point.concurrency()).isEqualTo(8);
            assertThat(point.requestCount()).isEqualTo(8);
            assertThat(point.warmupRequestCount()).isEqualTo(6);
        });
    }

    /**
     * max_ctx 8192, OSL 500: ISLs {@code range(100, 7692, 7692 // 6 = 1282)} = 100, 1382, 2664, 3946, 5228, 6510. With
     * 20000 KV tokens {@code 20000 // (isl + 500)} = 33, 10, 6, 4, 3, 2 requests fit. Request counts: 33 ≥ 6 → step
     * 32 / 5 = 6.4, {@code 1 + int(i·6.4)} = 1, 7, 13, 20, 26, 33; 10 → step 1.8: 1, 2, 4, 6, 8, 10; 6 → step 1.0: 1 … 6;
     * 4, 3, 2 (< 6) → {@code range(1, c + 1)}.
     */
    @Test
    void decodePointsFollowTheProfiler() {
        var points = PlannerSweeps.decode(ProfileInputs.defaults(8192, 20_000));

        assertThat(points).extracting(PlannerPoint::isl, PlannerPoint::requestCount).containsExactly(
                tuple(100, 1), tuple(100, 7), tuple(100, 13), tuple(100, 20), tuple(100, 26), tuple(100, 33),
                tuple(1382, 1), tuple(1382, 2), tuple(1382, 4), tuple(1382, 6), tuple(1382, 8), tuple(1382, 10),
                tuple(2664, 1), tuple(2664, 2), tuple(2664, 3), tuple(2664, 4), tuple(2664, 5), tuple(2664, 6),
                tuple(3946, 1), tuple(3946, 2), tuple(3946, 3), tuple(3946, 4),
                tuple(5228, 1), tuple(5228, 2), tuple(5228, 3),
                tuple(6510, 1), tuple(6510, 2));
        assertThat(points).allSatisfy(point -> {
            assertThat(point.stage()).isEqualTo(Stage.DECODE);
            assertThat(point.osl()).isEqualTo(500);
            assertThat(point.concurrency()).isEqualTo(point.requestCount());
            assertThat(point.warmupRequestCount()).isEqualTo(3);
            assertThat(point.runs()).isEqualTo(2);
        });
        assertThat(points.get(5).label()).isEqualTo("aiperf_isl100_osl500_n33");
    }

    /** 3000 KV tokens: 3000 // 600 = 5 → 1 … 5; 3000 // 1882 = 1 → 1; 3000 // 3164 = 0 → the sweep stops. */
    @Test
    void decodeStopsAtTheFirstIslThatDoesNotFit() {
        var points = PlannerSweeps.decode(ProfileInputs.defaults(8192, 3000));
        assertThat(points).extracting(PlannerPoint::isl, PlannerPoint::requestCount).containsExactly(tuple(100, 1),
                tuple(100, 2), tuple(100, 3), tuple(100, 4), tuple(100, 5), tuple(1382, 1));
        assertThatThrownBy(() -> PlannerSweeps.decode(ProfileInputs.defaults(8192, 599)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max KV tokens 599 hold no decode request of 100 + 500 tokens");
    }

    /**
     * 10,000,000 KV tokens at ISL 100: 16666 fit, capped at 2000; step 1999 / 5 = 399.8:
     * {@code 1 + int(i·399.8)} = 1, 400, 800, 1200, 1600, 2000.
     */
    @Test
    void requestCountsAreCappedAt2000() {
        assertThat(PlannerSweeps.requestCounts(1, 16_666, 6)).containsExactly(1, 400, 800, 1200, 1600, 2000);
    }

    /**
     * Attention DP 2: 33 fit → 16 per rank ≥ 6, step 15·2 / 5 = 6.0, {@code 2 + int(i·6.0)·2} = 2, 14, 26, 38, 50, 62 —
     * the profiler multiplies by dp twice, so the last counts exceed the 33 that fit; kept as it is. 10 fit → 5 per
     * rank < 6 → {@code range(2, 11, 2)}; 1 fits → 0 per rank → none.
     */
    @Test
    void attentionDpRequestCountsAreMultiplesOfTheRanks() {
        assertThat(PlannerSweeps.requestCounts(2, 33, 6)).containsExactly(2, 14, 26, 38, 50, 62);
        assertThat(PlannerSweeps.requestCounts(2, 10, 6)).containsExactly(2, 4, 6, 8, 10);
        assertThat(PlannerSweeps.requestCounts(2, 1, 6)).isEmpty();
    }

    @Test
    void pythonRangeExcludesTheEndAndRefusesAZeroStep() {
        assertThat(PlannerSweeps.range(100, 116, 8)).containsExactly(100, 108);
        assertThat(PlannerSweeps.range(100, 100, 1)).isEmpty();
        assertThat(PlannerSweeps.range(2, 11, 2)).containsExactly(2, 4, 6, 8, 10);
        assertThatThrownBy(() -> PlannerSweeps.range(100, 200, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allIsPrefillThenDecode() {
        var inputs = ProfileInputs.defaults(8192, 20_000);
        List<PlannerPoint> all = PlannerSweeps.all(inputs);
        assertThat(all).hasSize(17 + 27);
        assertThat(all.subList(0, 17)).extracting(PlannerPoint::stage).containsOnly(Stage.PREFILL);
        assertThat(all.subList(17, all.size())).extracting(PlannerPoint::stage).containsOnly(Stage.DECODE);
    }

    @Test
    void inputsAreChecked() {
        assertThatThrownBy(() -> new ProfileInputs(8192, 16, 1, 500, 1, 1, 1000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decodeGranularity must be at least 2");
        assertThatThrownBy(() -> new ProfileInputs(8192, 16, 6, 500, 1, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxKvTokens");
        assertThatThrownBy(() -> new ProfileInputs(8192, 16, 6, 500, 0, 1, 1000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gpusPerEngine");
    }
}
