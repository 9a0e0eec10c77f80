package io.perfsweep.metrics;

/**
 * Schedule lag of one request (perfsweep {@code send_delay}; AIPerf's record field {@code delayed_ns}).
 * <p>
 * Formula: {@code sentNanos − intendedStartNanos}. Unit: nanoseconds (shown in ms). Always defined; zero in
 * closed-loop runs, where the intended start is the send. A growing send delay in an open-loop run means the load
 * generator could not keep its schedule, and latencies from send hide that wait (coordinated omission).
 */
public final class SendDelay {

    private SendDelay() {
    }

    /** How late the request left compared with its schedule, in nanoseconds. */
    public static long nanos(RequestRecord record) {
        return record.sentNanos() - record.intendedStartNanos();
    }
}
