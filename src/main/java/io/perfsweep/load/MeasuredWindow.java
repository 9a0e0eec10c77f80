package io.perfsweep.load;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * A measured window of one point, opened on a collected heap when no other window of this process is open.
 * <p>
 * A young collection that falls inside a light point's window stops every event loop for its length (measured on the
 * 2-core build machine with the default G1: 10–45 ms, one pause enough to turn a 40-request point at one stream
 * {@code distorted}), and the self-warm-up and prompt generation leave the young generation full of garbage just
 * before the window opens. So the first window to open collects first, as JMH does before each iteration, when the
 * heap in use is small enough ({@link #MAX_COLLECTED_HEAP_BYTES}) for the collection to be short; a light
 * point then allocates too little to meet another collection. A window opened while another is measuring (the service
 * runs jobs for different targets side by side) never collects, so it cannot pause the other: it waits for a
 * collection in progress to finish instead. {@code -Dperfsweep.client.collect-before-window=false} turns it off.
 */
final class MeasuredWindow implements AutoCloseable {

    private static final boolean COLLECT = Boolean.parseBoolean(System.getProperty(
            "perfsweep.client.collect-before-window", "true"));
    /**
     * Above this much heap live after the last collections, no collection: a full collection's pause grows with the
     * live data (seconds for the test suite's heap on 2 cores), which would cost more than the young pause it saves.
     */
    static final long MAX_COLLECTED_HEAP_BYTES = 192L << 20;
    private static int open;
    private final long openedNanos = System.nanoTime();

    private MeasuredWindow() {
    }

    /** {@link System#nanoTime()} when the window opened, after its collection: where the measured phase begins. */
    long openedNanos() {
        return openedNanos;
    }

    /** Opens a window; collects the heap first when it is the only one. */
    static MeasuredWindow open() {
        synchronized (MeasuredWindow.class) {
            if (open == 0 && COLLECT && liveHeapBytes() <= MAX_COLLECTED_HEAP_BYTES) {
                System.gc();
            }
            open++;
        }
        return new MeasuredWindow();
    }

    /** The heap in use after the last collection of each pool: what a full collection must copy or mark. */
    private static long liveHeapBytes() {
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterCollection = pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()
                    ? pool.getCollectionUsage()
                    : null;
            live += afterCollection == null ? 0 : afterCollection.getUsed();
        }
        return live;
    }

    @Override
    public void close() {
        synchronized (MeasuredWindow.class) {
            open--;
        }
    }
}
