package io.perfsweep.job;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.perfsweep.load.LoadPoint;
import io.perfsweep.load.PointResult;
import io.perfsweep.load.SweepListener;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.server.GpuGauges;
import io.perfsweep.server.GpuTelemetry;
import io.perfsweep.server.Scrape;
import io.perfsweep.server.ServerGauges;
import io.perfsweep.telemetry.SweepMeters;

/**
 * Feeds a sweep's progress to its live meters, then hands every callback on to another listener. The adapter lives
 * here because {@code telemetry} may not see {@code load}; close it when the sweep ends, however it ends.
 */
public final class TelemetryListener implements SweepListener, AutoCloseable {

    private final SweepMeters meters;
    private final SweepListener next;
    private final Map<String, ServerGauges> latestByEndpoint = new ConcurrentHashMap<>();
    private final Map<String, GpuGauges> latestGpuByEndpoint = new ConcurrentHashMap<>();

    public TelemetryListener(SweepMeters meters, SweepListener next) {
        this.meters = meters;
        this.next = next;
    }

    @Override
    public void pointStarted(LoadPoint point, int index, int pointCount) {
        meters.pointStarted(index, point.concurrency());
        next.pointStarted(point, index, pointCount);
    }

    @Override
    public void measurementStarted(LoadPoint point) {
        next.measurementStarted(point);
    }

    @Override
    public void measurementFinished(LoadPoint point) {
        next.measurementFinished(point);
    }

    @Override
    public void requestSent(LoadPoint point) {
        meters.requestSent();
        next.requestSent(point);
    }

    @Override
    public void requestFinished(LoadPoint point, RequestRecord untokenized) {
        meters.requestFinished(untokenized);
        next.requestFinished(point, untokenized);
    }

    @Override
    public void requestCompleted(LoadPoint point, int completed, boolean ok) {
        next.requestCompleted(point, completed, ok);
    }

    /** Running and waiting summed over the endpoints' latest scrapes, KV usage the highest of them. */
    @Override
    public void serverScraped(LoadPoint point, Scrape scrape) {
        latestByEndpoint.put(scrape.endpointUrl(), ServerGauges.of(scrape));
        meters.serverObserved(sum(ServerGauges::running), sum(ServerGauges::waiting), max());
        GpuGauges.of(scrape).ifPresent(gpu -> {
            latestGpuByEndpoint.put(scrape.endpointUrl(), gpu);
            meters.gpuObserved(gpuSum(GpuGauges::powerW), utilizationMean(), gpuSum(GpuGauges::memoryUsedBytes));
        });
        next.serverScraped(point, scrape);
    }

    private Double gpuSum(Function<GpuGauges, Double> gauge) {
        var values = latestGpuByEndpoint.values().stream().map(gauge).filter(Objects::nonNull).toList();
        return values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).sum();
    }

    private Double utilizationMean() {
        int gpus = latestGpuByEndpoint.values().stream().mapToInt(GpuGauges::utilizationGpus).sum();
        return gpus == 0 ? null : gpuSum(GpuGauges::utilizationSum) / gpus;
    }

    private Double sum(Function<ServerGauges, Double> gauge) {
        var values = latestByEndpoint.values().stream().map(gauge).filter(Objects::nonNull).toList();
        return values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).sum();
    }

    private Double max() {
        return latestByEndpoint.values().stream().map(ServerGauges::kvCacheUsage).filter(Objects::nonNull)
                .max(Double::compare).orElse(null);
    }

    @Override
    public void pointCompleted(PointResult result, int index, int pointCount) {
        meters.pointMeasured(result.records());
        meters.clientJudged(result.summary().clientHealth());
        // post-processing of the finished point, on the runner's thread: the window is computed only with a DCGM
        // exporter among the endpoints
        GpuTelemetry.of(result.server(), result.summary()).ifPresent(gpu -> meters.gpuEnergyPerOutputToken(
                gpu.energyPerOutputTokenMj() == null ? null : gpu.energyPerOutputTokenMj() / 1000));
        next.pointCompleted(result, index, pointCount);
    }

    @Override
    public void close() {
        meters.sweepEnded();
    }
}
