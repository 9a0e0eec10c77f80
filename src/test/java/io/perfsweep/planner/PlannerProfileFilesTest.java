package io.perfsweep.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class PlannerProfileFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** 2 GPUs, no attention DP, 100000 KV tokens. */
    private static final ProfileInputs INPUTS = new ProfileInputs(8192, 16, 6, 500, 2, 1, 100_000);

    /** isl / ttft / gpus × 1000: 1000 / 50 / 2 × 1000 = 10000; 2000 / 80 / 2 × 1000 = 12500; 4000 / 200 / 2 × 1000 = 10000. */
    private static final List<PrefillResult> PREFILL = List.of(PrefillResult.of(1000, 5, 50),
            PrefillResult.of(2000, 5, 80), PrefillResult.of(4000, 5, 200));

    /**
     * (isl + osl/2)·n / max_kv: (1000 + 250)·10 / 100000 = 0.125, (3000 + 250)·4 / 100000 = 0.13; z_thpt = thpt / 2:
     * 400, 150.
     */
    private static final List<DecodeResult> DECODE = List.of(new DecodeResult(1000, 500, 10, 12.5, 800),
            new DecodeResult(3000, 500, 4, 20.0, 300));

    @Test
    void prefillValuesFollowTheFormula() {
        var files = PlannerProfileFiles.of(INPUTS, PREFILL, DECODE);

        assertThat(files.prefillIsl()).containsExactly(1000L, 2000L, 4000L);
        assertThat(files.prefillTtft()).containsExactly(50.0, 80.0, 200.0);
        assertThat(files.prefillThptPerGpu()).containsExactly(10000.0, 12500.0, 10000.0);
    }

    @Test
    void decodeValuesFollowTheFormula() {
        var files = PlannerProfileFiles.of(INPUTS, PREFILL, DECODE);

        assertThat(files.yContextLength()).containsExactly(1250.0, 3250.0);
        assertThat(files.xKvUsage()).containsExactly(0.125, 0.13);
        assertThat(files.zItl()).containsExactly(12.5, 20.0);
        assertThat(files.zThptPerGpu()).containsExactly(400.0, 150.0);
        assertThat(files.maxKvTokens()).isEqualTo(100_000L);
    }

    /** osl/2 is true division: OSL 501 gives 1000 + 250.5 = 1250.5 and x = 1250.5 · 8 / 100000 = 0.10004. */
    @Test
    void oddOslGivesHalfTokenContext() {
        var files = PlannerProfileFiles.of(INPUTS, PREFILL, List.of(new DecodeResult(1000, 501, 8, 10, 100)));

        assertThat(files.yContextLength()).containsExactly(1250.5);
        assertThat(files.xKvUsage()).containsExactly(0.10004);
    }

    /**
     * Attention DP 4 on 4 GPUs: TTFT = (max 130 − ITL 2.5 · (5 − 1) · 3) / 4 = (130 − 30) / 4 = 25 ms; thpt = 2000 / 25
     * / 4 × 1000 × 4 = 80000.
     */
    @Test
    void attentionDpPrefillTtftSubtractsTheBurstsDecodeSteps() {
        var dpInputs = new ProfileInputs(8192, 16, 6, 500, 4, 4, 100_000);
        var point = new PrefillResult(2000, 5, 99, 130, 2.5);

        assertThat(PlannerProfileFiles.prefillTtftMs(point, 4)).isEqualTo(25.0);
        assertThat(PlannerProfileFiles.prefillTtftMs(point, 1)).as("without DP the mean counts").isEqualTo(99.0);

        var files = PlannerProfileFiles.of(dpInputs, List.of(point, point, point), DECODE);
        assertThat(files.prefillTtft()).containsOnly(25.0);
        assertThat(files.prefillThptPerGpu()).containsOnly(80000.0);
        assertThatThrownBy(() -> PlannerProfileFiles.prefillTtftMs(new PrefillResult(100, 5, 10, 20, 5), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ISL 100 must be positive");
    }

    @Test
    void jsonFilesHaveExactlyThePlannersKeys() throws Exception {
        var files = PlannerProfileFiles.of(INPUTS, PREFILL, DECODE);

        JsonNode prefill = JSON.readTree(files.prefillJson());
        assertThat(prefill.fieldNames()).toIterable().containsExactly("prefill_isl", "prefill_ttft",
                "prefill_thpt_per_gpu");
        assertThat(prefill.get("prefill_isl").get(0).isIntegralNumber()).isTrue();
        assertThat(prefill.get("prefill_thpt_per_gpu").get(1).asDouble()).isEqualTo(12500.0);

        JsonNode decode = JSON.readTree(files.decodeJson());
        assertThat(decode.fieldNames()).toIterable().containsExactly("x_kv_usage", "y_context_length", "z_itl",
                "z_thpt_per_gpu", "max_kv_tokens");
        assertThat(decode.get("x_kv_usage").get(1).asDouble()).isEqualTo(0.13);
        // the planner reads int(data["max_kv_tokens"]): a number, not a list
        assertThat(decode.get("max_kv_tokens").isIntegralNumber()).isTrue();
        assertThat(decode.get("max_kv_tokens").asLong()).isEqualTo(100_000L);
    }

    @Test
    void npzFilesRoundTripThroughTheStrictReader() {
        var files = PlannerProfileFiles.of(INPUTS, PREFILL, DECODE);

        var prefill = StrictNpy.readNpz(files.prefillNpz());
        assertThat(prefill.keySet()).containsExactly("prefill_isl", "prefill_ttft", "prefill_thpt_per_gpu");
        assertThat(prefill.get("prefill_isl").descr()).isEqualTo("<i8");
        assertThat(prefill.get("prefill_isl").longs()).containsExactly(1000, 2000, 4000);
        assertThat(prefill.get("prefill_ttft").doubles()).containsExactly(50.0, 80.0, 200.0);
        assertThat(prefill.get("prefill_thpt_per_gpu").doubles()).containsExactly(10000.0, 12500.0, 10000.0);

        var decode = StrictNpy.readNpz(files.decodeNpz());
        assertThat(decode.keySet()).containsExactly("x_kv_usage", "y_context_length", "z_itl", "z_thpt_per_gpu",
                "max_kv_tokens");
        assertThat(decode.get("x_kv_usage").doubles()).containsExactly(0.125, 0.13);
        assertThat(decode.get("y_context_length").doubles()).containsExactly(1250.0, 3250.0);
        assertThat(decode.get("z_itl").doubles()).containsExactly(12.5, 20.0);
        assertThat(decode.get("z_thpt_per_gpu").doubles()).containsExactly(400.0, 150.0);
        assertThat(decode.get("max_kv_tokens").descr()).isEqualTo("<i8");
        assertThat(decode.get("max_kv_tokens").longs()).containsExactly(100_000L);
    }

    @Test
    void writesTheProfileResultsDirectory(@TempDir Path dir) throws Exception {
        var files = PlannerProfileFiles.of(INPUTS, PREFILL, DECODE);

        files.writeTo(dir);

        assertThat(Files.readString(dir.resolve("prefill_raw_data.json"), StandardCharsets.UTF_8))
                .isEqualTo(files.prefillJson());
        assertThat(Files.readString(dir.resolve("decode_raw_data.json"), StandardCharsets.UTF_8))
                .isEqualTo(files.decodeJson());
        assertThat(dir.resolve("selected_prefill_interpolation/raw_data.npz")).hasBinaryContent(files.prefillNpz());
        assertThat(dir.resolve("selected_decode_interpolation/raw_data.npz")).hasBinaryContent(files.decodeNpz());
        assertThat(files.files().keySet()).containsExactly(PlannerProfileFiles.PREFILL_JSON,
                PlannerProfileFiles.DECODE_JSON, PlannerProfileFiles.PREFILL_NPZ, PlannerProfileFiles.DECODE_NPZ);
    }

    @Test
    void tooFewOrBrokenPointsAreRefused() {
        assertThatThrownBy(() -> PlannerProfileFiles.of(INPUTS, PREFILL.subList(0, 2), DECODE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 3 points, got 2");
        assertThatThrownBy(() -> PlannerProfileFiles.of(INPUTS, PREFILL, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one decode point");
        assertThatThrownBy(() -> PlannerProfileFiles.of(INPUTS, PREFILL,
                List.of(new DecodeResult(1000, 500, 10, Double.NaN, 800))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite ITL");
        assertThatThrownBy(() -> PlannerProfileFiles.of(INPUTS,
                List.of(PrefillResult.of(1000, 5, 0), PrefillResult.of(2000, 5, 80), PrefillResult.of(4000, 5, 200)),
                DECODE)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ISL 1000");
    }
}
