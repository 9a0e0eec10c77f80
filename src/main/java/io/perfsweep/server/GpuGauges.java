package io.perfsweep.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one scrape of a DCGM exporter says right now, for live gauges: the power drawn (W) and the framebuffer memory
 * used (bytes) summed over its GPUs, and their utilisation summed (%, divide by {@code utilizationGpus} for the mean).
 * A GPU is a {@code gpu}/{@code UUID} label pair, counted once however many label sets its series carry (as
 * {@link GpuTelemetry} counts them); a figure the exporter does not expose is {@code null}.
 *
 * @param utilizationGpus the GPUs that reported their utilisation
 */
public record GpuGauges(Double powerW, Double utilizationSum, int utilizationGpus, Double memoryUsedBytes) {

    private static final double BYTES_PER_MIB = 1_048_576.0;

    /** The gauges of {@code scrape}, or empty when it has no DCGM GPU figure. */
    public static Optional<GpuGauges> of(Scrape scrape) {
        Map<String, Double> power = perGpu(scrape, GpuReader.POWER);
        Map<String, Double> utilization = perGpu(scrape, GpuReader.UTILIZATION);
        Map<String, Double> memory = perGpu(scrape, GpuReader.MEMORY_USED);
        if (power.isEmpty() && utilization.isEmpty() && memory.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new GpuGauges(sum(power, 1), sum(utilization, 1), utilization.size(),
                sum(memory, BYTES_PER_MIB)));
    }

    /** Whether {@code scrape} comes from a DCGM exporter (it has one of the GPU figures or the energy counter). */
    static boolean isDcgm(Scrape scrape) {
        return List.of(GpuReader.POWER, GpuReader.UTILIZATION, GpuReader.MEMORY_USED, GpuReader.ENERGY).stream()
                .anyMatch(name -> scrape.metrics().family(name).isPresent());
    }

    private static Map<String, Double> perGpu(Scrape scrape, String name) {
        Map<String, Double> byGpu = new LinkedHashMap<>();
        scrape.metrics().family(name).ifPresent(family -> family.samples().forEach(sample -> byGpu.put(
                sample.labels().getOrDefault("gpu", "") + "/" + sample.labels().getOrDefault("UUID", ""),
                sample.value())));
        return byGpu;
    }

    private static Double sum(Map<String, Double> byGpu, double scale) {
        return byGpu.isEmpty() ? null : scale * byGpu.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
