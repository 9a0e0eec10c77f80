package io.perfsweep.cli;

import java.io.PrintWriter;

import io.perfsweep.load.LoadPoint;
import io.perfsweep.load.PointResult;
import io.perfsweep.load.SweepListener;

/** Prints a sweep's progress to the console: a line per point and one per tenth of its requests. */
final class ConsoleProgress implements SweepListener {

    private final PrintWriter err;

    ConsoleProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void pointStarted(LoadPoint point, int index, int pointCount) {
        err.printf("[%d/%d] concurrency %d: %d requests (+%d warm-up)%n", index + 1, pointCount, point.concurrency(),
                point.requestCount(), point.warmupRequestCount());
        err.flush();
    }

    @Override
    public void requestCompleted(LoadPoint point, int completed, boolean ok) {
        int step = Math.max(1, point.requestCount() / 10);
        if (completed % step == 0 || completed == point.requestCount()) {
            err.printf("  %d/%d done%n", completed, point.requestCount());
            err.flush();
        }
    }

    @Override
    public void pointCompleted(PointResult result, int index, int pointCount) {
        var summary = result.summary();
        err.printf("  concurrency %d finished: %d ok, %d failed%n", result.point().concurrency(), summary.requestCount(),
                summary.errorRequestCount());
        err.flush();
    }
}
