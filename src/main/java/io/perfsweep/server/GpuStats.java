package io.perfsweep.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One GPU over a point's measured window, from a DCGM exporter's gauges and energy counter (spec §3.2). A GPU is an
 * exporter endpoint and its {@code gpu} and {@code UUID} labels; a figure the exporter does not expose is
 * {@code null}.
 *
 * @param endpointUrl the exporter that reported the GPU
 * @param index the {@code gpu} label (the exporter's device index)
 * @param uuid the {@code UUID} label
 * @param name the {@code modelName} label, e.g. {@code NVIDIA H100 80GB HBM3}
 * @param hostname the {@code Hostname} label
 * @param powerAvgW mean of {@code DCGM_FI_DEV_POWER_USAGE} over the window's samples, W; likewise its max
 * @param utilizationAvgPct mean of {@code DCGM_FI_DEV_GPU_UTIL}, %
 * @param memoryUsedAvgGb mean of {@code DCGM_FI_DEV_FB_USED} in GB as AIPerf converts it (MiB × 1.048576e-3);
 *        likewise its max
 * @param temperatureMaxC max of {@code DCGM_FI_DEV_GPU_TEMP}, °C
 * @param energyJ energy the GPU used in the window, J: the rate of {@code DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION} (mJ)
 *        between the scrapes that bracket the window, times the window's length (see {@link GpuTelemetry}); null
 *        without the counter or with a single sample of it
 */
public record GpuStats(String endpointUrl, String index, String uuid, String name, String hostname, Double powerAvgW,
        Double powerMaxW, Double utilizationAvgPct, Double memoryUsedAvgGb, Double memoryUsedMaxGb,
        Double temperatureMaxC, Double energyJ) {

    /** AIPerf's MiB → GB factor for framebuffer memory (1 MiB = 1.048576 MB). */
    public static final double GB_PER_MIB = 1.048576e-3;

    /** The GPU as a JSON object with snake_case keys; absent figures are {@code null}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("endpoint_url", endpointUrl);
        json.put("gpu_index", index);
        json.put("gpu_uuid", uuid);
        json.put("gpu_name", name);
        json.put("hostname", hostname);
        json.put("power_avg_w", powerAvgW);
        json.put("power_max_w", powerMaxW);
        json.put("utilization_avg_pct", utilizationAvgPct);
        json.put("memory_used_avg_gb", memoryUsedAvgGb);
        json.put("memory_used_max_gb", memoryUsedMaxGb);
        json.put("temperature_max_c", temperatureMaxC);
        json.put("energy_j", energyJ);
        return json;
    }
}
