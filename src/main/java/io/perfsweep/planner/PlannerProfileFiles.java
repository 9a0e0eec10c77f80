package io.perfsweep.planner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The profiling data Dynamo's planner reads, from measured points, drop-in for its {@code --profile-results-dir}
 * (formulas and keys: spec/anchors.md §6.2; readers: {@code planner/monitoring/perf_metrics.py},
 * {@code perf_interpolation.py}):
 * <ul>
 * <li>{@code prefill_isl}, {@code prefill_ttft} (ms), {@code prefill_thpt_per_gpu} =
 * {@code isl / ttft_ms / num_gpus × 1000 × attention_dp_size};</li>
 * <li>{@code x_kv_usage} = {@code (isl + osl/2) · num_request / max_kv_tokens}, {@code y_context_length} =
 * {@code isl + osl/2}, {@code z_itl} (ms), {@code z_thpt_per_gpu} = {@code output_token_throughput.avg / num_gpus},
 * {@code max_kv_tokens}.</li>
 * </ul>
 * Each set is written twice: as JSON ({@value #PREFILL_JSON}, {@value #DECODE_JSON}; {@code max_kv_tokens} a number,
 * since the planner reads it with {@code int(data["max_kv_tokens"])}) and as NPZ ({@value #PREFILL_NPZ},
 * {@value #DECODE_NPZ}; {@code max_kv_tokens} a one-element array, read as {@code raw_data["max_kv_tokens"][0]}). The
 * NPZ dtypes are the profiler's: {@code int64} for {@code prefill_isl} and {@code max_kv_tokens} (NumPy's type for a
 * list of Python ints), {@code float64} for the rest.
 *
 * @param prefillIsl {@code prefill_isl}, tokens
 * @param prefillTtft {@code prefill_ttft}, ms
 * @param prefillThptPerGpu {@code prefill_thpt_per_gpu}, tokens/s/GPU
 * @param xKvUsage {@code x_kv_usage}, fraction of the KV cache
 * @param yContextLength {@code y_context_length}, tokens
 * @param zItl {@code z_itl}, ms
 * @param zThptPerGpu {@code z_thpt_per_gpu}, tokens/s/GPU
 * @param maxKvTokens {@code max_kv_tokens}, tokens
 */
public record PlannerProfileFiles(List<Long> prefillIsl, List<Double> prefillTtft, List<Double> prefillThptPerGpu,
        List<Double> xKvUsage, List<Double> yContextLength, List<Double> zItl, List<Double> zThptPerGpu,
        long maxKvTokens) {

    /** The prefill data as JSON. */
    public static final String PREFILL_JSON = "prefill_raw_data.json";
    /** The decode data as JSON. */
    public static final String DECODE_JSON = "decode_raw_data.json";
    /** The prefill data as NPZ, the file the planner tries first. */
    public static final String PREFILL_NPZ = "selected_prefill_interpolation/raw_data.npz";
    /** The decode data as NPZ, the file the planner tries first. */
    public static final String DECODE_NPZ = "selected_decode_interpolation/raw_data.npz";
    /** The profiler interpolates prefill only from more than two points, and writes no file otherwise. */
    public static final int MIN_PREFILL_POINTS = 3;

    public PlannerProfileFiles {
        prefillIsl = List.copyOf(prefillIsl);
        prefillTtft = List.copyOf(prefillTtft);
        prefillThptPerGpu = List.copyOf(prefillThptPerGpu);
        xKvUsage = List.copyOf(xKvUsage);
        yContextLength = List.copyOf(yContextLength);
        zItl = List.copyOf(zItl);
        zThptPerGpu = List.copyOf(zThptPerGpu);
        if (prefillIsl.size() != prefillTtft.size() || prefillIsl.size() != prefillThptPerGpu.size()) {
            throw new IllegalArgumentException("prefill arrays differ in length");
        }
        int decode = xKvUsage.size();
        if (yContextLength.size() != decode || zItl.size() != decode || zThptPerGpu.size() != decode) {
            throw new IllegalArgumentException("decode arrays differ in length");
        }
        for (List<Double> values : List.of(prefillTtft, prefillThptPerGpu, xKvUsage, yContextLength, zItl,
                zThptPerGpu)) {
            if (!values.stream().allMatch(Double::isFinite)) {
                throw new IllegalArgumentException("the planner's arrays hold finite numbers only, got " + values);
            }
        }
        if (maxKvTokens < 1) {
            throw new IllegalArgumentException("maxKvTokens must be at least 1, was " + maxKvTokens);
        }
    }

    /**
     * The files of one engine's profile.
     *
     * @param inputs the engine's GPU count, attention-DP size and KV capacity
     * @param prefill the measured prefill points, in sweep order; at least {@value #MIN_PREFILL_POINTS}
     * @param decode the measured decode points, in sweep order; at least one
     */
    public static PlannerProfileFiles of(ProfileInputs inputs, List<PrefillResult> prefill, List<DecodeResult> decode) {
        if (prefill.size() < MIN_PREFILL_POINTS) {
            throw new IllegalArgumentException("the planner interpolates prefill from at least " + MIN_PREFILL_POINTS
                    + " points, got " + prefill.size());
        }
        if (decode.isEmpty()) {
            throw new IllegalArgumentException("the planner needs at least one decode point");
        }
        int gpus = inputs.gpusPerEngine();
        int dp = inputs.attentionDp();
        var isl = new ArrayList<Long>();
        var ttft = new ArrayList<Double>();
        var prefillThpt = new ArrayList<Double>();
        for (PrefillResult point : prefill) {
            double ttftMs = prefillTtftMs(point, dp);
            isl.add((long) point.isl());
            ttft.add(ttftMs);
            prefillThpt.add(point.isl() / ttftMs / gpus * 1000 * dp);
        }
        long maxKv = inputs.maxKvTokens();
        var kvUsage = new ArrayList<Double>();
        var context = new ArrayList<Double>();
        var itl = new ArrayList<Double>();
        var decodeThpt = new ArrayList<Double>();
        for (DecodeResult point : decode) {
            check(point);
            double contextLength = point.isl() + point.osl() / 2.0;
            kvUsage.add(contextLength * point.requestCount() / maxKv);
            context.add(contextLength);
            itl.add(point.itlAvgMs());
            decodeThpt.add(point.outputTokenThroughput() / gpus);
        }
        return new PlannerProfileFiles(isl, ttft, prefillThpt, kvUsage, context, itl, decodeThpt, maxKv);
    }

    /**
     * The prefill TTFT of a point, ms: {@code time_to_first_token.avg}; with attention DP {@code d > 1}, where the
     * point was one burst of {@code 4d} requests, the last of four prefill waves less the decode steps between them:
     * {@code (ttft_max − itl_avg · (osl − 1) · 3) / 4} ({@code get_prefill_ttft}).
     *
     * @throws IllegalArgumentException when the TTFT is not positive and finite
     */
    public static double prefillTtftMs(PrefillResult point, int attentionDp) {
        int waves = PlannerSweeps.ATTENTION_DP_REQUESTS_PER_RANK;
        double ttft = attentionDp > 1
                ? (point.ttftMaxMs() - point.itlAvgMs() * (point.osl() - 1) * (waves - 1)) / waves
                : point.ttftAvgMs();
        if (!(ttft > 0) || Double.isInfinite(ttft)) {
            throw new IllegalArgumentException("prefill TTFT at ISL " + point.isl() + " must be positive and finite, was "
                    + ttft + " ms" + (attentionDp > 1 ? " (max TTFT less the decode steps of the burst)" : ""));
        }
        return ttft;
    }

    /** {@value #PREFILL_JSON}. */
    public String prefillJson() {
        return "{\"prefill_isl\": " + json(prefillIsl) + ", \"prefill_ttft\": " + json(prefillTtft)
                + ", \"prefill_thpt_per_gpu\": " + json(prefillThptPerGpu) + "}\n";
    }

    /** {@value #DECODE_JSON}. */
    public String decodeJson() {
        return "{\"x_kv_usage\": " + json(xKvUsage) + ", \"y_context_length\": " + json(yContextLength)
                + ", \"z_itl\": " + json(zItl) + ", \"z_thpt_per_gpu\": " + json(zThptPerGpu) + ", \"max_kv_tokens\": "
                + maxKvTokens + "}\n";
    }

    /** {@value #PREFILL_NPZ}: {@code prefill_isl}, {@code prefill_ttft}, {@code prefill_thpt_per_gpu}. */
    public byte[] prefillNpz() {
        var arrays = new LinkedHashMap<String, byte[]>();
        arrays.put("prefill_isl", Npy.int64(prefillIsl.stream().mapToLong(Long::longValue).toArray()));
        arrays.put("prefill_ttft", Npy.float64(doubles(prefillTtft)));
        arrays.put("prefill_thpt_per_gpu", Npy.float64(doubles(prefillThptPerGpu)));
        return Npz.of(arrays);
    }

    /**
     * {@value #DECODE_NPZ}: {@code x_kv_usage}, {@code y_context_length}, {@code z_itl}, {@code z_thpt_per_gpu},
     * {@code max_kv_tokens}.
     */
    public byte[] decodeNpz() {
        var arrays = new LinkedHashMap<String, byte[]>();
        arrays.put("x_kv_usage", Npy.float64(doubles(xKvUsage)));
        arrays.put("y_context_length", Npy.float64(doubles(yContextLength)));
        arrays.put("z_itl", Npy.float64(doubles(zItl)));
        arrays.put("z_thpt_per_gpu", Npy.float64(doubles(zThptPerGpu)));
        arrays.put("max_kv_tokens", Npy.int64(maxKvTokens));
        return Npz.of(arrays);
    }

    /** The four files by their path inside a profile results directory, JSON first. */
    public Map<String, byte[]> files() {
        var files = new LinkedHashMap<String, byte[]>();
        files.put(PREFILL_JSON, prefillJson().getBytes(StandardCharsets.UTF_8));
        files.put(DECODE_JSON, decodeJson().getBytes(StandardCharsets.UTF_8));
        files.put(PREFILL_NPZ, prefillNpz());
        files.put(DECODE_NPZ, decodeNpz());
        return files;
    }

    /** Writes {@link #files()} under {@code directory}, creating it and the two interpolation directories. */
    public void writeTo(Path directory) throws IOException {
        for (Map.Entry<String, byte[]> file : files().entrySet()) {
            Path path = directory.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }
    }

    private static void check(DecodeResult point) {
        if (point.isl() < 1 || point.osl() < 1 || point.requestCount() < 1) {
            throw new IllegalArgumentException("not a decode point: isl " + point.isl() + " osl " + point.osl()
                    + " requests " + point.requestCount());
        }
        if (!Double.isFinite(point.itlAvgMs()) || point.itlAvgMs() < 0
                || !Double.isFinite(point.outputTokenThroughput()) || point.outputTokenThroughput() < 0) {
            throw new IllegalArgumentException("decode point " + point.isl() + "/" + point.requestCount()
                    + " needs a finite ITL and throughput, was " + point.itlAvgMs() + " ms and "
                    + point.outputTokenThroughput() + " tokens/s");
        }
    }

    private static String json(List<? extends Number> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }

    private static double[] doubles(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
