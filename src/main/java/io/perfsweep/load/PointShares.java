package io.perfsweep.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.perfsweep.workload.TraceRequest;

/**
 * How one point is split into shares for several instances that drive it together (scale-out on JetStream,
 * docs/scale-out.md), so that the union of the shares is the point a single instance would run:
 * <ul>
 * <li><b>closed loop</b>: concurrency {@code c} over {@code n} instances as {@code c/n} each, the remainder one more
 * to the first ones; requests and warm-up requests in proportion to each share's concurrency (largest remainders, so
 * the totals are exact); never more shares than streams or requests;</li>
 * <li><b>rate</b>: each share sends at {@code rate/n} with the requests split evenly. Poisson shares draw from
 * different seeds (independent Poisson streams of rate {@code rate/n} add up to one of rate {@code rate}); evenly spaced
 * shares start {@code i/rate} apart, so together they send exactly every {@code 1/rate}. A concurrency cap is split like
 * a closed loop's concurrency;</li>
 * <li><b>replay</b>: trace rows by session, so every turn of a conversation stays on one instance (its turns wait for
 * each other); whole sessions go to the least loaded share, biggest first; each share keeps its rows in file order and
 * their timestamps, which count from the one shared start: a share begins as many (sped-up) ms after it as its first
 * session begins after the trace's first, so every row leaves when it would on one instance. The split depends on
 * nothing but the point, the instances and the rows, so every instance that reads the same trace computes it
 * alike.</li>
 * </ul>
 */
public final class PointShares {

    private PointShares() {
    }

    /**
     * One instance's part of a point.
     *
     * @param index the share's number, from 0
     * @param point what that instance runs
     * @param startOffsetNanos how long after the shared start the share begins: evenly spaced rate shares, and replay
     *        shares whose first session starts after the trace's first row
     * @param traceRows indices into the point's trace rows that this share replays, in file order; empty unless replay
     */
    public record Share(int index, LoadPoint point, long startOffsetNanos, List<Integer> traceRows) {

        public Share {
            traceRows = List.copyOf(traceRows);
        }
    }

    /**
     * Splits {@code point} into at most {@code instances} shares.
     *
     * @param traceRows the rows a replay point replays (its first {@link LoadPoint#requestCount()} rows are used);
     *        ignored for other points
     */
    public static List<Share> split(LoadPoint point, int instances, List<TraceRequest> traceRows) {
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be at least 1, was " + instances);
        }
        if (point.isReplay()) {
            return replay(point, instances, traceRows);
        }
        return point.isOpenLoop() ? rate(point, instances) : closed(point, instances);
    }

    private static List<Share> closed(LoadPoint point, int instances) {
        int n = Math.min(instances, Math.min(point.concurrency(), point.requestCount()));
        int[] streams = even(point.concurrency(), n);
        int[] requests = proportional(point.requestCount(), streams);
        int[] warmups = proportional(point.warmupRequestCount(), streams);
        var shares = new ArrayList<Share>(n);
        for (int i = 0; i < n; i++) {
            shares.add(new Share(i, new LoadPoint(streams[i], requests[i], warmups[i]), 0, List.of()));
        }
        return shares;
    }

    private static List<Share> rate(LoadPoint point, int instances) {
        LoadPoint.OpenLoop loop = point.openLoop();
        int n = Math.min(instances, point.requestCount());
        if (loop.capped()) {
            n = Math.min(n, point.concurrency());
        }
        int[] requests = even(point.requestCount(), n);
        int[] warmups = even(point.warmupRequestCount(), n);
        int[] caps = even(point.concurrency(), n);
        double rate = loop.ratePerSecond() / n;
        var shares = new ArrayList<Share>(n);
        for (int i = 0; i < n; i++) {
            boolean poisson = loop.arrival() == ArrivalSchedule.Arrival.POISSON;
            long offset = poisson ? 0 : Math.round(i * 1e9 / loop.ratePerSecond());
            LoadPoint share = LoadPoint.rate(rate, requests[i], warmups[i], loop.arrival(),
                    loop.capped() ? caps[i] : null, loop.seed() + i);
            shares.add(new Share(i, share, offset, List.of()));
        }
        return shares;
    }

    private static List<Share> replay(LoadPoint point, int instances, List<TraceRequest> traceRows) {
        if (traceRows == null || traceRows.size() < point.requestCount()) {
            throw new IllegalArgumentException("a replay point of " + point.requestCount() + " rows needs its rows");
        }
        Map<Object, List<Integer>> sessions = new LinkedHashMap<>();
        for (int row = 0; row < point.requestCount(); row++) {
            String session = traceRows.get(row).sessionId();
            sessions.computeIfAbsent(session != null ? session : row, key -> new ArrayList<>()).add(row);
        }
        List<List<Integer>> groups = new ArrayList<>(sessions.values());
        // biggest sessions first, each to the share with the fewest rows so far (lowest index on a tie)
        groups.sort(Comparator.comparingInt((List<Integer> group) -> group.size()).reversed());
        int n = Math.min(instances, groups.size());
        List<List<Integer>> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(new ArrayList<>());
        }
        for (List<Integer> group : groups) {
            List<Integer> least = rows.get(0);
            for (List<Integer> candidate : rows) {
                least = candidate.size() < least.size() ? candidate : least;
            }
            least.addAll(group);
        }
        double speedup = point.replay().speedup();
        int[] previousTurn = SessionTurns.previousRows(traceRows.subList(0, point.requestCount()));
        long origin = firstTimestamp(traceRows, previousTurn, IntStream.range(0, point.requestCount()).boxed().toList());
        var shares = new ArrayList<Share>(n);
        for (int i = 0; i < n; i++) {
            List<Integer> own = rows.get(i);
            own.sort(null);
            // the share's schedule counts from its own first row, which leaves this long after the trace's first
            long offset = Math.round((firstTimestamp(traceRows, previousTurn, own) - origin) * 1_000_000.0 / speedup);
            shares.add(new Share(i, LoadPoint.replay(speedup, own.size()), offset, own));
        }
        return shares;
    }

    /** The earliest timestamp of the first turns (and rows without session) among {@code rows}. */
    private static long firstTimestamp(List<TraceRequest> traceRows, int[] previousTurn, List<Integer> rows) {
        long first = Long.MAX_VALUE;
        for (int row : rows) {
            if (previousTurn[row] < 0) {
                Long timestamp = traceRows.get(row).timestampMillis();
                if (timestamp == null) {
                    throw new IllegalArgumentException("row " + (row + 1) + " of the trace has no timestamp to replay"
                            + " at (only later turns of a session may go without)");
                }
                first = Math.min(first, timestamp);
            }
        }
        return first;
    }

    /** {@code total} over {@code parts} as evenly as integers allow, the remainder one each to the first parts. */
    static int[] even(int total, int parts) {
        int[] split = new int[parts];
        for (int i = 0; i < parts; i++) {
            split[i] = total / parts + (i < total % parts ? 1 : 0);
        }
        return split;
    }

    /**
     * {@code total} in proportion to {@code weights}, by largest remainders (the earlier part on a tie), so the parts
     * add up to {@code total} exactly.
     */
    static int[] proportional(int total, int[] weights) {
        long sum = 0;
        for (int weight : weights) {
            sum += weight;
        }
        int[] split = new int[weights.length];
        long[] remainders = new long[weights.length];
        int given = 0;
        for (int i = 0; i < weights.length; i++) {
            long exact = (long) total * weights[i];
            split[i] = (int) (exact / sum);
            remainders[i] = exact % sum;
            given += split[i];
        }
        for (int left = total - given; left > 0; left--) {
            int best = 0;
            for (int i = 1; i < weights.length; i++) {
                best = remainders[i] > remainders[best] ? i : best;
            }
            split[best]++;
            remainders[best] = -1;
        }
        return split;
    }
}
