package io.perfsweep.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for NVIDIA's dcgm-exporter on loopback: {@code GET /metrics} answers what dcgm-exporter writes for its
 * default counters ({@code # HELP}/{@code # TYPE} per family, the labels {@code gpu}, {@code UUID},
 * {@code pci_bus_id}, {@code device}, {@code modelName}, {@code Hostname}, {@code DCGM_FI_DRIVER_VERSION}), for GPUs
 * that draw a constant power. {@code DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION} is typed {@code counter} without a
 * {@code _total} suffix, as dcgm-exporter types it, and advances at exactly each GPU's wattage (mJ since "boot").
 * Unlike the real exporter, which re-reads DCGM every {@code DCGM_EXPORTER_INTERVAL} ms, every answer is current.
 */
public final class StandInDcgmExporter implements AutoCloseable {

    /** The model name every stand-in GPU reports. */
    public static final String MODEL_NAME = "NVIDIA H100 80GB HBM3";
    public static final String HOSTNAME = "node-a";

    /**
     * One GPU.
     *
     * @param watts its constant draw, W
     * @param energyAtStartMj its energy counter when the exporter starts, mJ
     */
    public record Gpu(int index, String uuid, double watts, int utilizationPct, int memoryUsedMib,
            int temperatureC, long energyAtStartMj) {
    }

    /** Two H100s at {@code watts} each, 87 % and 91 % busy. */
    public static List<Gpu> twoGpus(double watts) {
        return List.of(new Gpu(0, "GPU-5f2b8c1e-7a3d-4e9f-b6c0-1d2e3f4a5b6c", watts, 87, 61_440, 64, 412_345_678_901L),
                new Gpu(1, "GPU-a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d", watts, 91, 62_464, 67, 398_765_432_109L));
    }

    private final HttpServer server;
    private final List<Gpu> gpus;
    private final long startNanos = System.nanoTime();
    private final AtomicInteger scrapes = new AtomicInteger();

    private StandInDcgmExporter(List<Gpu> gpus) throws IOException {
        this.gpus = List.copyOf(gpus);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics", this::answer);
        server.start();
    }

    /** Starts an exporter for {@code gpus} on an ephemeral loopback port. */
    public static StandInDcgmExporter start(List<Gpu> gpus) throws IOException {
        return new StandInDcgmExporter(gpus);
    }

    /** Where to scrape it, e.g. {@code http://127.0.0.1:41234/metrics}. */
    public String metricsUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/metrics";
    }

    /** How many times it was scraped. */
    public int scrapes() {
        return scrapes.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        scrapes.incrementAndGet();
        byte[] body = exposition(gpus, (System.nanoTime() - startNanos) / 1e9).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** What dcgm-exporter would answer {@code seconds} after the exporter started. */
    public static String exposition(List<Gpu> gpus, double seconds) {
        var text = new StringBuilder();
        family(text, gpus, "DCGM_FI_DEV_SM_CLOCK", "gauge", "SM clock frequency (in MHz).", gpu -> "1980");
        family(text, gpus, "DCGM_FI_DEV_MEM_CLOCK", "gauge", "Memory clock frequency (in MHz).", gpu -> "2619");
        family(text, gpus, "DCGM_FI_DEV_GPU_TEMP", "gauge", "GPU temperature (in C).",
                gpu -> Integer.toString(gpu.temperatureC()));
        family(text, gpus, "DCGM_FI_DEV_POWER_USAGE", "gauge", "Power draw (in W).",
                gpu -> String.format(Locale.ROOT, "%.6f", gpu.watts()));
        family(text, gpus, "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", "counter",
                "Total energy consumption since boot (in mJ).",
                gpu -> Long.toString(gpu.energyAtStartMj() + (long) Math.floor(gpu.watts() * seconds * 1000)));
        family(text, gpus, "DCGM_FI_DEV_GPU_UTIL", "gauge", "GPU utilization (in %).",
                gpu -> Integer.toString(gpu.utilizationPct()));
        family(text, gpus, "DCGM_FI_DEV_MEM_COPY_UTIL", "gauge", "Memory utilization (in %).", gpu -> "34");
        family(text, gpus, "DCGM_FI_DEV_XID_ERRORS", "gauge", "Value of the last XID error encountered.", gpu -> "0");
        family(text, gpus, "DCGM_FI_DEV_FB_FREE", "gauge", "Framebuffer memory free (in MiB).",
                gpu -> Integer.toString(81_559 - gpu.memoryUsedMib()));
        family(text, gpus, "DCGM_FI_DEV_FB_USED", "gauge", "Framebuffer memory used (in MiB).",
                gpu -> Integer.toString(gpu.memoryUsedMib()));
        family(text, gpus, "DCGM_FI_PROF_GR_ENGINE_ACTIVE", "gauge", "Ratio of time the graphics engine is active.",
                gpu -> String.format(Locale.ROOT, "%.6f", gpu.utilizationPct() / 100.0));
        return text.toString();
    }

    private static void family(StringBuilder text, List<Gpu> gpus, String name, String type, String help,
            Function<Gpu, String> value) {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        for (Gpu gpu : gpus) {
            text.append(name).append(String.format(Locale.ROOT,
                    "{gpu=\"%d\",UUID=\"%s\",pci_bus_id=\"00000000:%02X:00.0\",device=\"nvidia%d\",modelName=\"%s\","
                            + "Hostname=\"%s\",DCGM_FI_DRIVER_VERSION=\"550.54.15\"} ",
                    gpu.index(), gpu.uuid(), 0x18 + 0x20 * gpu.index(), gpu.index(), MODEL_NAME, HOSTNAME))
                    .append(value.apply(gpu)).append('\n');
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
