package io.perfsweep.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import io.perfsweep.metrics.MetricTag;
import io.perfsweep.metrics.PointSummary;

/**
 * GPU telemetry of one point's measured window, from the DCGM exporters among its metrics endpoints (spec §3), and
 * AIPerf's power-efficiency figures from it. Every figure is {@code null} when the exporters do not expose what it
 * needs.
 * <ul>
 * <li>{@code total_gpu_energy_j} = Σ per-GPU energy ({@link GpuStats#energyJ()}); {@code null} unless every GPU seen
 * has an energy counter. Each GPU's energy is its counter's rate between the scrapes bracketing the window times the
 * window's seconds: the bracket is up to one scrape interval (333 ms) longer than the window, which AIPerf's raw
 * delta over {@code [start, end + 666 ms]} counts in; scaled, the energy belongs to the same seconds as the tokens.
 * A counter reset inside the bracket counts as 0.</li>
 * <li>{@code average_gpu_power_w} = total energy / window seconds; {@code total_gpu_power_w} = Σ per-GPU mean of
 * {@code DCGM_FI_DEV_POWER_USAGE} ({@code null} unless every GPU reports power).</li>
 * <li>{@code energy_per_output_token_mj} = energy × 1000 / output tokens; {@code output_tokens_per_joule} = output
 * tokens / energy; {@code energy_per_request_j} = energy / requests.</li>
 * <li>{@code tokens_per_sec_per_gpu_seen} = the client's output token throughput / {@code gpus_seen}. The point's
 * {@code tokensPerSecondPerGpu} keeps dividing by the deployment's GPU count: the two differ when the exporters see
 * more GPUs (a whole node) or fewer (one exporter of several) than serve the model, and neither replaces the other
 * silently.</li>
 * </ul>
 *
 * @param gpus every GPU seen, by exporter endpoint and device index
 */
public record GpuTelemetry(List<GpuStats> gpus, Double totalGpuEnergyJ, Double averageGpuPowerW,
        Double totalGpuPowerW, Double energyPerOutputTokenMj, Double outputTokensPerJoule, Double energyPerRequestJ,
        Double tokensPerSecondPerGpuSeen) {

    public GpuTelemetry {
        gpus = List.copyOf(gpus);
    }

    /**
     * What the client measured in the same window, the denominators of the efficiency figures.
     *
     * @param outputTokens Σ output sequence length of the valid requests ({@code total_osl}, reasoning tokens
     *        included, as AIPerf's {@code energy_per_output_token} counts them), or null
     * @param requests the valid requests ({@code request_count}), or null
     * @param outputTokensPerSecond the client's {@code output_token_throughput}, or null
     */
    public record Work(Double outputTokens, Double requests, Double outputTokensPerSecond) {

        /** The work of a point's summary: {@code total_osl}, {@code request_count}, {@code output_token_throughput}. */
        public static Work of(PointSummary summary) {
            return new Work(boxed(summary.aggregate(MetricTag.TOTAL_OSL)),
                    boxed(summary.aggregate(MetricTag.REQUEST_COUNT)),
                    boxed(summary.aggregate(MetricTag.OUTPUT_TOKEN_THROUGHPUT)));
        }

        private static Double boxed(OptionalDouble value) {
            return value.isPresent() ? value.getAsDouble() : null;
        }
    }

    /**
     * The telemetry of a point's capture for its summary's work, or empty when no DCGM exporter answered (the window's
     * statistics are computed only when one did).
     */
    public static Optional<GpuTelemetry> of(ServerCapture capture, PointSummary summary) {
        if (capture.scrapes().stream().noneMatch(GpuGauges::isDcgm)) {
            return Optional.empty();
        }
        return of(capture.window(), Work.of(summary));
    }

    /** The telemetry of {@code window} for {@code work}, or empty when no DCGM exporter reported a GPU. */
    public static Optional<GpuTelemetry> of(ServerMetricsWindow window, Work work) {
        List<GpuStats> gpus = new GpuReader(window).gpus();
        if (gpus.isEmpty()) {
            return Optional.empty();
        }
        Double energy = sumOfAll(gpus.stream().map(GpuStats::energyJ).toList());
        Double power = sumOfAll(gpus.stream().map(GpuStats::powerAvgW).toList());
        double seconds = window.durationSeconds();
        return Optional.of(new GpuTelemetry(gpus, energy, energy == null || seconds <= 0 ? null : energy / seconds, power,
                ratio(energy == null ? null : energy * 1000, work.outputTokens()), ratio(work.outputTokens(), energy),
                ratio(energy, work.requests()),
                work.outputTokensPerSecond() == null ? null : work.outputTokensPerSecond() / gpus.size()));
    }

    /** Distinct GPUs the exporters reported in the window. */
    public int gpusSeen() {
        return gpus.size();
    }

    private static Double sumOfAll(List<Double> values) {
        return values.contains(null) ? null : values.stream().mapToDouble(Double::doubleValue).sum();
    }

    private static Double ratio(Double numerator, Double denominator) {
        return numerator == null || denominator == null || denominator <= 0 ? null : numerator / denominator;
    }

    /** The telemetry as a JSON object with snake_case keys, the GPUs under {@code gpus}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("gpus_seen", gpusSeen());
        json.put("total_gpu_energy_j", totalGpuEnergyJ);
        json.put("average_gpu_power_w", averageGpuPowerW);
        json.put("total_gpu_power_w", totalGpuPowerW);
        json.put("energy_per_output_token_mj", energyPerOutputTokenMj);
        json.put("output_tokens_per_joule", outputTokensPerJoule);
        json.put("energy_per_request_j", energyPerRequestJ);
        json.put("tokens_per_sec_per_gpu_seen", tokensPerSecondPerGpuSeen);
        json.put("gpus", gpus.stream().map(GpuStats::toJson).toList());
        return json;
    }
}
