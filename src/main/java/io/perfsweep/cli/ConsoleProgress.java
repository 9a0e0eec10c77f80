package io.perfsweep.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;

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
        err.printf("[%d/%d] %s: %d requests (+%d warm-up)%n", index + 1, pointCount, load(point),
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
        err.printf("  %s finished: %d ok, %d failed%n", load(result.point()), summary.requestCount(),
                summary.errorRequestCount());
        err.flush();
    }

    /**
     * The load the point runs, as the user asked for it: a rate point's concurrency is only its cap (the request
     * count when uncapped), so naming it would misstate the load.
     */
    static String load(LoadPoint point) {
        if (point.isReplay()) {
            return "replay x" + plain(point.replay().speedup());
        }
        if (point.isOpenLoop()) {
            String rate = "rate " + plain(point.openLoop().ratePerSecond()) + "/s";
            return point.openLoop().capped() ? rate + " (at most " + point.concurrency() + " in flight)" : rate;
        }
        return "concurrency " + point.concurrency();
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
