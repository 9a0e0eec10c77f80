package io.perfsweep.load;

/**
 * A measured window of one point, opened on a collected heap when no other window of this process is open.
 * <p>
 * A young collection that falls inside a light point's window stops every event loop for its length (measured on the
 * 2-core build machine with the default G1: 10–45 ms, one pause enough to turn a 40-request point at one stream
 * {@code distorted}), and the self-warm-up and prompt generation leave the young generation full of garbage just
 * before the window opens. So the first window to open collects first, as JMH does before each iteration; a light
 * point then allocates too little to meet another collection. A window opened while another is measuring (the service
 * runs jobs for different targets side by side) never collects, so it cannot pause the other: it waits for a
 * collection in progress to finish instead. {@code -Dperfsweep.client.collect-before-window=false} turns it off.
 */
final class MeasuredWindow implements AutoCloseable {

    private static final boolean COLLECT = Boolean.parseBoolean(System.getProperty(
            "perfsweep.client.collect-before-window", "true"));
    private static int open;

    private MeasuredWindow() {
    }

    /** Opens a window; collects the heap first when it is the only one. */
    static MeasuredWindow open() {
        synchronized (MeasuredWindow.class) {
            if (open == 0 && COLLECT) {
                System.gc();
            }
            open++;
        }
        return new MeasuredWindow();
    }

    @Override
    public void close() {
        synchronized (MeasuredWindow.class) {
            open--;
        }
    }
}
