package io.perfsweep.job;

import java.util.ArrayList;
import java.util.List;

import io.perfsweep.metrics.RequestRecord;

/**
 * Puts a worker's records on its point's shared timeline: the coordinator's wall clock in epoch nanoseconds.
 * <p>
 * Each worker stamps on its own monotonic clock, which means nothing on another machine; but its records also carry
 * the wall-clock send time, anchored once per window, so {@code wallStartEpochNanos − sentNanos} is one constant per
 * worker. Shifting every monotonic stamp of a record by that constant, less the worker's measured clock offset to
 * the coordinator, keeps every duration exactly as measured (TTFT, ITL, latency are differences) and puts the
 * records of all workers on one axis, where the union's window and achieved concurrency are computed as for one
 * instance.
 */
final class SharedTimeline {

    private SharedTimeline() {
    }

    /**
     * The records shifted onto the coordinator's clock.
     *
     * @param offsetNanos this worker's wall clock minus the coordinator's
     */
    static List<RequestRecord> of(List<RequestRecord> records, long offsetNanos) {
        var shifted = new ArrayList<RequestRecord>(records.size());
        for (RequestRecord r : records) {
            long wallStart = r.wallStartEpochNanos() - offsetNanos;
            long shift = wallStart - r.sentNanos();
            long[] responses = r.responseNanos().clone();
            for (int i = 0; i < responses.length; i++) {
                responses[i] += shift;
            }
            shifted.add(new RequestRecord(r.intendedStartNanos() + shift, wallStart, r.endNanos() + shift, wallStart,
                    responses, r.firstOutputIndex(), r.inputTokens(), r.outputTokens(), r.reasoningTokens(),
                    r.requestedOutputTokens(), r.usage(), r.error(), r.connectionOverheadNanos()));
        }
        return shifted;
    }
}
