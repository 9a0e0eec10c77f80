package io.perfsweep.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.perfsweep.server.WindowStatistics.Point;

/**
 * Reads each GPU's figures ({@link GpuStats}) out of a window's DCGM exporter scrapes. A series belongs to a GPU by
 * its endpoint and its {@code gpu} and {@code UUID} labels; a series with neither label is not a GPU's and is
 * ignored. A GPU exposed under several label sets (pod labels that change, MIG instances that repeat the device's
 * figures) counts once: its gauges pool the samples of all its series, and its energy counter's samples, all of the
 * one device's counter, are read as one series.
 */
final class GpuReader {

    static final String POWER = "DCGM_FI_DEV_POWER_USAGE";
    static final String UTILIZATION = "DCGM_FI_DEV_GPU_UTIL";
    static final String MEMORY_USED = "DCGM_FI_DEV_FB_USED";
    static final String TEMPERATURE = "DCGM_FI_DEV_GPU_TEMP";
    static final String ENERGY = "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION";
    private static final List<String> GAUGES = List.of(POWER, UTILIZATION, MEMORY_USED, TEMPERATURE);

    private record GpuKey(String endpointUrl, String index, String uuid) {
    }

    /** One GPU's samples: its gauges' values inside the window, its energy counter's samples in time order. */
    private static final class Samples {
        private String name;
        private String hostname;
        private final Map<String, List<Double>> gauges = new HashMap<>();
        private final List<Point> energy = new ArrayList<>();
    }

    private final ServerMetricsWindow window;
    private final WindowStatistics statistics;

    GpuReader(ServerMetricsWindow window) {
        this.window = window;
        this.statistics = new WindowStatistics(window.windowStartNanos(), window.windowEndNanos());
    }

    /**
     * Every GPU with a gauge sample in the window or an energy counter bracketing it, by endpoint (in the window's
     * order) and device index.
     */
    List<GpuStats> gpus() {
        Map<GpuKey, Samples> byGpu = new LinkedHashMap<>();
        for (String url : window.endpoints()) {
            for (Scrape scrape : window.scrapes(url)) {
                boolean inWindow = scrape.timestampNanos() >= window.windowStartNanos()
                        && scrape.timestampNanos() <= window.windowEndNanos();
                for (String gauge : GAUGES) {
                    if (inWindow) {
                        forEachGpuSample(byGpu, scrape, gauge, (samples, sample) -> samples.gauges
                                .computeIfAbsent(gauge, g -> new ArrayList<>()).add(sample.value()));
                    }
                }
                forEachGpuSample(byGpu, scrape, ENERGY,
                        (samples, sample) -> samples.energy.add(new Point(scrape.timestampNanos(), sample.value())));
            }
        }
        List<GpuStats> gpus = new ArrayList<>();
        byGpu.forEach((key, samples) -> {
            Double energyJ = energyJoules(samples);
            if (!samples.gauges.isEmpty() || energyJ != null) {
                gpus.add(stats(key, samples, energyJ));
            }
        });
        List<String> endpoints = window.endpoints();
        gpus.sort(Comparator.comparingInt((GpuStats gpu) -> endpoints.indexOf(gpu.endpointUrl()))
                .thenComparingLong(gpu -> deviceIndex(gpu.index()))
                .thenComparing(GpuStats::uuid, Comparator.nullsFirst(Comparator.naturalOrder())));
        return gpus;
    }

    private static long deviceIndex(String label) {
        try {
            return label == null ? Long.MAX_VALUE : Long.parseLong(label.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private interface SampleSink {
        void accept(Samples samples, Sample sample);
    }

    private static void forEachGpuSample(Map<GpuKey, Samples> byGpu, Scrape scrape, String family, SampleSink sink) {
        scrape.metrics().family(family).ifPresent(f -> {
            for (Sample sample : f.samples()) {
                String index = sample.labels().get("gpu");
                String uuid = sample.labels().get("UUID");
                if ((index == null && uuid == null) || !Double.isFinite(sample.value())) {
                    continue;
                }
                Samples samples = byGpu.computeIfAbsent(new GpuKey(scrape.endpointUrl(), index, uuid),
                        k -> new Samples());
                samples.name = sample.labels().getOrDefault("modelName", samples.name);
                samples.hostname = sample.labels().getOrDefault("Hostname", samples.hostname);
                sink.accept(samples, sample);
            }
        });
    }

    /**
     * The counter's rate between the scrapes that bracket the window (mJ/s, a reset clamped to 0) times the window's
     * seconds, in J; {@code null} without a bracket of positive length.
     */
    private Double energyJoules(Samples samples) {
        Point[] bracket = statistics.counterBracket(samples.energy);
        if (bracket == null || bracket[1].nanos() <= bracket[0].nanos()) {
            return null;
        }
        double milliJoulesPerSecond = Math.max(bracket[1].value() - bracket[0].value(), 0.0)
                / ((bracket[1].nanos() - bracket[0].nanos()) / 1e9);
        return milliJoulesPerSecond * window.durationSeconds() / 1000;
    }

    private static GpuStats stats(GpuKey key, Samples samples, Double energyJ) {
        List<Double> power = samples.gauges.get(POWER);
        List<Double> memory = samples.gauges.get(MEMORY_USED);
        return new GpuStats(key.endpointUrl(), key.index(), key.uuid(), samples.name, samples.hostname, avg(power),
                max(power), avg(samples.gauges.get(UTILIZATION)), scaled(avg(memory)), scaled(max(memory)),
                max(samples.gauges.get(TEMPERATURE)), energyJ);
    }

    private static Double avg(List<Double> values) {
        return values == null ? null : values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static Double max(List<Double> values) {
        return values == null ? null : values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    private static Double scaled(Double mebibytes) {
        return mebibytes == null ? null : mebibytes * GpuStats.GB_PER_MIB;
    }
}
