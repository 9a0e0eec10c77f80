package io.perfsweep.job;

import io.perfsweep.load.LoadPoint;
import io.perfsweep.load.PointResult;
import io.perfsweep.load.SweepListener;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.telemetry.SweepMeters;

/**
 * Feeds a sweep's progress to its live meters, then hands every callback on to another listener. The adapter lives
 * here because {@code telemetry} may not see {@code load}; close it when the sweep ends, however it ends.
 */
public final class TelemetryListener implements SweepListener, AutoCloseable {

    private final SweepMeters meters;
    private final SweepListener next;

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

    @Override
    public void pointCompleted(PointResult result, int index, int pointCount) {
        meters.pointMeasured(result.records());
        meters.clientJudged(result.summary().clientHealth());
        next.pointCompleted(result, index, pointCount);
    }

    @Override
    public void close() {
        meters.sweepEnded();
    }
}
