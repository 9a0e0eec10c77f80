package io.perfsweep.load;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.perfsweep.client.StreamOutcome;

/**
 * An {@link FixedConcurrency.Observer} that cannot break the run it watches: an exception from a callback is caught,
 * so the request it was about still counts as sent and completed and the run ends as it would have.
 *
 * <p>
 * The first failure of a run is logged with its cause; later ones are not, because a broken observer usually throws
 * on every request and a log line per request would bury the first (the one with the useful stack trace).
 */
final class GuardedObserver implements FixedConcurrency.Observer {

    private static final Logger LOG = Logger.getLogger(GuardedObserver.class.getName());

    private final FixedConcurrency.Observer observer;
    private final AtomicBoolean reported = new AtomicBoolean();

    private GuardedObserver(FixedConcurrency.Observer observer) {
        this.observer = observer;
    }

    /** {@code observer} guarded, once. */
    static FixedConcurrency.Observer of(FixedConcurrency.Observer observer) {
        return observer instanceof GuardedObserver ? observer : new GuardedObserver(observer);
    }

    @Override
    public void scheduled(long[] intendedStartNanos) {
        try {
            observer.scheduled(intendedStartNanos);
        } catch (RuntimeException e) {
            report("scheduled", -1, e);
        }
    }

    @Override
    public void sent(int index) {
        try {
            observer.sent(index);
        } catch (RuntimeException e) {
            report("sent", index, e);
        }
    }

    @Override
    public void completed(int index, StreamOutcome outcome) {
        try {
            observer.completed(index, outcome);
        } catch (RuntimeException e) {
            report("completed", index, e);
        }
    }

    private void report(String callback, int index, RuntimeException e) {
        if (reported.compareAndSet(false, true)) {
            LOG.log(Level.SEVERE, e, () -> "sweep observer failed in " + callback
                    + (index < 0 ? "" : " of request " + index)
                    + "; the run goes on and counts the request (later failures of this run are not logged)");
        }
    }
}
