package io.perfsweep.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.perfsweep.workload.SyntheticWorkload;
import io.perfsweep.workload.Tokenizer;
import io.perfsweep.workload.TraceWorkload;
import io.perfsweep.workload.WorkloadRequest;

/**
 * The requests of one point, prepared before it starts so nothing but the send happens on the measuring path.
 *
 * @param warmup sent first and kept out of the results
 * @param measured the point's results
 * @param replaySchedule a replay point's schedule (the first turns' timestamps over the speed-up), else null
 * @param warmupTurns the sessions among the warm-up requests
 * @param measuredTurns the sessions among the measured requests
 */
record PointRequests(List<WorkloadRequest> warmup, List<WorkloadRequest> measured, ArrivalSchedule replaySchedule,
        SessionTurns warmupTurns, SessionTurns measuredTurns) {

    /** Requests without sessions. */
    PointRequests(List<WorkloadRequest> warmup, List<WorkloadRequest> measured, ArrivalSchedule replaySchedule) {
        this(warmup, measured, replaySchedule, SessionTurns.NONE, SessionTurns.NONE);
    }

    /** The same measured requests without warm-up: a later trial of a point, warmed by its first. */
    PointRequests withoutWarmup() {
        return new PointRequests(List.of(), measured, replaySchedule, SessionTurns.NONE, measuredTurns);
    }

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
     * Every row. First turns (and rows without session) come first, sorted by timestamp (a stable sort: rows sharing
     * a timestamp keep file order and leave together), each at {@code (timestamp − first timestamp) / speedup}; the
     * later turns of sessions follow in file order, each released by its previous turn (its own timestamp unused).
     */
    private static PointRequests replay(TraceWorkload trace, LoadPoint point) {
        if (point.requestCount() != trace.size()) {
            throw new IllegalArgumentException("a replay point sends every row of the trace: " + trace.size()
                    + " rows, point asks for " + point.requestCount());
        }
        int[] previousRow = SessionTurns.previousRows(trace.rows());
        List<Integer> firstTurns = IntStream.range(0, trace.size()).filter(i -> previousRow[i] < 0).boxed()
                .sorted(Comparator.comparingLong(i -> timestamp(trace, i))).toList();
        long[] timestamps = firstTurns.stream().mapToLong(i -> timestamp(trace, i)).toArray();
        int[] order = Stream.concat(firstTurns.stream(),
                IntStream.range(0, trace.size()).filter(i -> previousRow[i] >= 0).boxed())
                .mapToInt(Integer::intValue).toArray();
        List<WorkloadRequest> measured = IntStream.of(order).mapToObj(trace::request).toList();
        double speedup = point.replay().speedup();
        return new PointRequests(List.of(), measured, ArrivalSchedule.replay(timestamps, speedup),
                SessionTurns.NONE, SessionTurns.of(trace.rows(), order, speedup));
    }

    /**
     * The rows in file order: the warm-up first, then the measured ones, wrapping around the end of the trace. A later
     * turn of a session waits for its previous turn in the same phase (see {@link SessionTurns}).
     */
    private static PointRequests inOrder(TraceWorkload trace, LoadPoint point) {
        int warmupCount = point.warmupRequestCount();
        int[] warmupRows = IntStream.range(0, warmupCount).map(i -> i % trace.size()).toArray();
        int[] measuredRows = IntStream.range(0, point.requestCount()).map(i -> (warmupCount + i) % trace.size())
                .toArray();
        return new PointRequests(IntStream.of(warmupRows).mapToObj(trace::request).toList(),
                IntStream.of(measuredRows).mapToObj(trace::request).toList(), null,
                SessionTurns.of(trace.rows(), warmupRows, 1), SessionTurns.of(trace.rows(), measuredRows, 1));
    }

    private static long timestamp(TraceWorkload trace, int index) {
        Long timestamp = trace.row(index).timestampMillis();
        if (timestamp == null) {
            throw new IllegalArgumentException("row " + (index + 1) + " of the trace has no timestamp to replay at"
                    + " (only later turns of a session may go without)");
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
