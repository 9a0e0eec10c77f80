package io.perfsweep.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import io.perfsweep.workload.SyntheticWorkload;
import io.perfsweep.workload.Tokenizer;
import io.perfsweep.workload.TraceWorkload;
import io.perfsweep.workload.WorkloadRequest;

/**
 * The requests of one point, prepared before it starts so nothing but the send happens on the measuring path.
 *
 * @param warmup sent first and kept out of the results
 * @param measured the point's results
 * @param replaySchedule a replay point's schedule (the rows' timestamps over the speed-up), else null
 */
record PointRequests(List<WorkloadRequest> warmup, List<WorkloadRequest> measured, ArrivalSchedule replaySchedule) {

    /** Synthetic prompts from {@code seed}, or the rows of the spec's trace. */
    static PointRequests of(SweepSpec spec, LoadPoint point, long seed, Tokenizer tokenizer) {
        if (spec.trace() == null) {
            var workload = new SyntheticWorkload(tokenizer, spec.workload().isl(), spec.workload().islStd(),
                    spec.workload().osl(), spec.workload().oslStd(), seed);
            return new PointRequests(generate(workload, point.warmupRequestCount()),
                    generate(workload, point.requestCount()), null);
        }
        var trace = new TraceWorkload(tokenizer, spec.trace().requests(), spec.trace().blockSizeTokens(),
                spec.trace().seed());
        return point.isReplay() ? replay(trace, point) : inOrder(trace, point);
    }

    /**
     * Every row, sorted by timestamp (a stable sort: rows sharing a timestamp keep file order and leave together),
     * each at {@code (timestamp − first timestamp) / speedup}.
     */
    private static PointRequests replay(TraceWorkload trace, LoadPoint point) {
        if (point.requestCount() != trace.size()) {
            throw new IllegalArgumentException("a replay point sends every row of the trace: " + trace.size()
                    + " rows, point asks for " + point.requestCount());
        }
        List<Integer> order = IntStream.range(0, trace.size()).boxed()
                .sorted(Comparator.comparingLong(i -> timestamp(trace, i))).toList();
        long[] timestamps = order.stream().mapToLong(i -> timestamp(trace, i)).toArray();
        List<WorkloadRequest> measured = order.stream().map(trace::request).toList();
        return new PointRequests(List.of(), measured, ArrivalSchedule.replay(timestamps,
                point.replay().speedup()));
    }

    /** The rows in file order: the warm-up first, then the measured ones, wrapping around the end of the trace. */
    private static PointRequests inOrder(TraceWorkload trace, LoadPoint point) {
        int warmupCount = point.warmupRequestCount();
        var warmup = new ArrayList<WorkloadRequest>(warmupCount);
        for (int i = 0; i < warmupCount; i++) {
            warmup.add(trace.request(i % trace.size()));
        }
        var measured = new ArrayList<WorkloadRequest>(point.requestCount());
        for (int i = 0; i < point.requestCount(); i++) {
            measured.add(trace.request((warmupCount + i) % trace.size()));
        }
        return new PointRequests(warmup, measured, null);
    }

    private static long timestamp(TraceWorkload trace, int index) {
        Long timestamp = trace.row(index).timestampMillis();
        if (timestamp == null) {
            throw new IllegalArgumentException("row " + (index + 1) + " of the trace has no timestamp to replay at");
        }
        return timestamp;
    }

    private static List<WorkloadRequest> generate(SyntheticWorkload workload, int count) {
        var requests = new ArrayList<WorkloadRequest>(count);
        for (int i = 0; i < count; i++) {
            requests.add(workload.next());
        }
        return requests;
    }
}
