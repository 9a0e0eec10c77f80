package io.perfsweep.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.perfsweep.workload.TraceRequest;

/** Which request waits for which: pure, from the rows' session ids and delays. */
class SessionTurnsTest {

    /** A1, B1, A2 (delay 40), C (no session), A3 (delay 10), B2 (no delay). */
    private static final List<TraceRequest> ROWS = List.of(turn("A", 0), turn("B", 0), turn("A", 40),
            turn(null, 0), turn("A", 10), turn("B", 0));

    @Test
    void eachLaterTurnWaitsForThePreviousRowOfItsSessionInFileOrder() {
        assertThat(SessionTurns.previousRows(ROWS)).containsExactly(-1, -1, 0, -1, 2, 1);

        SessionTurns turns = SessionTurns.of(ROWS, IntStream.range(0, ROWS.size()).toArray(), 2);

        assertThat(IntStream.range(0, 6).map(turns::previous)).containsExactly(-1, -1, 0, -1, 2, 1);
        assertThat(IntStream.range(0, 6).map(turns::next)).containsExactly(2, 5, 4, -1, -1, -1);
        // Delays over the speed-up: 40 ms / 2 and 10 ms / 2.
        assertThat(IntStream.range(0, 6).mapToLong(turns::delayNanos)).containsExactly(0L, 0L, 20_000_000L,
                0L, 5_000_000L, 0L);
    }

    @Test
    void aTurnWhosePreviousTurnIsNotInThePhaseIsSentAsAFirstTurn() {
        // The phase starts at row 3 (C) and wraps: C, A3, B2, A1, B1, A2. A3 and B2 miss their previous turn; after the
        // wrap, A2 waits for this phase's A1.
        int[] rows = { 3, 4, 5, 0, 1, 2 };

        SessionTurns turns = SessionTurns.of(ROWS, rows, 1);

        assertThat(IntStream.range(0, 6).map(turns::previous)).containsExactly(-1, -1, -1, -1, -1, 3);
        assertThat(turns.next(3)).isEqualTo(5);
        assertThat(turns.delayNanos(5)).isEqualTo(40_000_000L);
    }

    @Test
    void rowsWithoutSessionsHaveNoTurns() {
        SessionTurns turns = SessionTurns.of(List.of(turn(null, 5), turn(null, 5)), new int[] { 0, 1, 0 }, 1);

        assertThat(turns.any()).isFalse();
        assertThat(turns.previous(2)).isEqualTo(-1);
    }

    private static TraceRequest turn(String session, long delayMillis) {
        return new TraceRequest(null, 10, 1, new long[] { 1 }, session, delayMillis);
    }
}
