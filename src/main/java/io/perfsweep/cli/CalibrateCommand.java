package io.perfsweep.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import io.perfsweep.client.ClientOptions;
import io.perfsweep.client.EndpointKind;
import io.perfsweep.config.PerfsweepConfig;
import io.perfsweep.load.LoadPoint;
import io.perfsweep.load.PointResult;
import io.perfsweep.load.SweepListener;
import io.perfsweep.load.SweepPlan;
import io.perfsweep.load.SweepRunner;
import io.perfsweep.load.SweepSpec;
import io.perfsweep.metrics.ClientHealth;
import io.perfsweep.metrics.MetricTag;
import io.perfsweep.metrics.Slo;
import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.mock.MockLlmServer;
import io.perfsweep.workload.Tokenizers;
import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code calibrate}: how fast and how accurate is this client on this machine? Sweeps a perfsweep mock engine and
 * prints, per concurrency, streamed tokens/s, requests/s, the CPU and peak memory of this process during the measured
 * phase, and the TTFT and ITL error against the mock's ground truth ({@code /mock/requests}, same monotonic clock on
 * one Linux host).
 */
@Dependent
@Unremovable
@RegisterForReflection
@Command(name = "calibrate", mixinStandardHelpOptions = true, description = "Measure the client's throughput, CPU, memory and timing error against a perfsweep mock engine.")
public class CalibrateCommand implements Callable<Integer> {

    private static final List<Integer> DEFAULT_CONCURRENCIES = List.of(1, 100, 1000);

    @Spec
    CommandSpec spec;

    @Inject
    PerfsweepConfig config;

    @Inject
    Vertx vertx;

    @Option(names = "--endpoint-url", converter = Checked.EndpointUrl.class, description = "A running perfsweep mock (e.g. started with 'mock --ttft-ms 0 --itl-ms 0'). Default: one in this process.")
    String endpointUrl;

    /** Warm-up defaults to one round per level, so both JVMs measure hot code. */
    @Mixin
    LoadSizeOptions size;

    @Option(names = "--ttft-ms", converter = Checked.NotNegativeMillis.class, defaultValue = "0", description = "In-process mock: fixed TTFT. Default: ${DEFAULT-VALUE}.")
    double ttftMillis;

    @Option(names = "--itl-ms", converter = Checked.NotNegativeMillis.class, defaultValue = "0", description = "In-process mock: fixed ITL. Default: ${DEFAULT-VALUE}.")
    double itlMillis;

    @Option(names = "--truth-csv", description = "Also write one row per request (client beside the mock's truth) to this CSV file.")
    Path truthCsv;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        MockLlmServer mock = endpointUrl == null ? startMock() : null;
        String baseUrl = mock != null ? mock.baseUrl() : endpointUrl;
        try {
            var usage = new ProcessUsage();
            var points = LoadSizeOptions.or(size.concurrencies, DEFAULT_CONCURRENCIES).stream()
                    .map(c -> new LoadPoint(c, LoadSizeOptions.or(size.requestCount, Math.max(3 * c, 200)),
                            LoadSizeOptions.or(size.warmupRequestCount, c)))
                    .toList();
            var client = ClientOptions.of(baseUrl, EndpointKind.CHAT)
                    .withRequestTimeout(config.client().requestTimeout())
                    .withIdleTimeout(config.client().idleTimeout());
            var sweep = new SweepSpec("calibrate", client, config.sweep().model(),
                    new SweepSpec.SyntheticSpec(LoadSizeOptions.or(size.isl, 100), 0, LoadSizeOptions.or(size.osl, 200),
                            0, 1),
                    SweepSpec.RequestExtras.DYNAMO_DEFAULTS,
                    new SweepPlan(points), Slo.NONE);
            List<PointResult> results = new SweepRunner(vertx, Tokenizers.fallback(config.sweep().model()))
                    .run(sweep, usage);
            var truth = MockTruth.fetch(baseUrl);
            out.print(render(results, usage.byPoint, truth));
            if (truthCsv != null) {
                var csv = new StringBuilder(MockTruth.CSV_HEADER);
                results.forEach(result -> truth.appendCsv(result, csv));
                Files.writeString(truthCsv, csv);
            }
            out.flush();
            return 0;
        } finally {
            if (mock != null) {
                mock.close();
            }
        }
    }

    private MockLlmServer startMock() {
        return MockLlmServer.startOnOwnVertx(MockEngineConfig.fixed(ttftMillis, itlMillis));
    }

    private static String render(List<PointResult> results, Map<LoadPoint, Usage> usage, MockTruth truth) {
        var out = new StringBuilder(
                String.format(Locale.ROOT, "%11s %8s %6s %9s %11s %10s %9s %9s %8s %13s %13s %10s %12s %10s %10s%n",
                        "concurrency", "requests", "errors", "in flight", "tokens/s", "requests/s", "CPU cores", "peak RSS",
                        "heap", "TTFT err avg", "TTFT err p99", "ITL err", "recv-sent", "client", "stall p99"));
        for (PointResult result : results) {
            Usage u = usage.get(result.point());
            var error = truth.compare(result);
            var health = result.summary().health();
            out.append(String.format(Locale.ROOT,
                    "%11d %8d %6d %9d %11.0f %10.1f %9.2f %6d MiB %4d MiB %10s ms %10s ms %8s %% %9s ms %10s %7.2f ms%n",
                    result.point().concurrency(), result.summary().requestCount(), result.summary().errorRequestCount(),
                    result.maxInFlight(), result.summary().aggregate(MetricTag.OUTPUT_TOKEN_THROUGHPUT).orElse(0),
                    result.summary().aggregate(MetricTag.REQUEST_THROUGHPUT).orElse(0), u.cpuCores(), u.peakRssMib,
                    u.heapUsedMib, error.ttftMeanMillis(), error.ttftP99Millis(), error.itlMeanPercent(),
                    error.sendLagMillis(), health.map(h -> h.verdict().json()).orElse("-"),
                    health.map(h -> h.eventLoopStall().p99()).orElse(Double.NaN)));
            health.filter(ClientHealth::distorted).ifPresent(h -> out.append(String.format(Locale.ROOT,
                    "%11s client distorted: %s%n", "", h.reasonsText())));
        }
        return out.toString();
    }

    /** CPU time and memory of this process over each measured phase. */
    static final class ProcessUsage implements SweepListener {
        private final Map<LoadPoint, Usage> byPoint = new LinkedHashMap<>();
        private long cpuStartNanos;
        private long wallStartNanos;

        @Override
        public void measurementStarted(LoadPoint point) {
            cpuStartNanos = processCpuNanos();
            wallStartNanos = System.nanoTime();
        }

        @Override
        public void measurementFinished(LoadPoint point) {
            var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            byPoint.put(point, new Usage(processCpuNanos() - cpuStartNanos, System.nanoTime() - wallStartNanos,
                    PeakRss.mebibytes(), heap.getUsed() >> 20));
        }

        private static long processCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }
    }

    /** Process CPU and memory over one measured phase; peak RSS is the process's high-water mark so far. */
    record Usage(long cpuNanos, long wallNanos, long peakRssMib, long heapUsedMib) {
        double cpuCores() {
            return wallNanos == 0 ? 0 : (double) cpuNanos / wallNanos;
        }
    }
}
