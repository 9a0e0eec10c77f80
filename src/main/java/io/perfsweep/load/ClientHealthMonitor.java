package io.perfsweep.load;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;

import io.netty.util.concurrent.EventExecutor;
import io.perfsweep.metrics.ClientHealth;
import io.perfsweep.metrics.RequestRecord;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

/**
 * Samples the client's own distortion during one measured window: how late each Vert.x event loop runs a timer (as
 * jHiccup does: a task scheduled every {@value #INTERVAL_MICROS} µs records how late it ran, and the histogram fills in
 * the firings a long stall swallowed), the GC pauses the JVM reports, and the process's CPU time.
 * <p>
 * Each loop has its own histogram and the window reports the worst loop's (highest p99, then highest mean): a
 * connection lives on one loop, so a stall of that loop delays every event it reads however idle the others are.
 * Pooled over all loops, one loop's 10 ms stall in a short window of a light point hid below the p99 of the idle
 * loops' on-time ticks while it shortened that point's ITL by 15 %.
 * <p>
 * Costs a few hundred timer wake-ups a second per loop, well under 1 % of a core. {@link #stop} returns the figures;
 * {@link ClientHealth#judge} turns them into a verdict.
 */
final class ClientHealthMonitor {

    static final long INTERVAL_MICROS = 5_000;
    private static final long INTERVAL_NANOS = TimeUnit.MICROSECONDS.toNanos(INTERVAL_MICROS);
    /** Stalls are recorded up to a minute, to 3 significant digits. */
    private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final List<Recorder> stalls = new ArrayList<>();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private final GcPauses gcPauses = new GcPauses();
    private final OperatingSystemMXBean os = osBean();
    private final long startNanos = System.nanoTime();
    private final long startCpuNanos;
    private volatile boolean running = true;

    private ClientHealthMonitor(Vertx vertx) {
        startCpuNanos = processCpuNanos();
        // Vert.x 4 deprecates the public nettyEventLoopGroup() with no public replacement; the internal accessor is
        // the same group (the mock reads its loops the same way).
        for (EventExecutor loop : ((VertxInternal) vertx).getEventLoopGroup()) {
            Recorder recorder = new Recorder(HIGHEST_NANOS, 3);
            stalls.add(recorder);
            tick(loop, recorder, System.nanoTime() + INTERVAL_NANOS);
        }
    }

    /** Starts sampling every event loop of {@code vertx} and the JVM's GC. */
    static ClientHealthMonitor start(Vertx vertx) {
        return new ClientHealthMonitor(vertx);
    }

    private void tick(EventExecutor loop, Recorder recorder, long dueNanos) {
        if (!running) {
            return;
        }
        synchronized (timers) {
            timers.add(loop.schedule(() -> {
                long now = System.nanoTime();
                recorder.recordValueWithExpectedInterval(Math.min(Math.max(0, now - dueNanos), HIGHEST_NANOS),
                        INTERVAL_NANOS);
                tick(loop, recorder, now + INTERVAL_NANOS);
            }, Math.max(0, dueNanos - System.nanoTime()), TimeUnit.NANOSECONDS));
            timers.removeIf(ScheduledFuture::isDone);
        }
    }

    /** Stops sampling and returns the window's figures; {@code records} give the share of batched reads. */
    ClientHealth.Sample stop(List<RequestRecord> records) {
        running = false;
        synchronized (timers) {
            timers.forEach(timer -> timer.cancel(false));
        }
        gcPauses.close();
        long wallNanos = System.nanoTime() - startNanos;
        long cpuNanos = processCpuNanos() - startCpuNanos;
        var stall = stalls.stream().map(ClientHealthMonitor::stall).max(WORST).orElse(new ClientHealth.Stall(0, 0, 0, 0));
        return new ClientHealth.Sample(stall, gcPauses.summary(), cpuNanos < 0 ? 0 : (double) cpuNanos / wallNanos,
                Runtime.getRuntime().availableProcessors(), ClientHealth.batchedGapPercent(records), wallNanos / 1e9);
    }

    /** The loop that stalled most: by p99, then by mean. */
    private static final Comparator<ClientHealth.Stall> WORST = Comparator.comparingDouble(ClientHealth.Stall::p99)
            .thenComparingDouble(ClientHealth.Stall::mean);

    private static ClientHealth.Stall stall(Recorder recorder) {
        Histogram histogram = recorder.getIntervalHistogram();
        return histogram.getTotalCount() == 0 ? new ClientHealth.Stall(0, 0, 0, 0)
                : new ClientHealth.Stall(millis(histogram.getValueAtPercentile(50)),
                        millis(histogram.getValueAtPercentile(99)), millis(histogram.getMaxValue()),
                        histogram.getMean() / 1e6);
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private long processCpuNanos() {
        return os == null ? -1 : os.getProcessCpuTime();
    }

    private static OperatingSystemMXBean osBean() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean bean ? bean : null;
    }

    /**
     * GC pauses from the collectors' notifications. Beans of concurrent work ({@code G1 Concurrent GC}, {@code ZGC
     * Cycles}, {@code Shenandoah Cycles}) report cycles that run beside the application, not pauses: left out.
     */
    private static final class GcPauses implements NotificationListener {

        private final List<NotificationEmitter> emitters = new ArrayList<>();
        private final AtomicLong totalMillis = new AtomicLong();
        private final AtomicLong maxMillis = new AtomicLong();
        private final AtomicInteger count = new AtomicInteger();
        /**
         * JVM uptime (ms) when sampling began. Notifications arrive late on their own thread, so a collection that
         * ended before the window opened (the collection {@link MeasuredWindow} asks for) can be reported inside it.
         */
        private final long startUptimeMillis = ManagementFactory.getRuntimeMXBean().getUptime();

        GcPauses() {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                String name = gc.getName().toLowerCase(Locale.ROOT);
                if (gc instanceof NotificationEmitter emitter && !name.contains("concurrent")
                        && !name.contains("cycles")) {
                    emitter.addNotificationListener(this, null, null);
                    emitters.add(emitter);
                }
            }
        }

        @Override
        public void handleNotification(Notification notification, Object handback) {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            if (info.getGcInfo().getStartTime() < startUptimeMillis) {
                return;
            }
            long millis = info.getGcInfo().getDuration();
            totalMillis.addAndGet(millis);
            maxMillis.accumulateAndGet(millis, Math::max);
            count.incrementAndGet();
        }

        ClientHealth.GcPause summary() {
            return new ClientHealth.GcPause(totalMillis.get(), maxMillis.get(), count.get());
        }

        void close() {
            for (NotificationEmitter emitter : emitters) {
                try {
                    emitter.removeNotificationListener(this);
                } catch (ListenerNotFoundException gone) {
                    // already removed
                }
            }
        }
    }
}
