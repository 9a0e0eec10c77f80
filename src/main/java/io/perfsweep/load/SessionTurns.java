package io.perfsweep.load;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.perfsweep.workload.TraceRequest;

/**
 * Which requests of one phase of a point are later turns of an AIPerf multi-turn session, and of which request.
 *
 * <p>
 * Rows sharing a {@code session_id} are the turns of one conversation, in file order (anchors §3.2). A later turn is
 * sent {@code delay} after the previous turn of its session <em>completed</em> (succeeded or failed), so its intended
 * start is only known at run time: the runner sets it to the previous turn's end plus the delay, and records it as
 * the request's intended start, so a turn held back (by the pacer or a concurrency cap) counts that wait in its
 * latency from intended start and its schedule lag. Built before the point starts: the runner only reads arrays.
 *
 * <p>
 * A turn whose previous turn is not in the same phase (the warm-up and the measured requests are separate phases; a
 * request count may start or wrap around mid-session) is sent as a first turn.
 */
public final class SessionTurns {

    /** No sessions: every request is sent on its own schedule. */
    static final SessionTurns NONE = new SessionTurns(null, null, null);

    private final int[] previous;
    private final int[] next;
    private final long[] delayNanos;

    private SessionTurns(int[] previous, int[] next, long[] delayNanos) {
        this.previous = previous;
        this.next = next;
        this.delayNanos = delayNanos;
    }

    /**
     * For each row of a trace (file order), the index of the previous turn of its session, or -1 for a row without
     * session and for a session's first turn.
     */
    public static int[] previousRows(List<TraceRequest> rows) {
        int[] previous = new int[rows.size()];
        Map<String, Integer> lastRowOfSession = new HashMap<>();
        for (int i = 0; i < previous.length; i++) {
            String session = rows.get(i).sessionId();
            Integer last = session == null ? null : lastRowOfSession.put(session, i);
            previous[i] = last == null ? -1 : last;
        }
        return previous;
    }

    /**
     * The turns of a phase whose request {@code j} is trace row {@code rowOfRequest[j]}.
     *
     * @param speedup divides the delays (a fixed-schedule replay divides the timestamps by it); 1 elsewhere
     */
    static SessionTurns of(List<TraceRequest> rows, int[] rowOfRequest, double speedup) {
        int[] previousRow = previousRows(rows);
        int[] previous = new int[rowOfRequest.length];
        int[] next = new int[rowOfRequest.length];
        long[] delayNanos = new long[rowOfRequest.length];
        Arrays.fill(next, -1);
        // The latest request of each row not yet followed by its next turn.
        Map<Integer, Integer> openRequestOfRow = new HashMap<>();
        boolean any = false;
        for (int j = 0; j < rowOfRequest.length; j++) {
            int row = rowOfRequest[j];
            Integer before = previousRow[row] < 0 ? null : openRequestOfRow.remove(previousRow[row]);
            previous[j] = before == null ? -1 : before;
            if (before != null) {
                next[before] = j;
                delayNanos[j] = Math.round(rows.get(row).delayMillis() * 1_000_000.0 / speedup);
                any = true;
            }
            openRequestOfRow.put(row, j);
        }
        return any ? new SessionTurns(previous, next, delayNanos) : NONE;
    }

    /** Whether any request waits for a previous turn. */
    boolean any() {
        return previous != null;
    }

    /** The request whose completion releases request {@code index}, or -1 when it is sent on its own schedule. */
    int previous(int index) {
        return previous == null ? -1 : previous[index];
    }

    /** The request that waits for request {@code index} to complete, or -1. */
    int next(int index) {
        return next == null ? -1 : next[index];
    }

    /** How long request {@code index} waits after its previous turn completed, in ns; 0 for a first turn. */
    long delayNanos(int index) {
        return delayNanos == null ? 0 : delayNanos[index];
    }
}
