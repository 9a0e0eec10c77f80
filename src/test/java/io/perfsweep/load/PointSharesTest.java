package io.perfsweep.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.perfsweep.workload.TraceRequest;

/** A point split over several instances is, share by share added up, the point one instance would run. */
class PointSharesTest {

    @Test
    void concurrency200OverTwoInstancesIsTwoHundredStreamsAndEveryRequestOnce() {
        List<PointShares.Share> shares = PointShares.split(new LoadPoint(200, 1000, 20), 2, null);

        assertThat(shares).extracting(share -> share.point().concurrency()).containsExactly(100, 100);
        assertThat(shares).extracting(share -> share.point().requestCount()).containsExactly(500, 500);
        assertThat(shares).extracting(share -> share.point().warmupRequestCount()).containsExactly(10, 10);
        assertThat(shares).allMatch(share -> !share.point().isOpenLoop() && share.startOffsetNanos() == 0);
    }

    @Test
    void aRemainderGoesOneEachToTheFirstSharesAndRequestsFollowTheStreams() {
        List<PointShares.Share> shares = PointShares.split(new LoadPoint(10, 30, 0), 3, null);

        assertThat(shares).extracting(share -> share.point().concurrency()).containsExactly(4, 3, 3);
        assertThat(shares).extracting(share -> share.point().requestCount()).containsExactly(12, 9, 9);
    }

    @Test
    void closedLoopTotalsAreExactAndNoShareIsEmptyForEverySmallCase() {
        for (int streams = 1; streams <= 30; streams++) {
            for (int requests = 1; requests <= 40; requests++) {
                for (int instances = 1; instances <= 5; instances++) {
                    List<PointShares.Share> shares = PointShares.split(new LoadPoint(streams, requests, requests / 3),
                            instances, null);
                    String is = streams + " streams, " + requests + " requests over " + instances;
                    assertThat(shares).as(is).hasSize(Math.min(instances, Math.min(streams, requests)));
                    assertThat(shares.stream().mapToInt(share -> share.point().concurrency()).sum()).as(is)
                            .isEqualTo(streams);
                    assertThat(shares.stream().mapToInt(share -> share.point().requestCount()).sum()).as(is)
                            .isEqualTo(requests);
                    assertThat(shares.stream().mapToInt(share -> share.point().warmupRequestCount()).sum()).as(is)
                            .isEqualTo(requests / 3);
                }
            }
        }
    }

    @Test
    void evenlySpacedRateSharesInterleaveIntoOneScheduleAtTheFullRate() {
        List<PointShares.Share> shares = PointShares.split(
                LoadPoint.rate(40, 400, 0, ArrivalSchedule.Arrival.CONSTANT, null, 7), 4, null);

        assertThat(shares).hasSize(4).allMatch(share -> share.point().openLoop().ratePerSecond() == 10);
        // every send time of every share, from the shared start: together one request each 25 ms
        var sends = new TreeSet<Long>();
        for (PointShares.Share share : shares) {
            ArrivalSchedule schedule = ArrivalSchedule.constant(10, share.point().requestCount());
            for (int i = 0; i < share.point().requestCount(); i++) {
                sends.add(share.startOffsetNanos() + schedule.offsetNanos(i));
            }
        }
        assertThat(sends).hasSize(400);
        long previous = -1;
        for (long send : sends) {
            if (previous >= 0) {
                assertThat((double) (send - previous)).isCloseTo(25e6, within(1.0));
            }
            previous = send;
        }
    }

    @Test
    void poissonSharesDrawFromDifferentSeedsAndACapIsSplitLikeStreams() {
        List<PointShares.Share> shares = PointShares.split(
                LoadPoint.rate(9, 100, 5, ArrivalSchedule.Arrival.POISSON, 10, 7), 3, null);

        assertThat(shares).extracting(share -> share.point().openLoop().seed()).containsExactly(7L, 8L, 9L);
        assertThat(shares).allMatch(share -> share.startOffsetNanos() == 0 && share.point().openLoop().capped());
        assertThat(shares).extracting(share -> share.point().concurrency()).containsExactly(4, 3, 3);
        assertThat(shares).extracting(share -> share.point().requestCount()).containsExactly(34, 33, 33);
        assertThat(shares).extracting(share -> share.point().warmupRequestCount()).containsExactly(2, 2, 1);
    }

    @Test
    void aReplayKeepsEachConversationOnOneInstanceAndEveryRowOnce() {
        List<TraceRequest> rows = new ArrayList<>();
        String[] sessions = { "a", "a", "a", "a", null, "b", "b", null, "c", null, "c", null };
        for (int i = 0; i < sessions.length; i++) {
            rows.add(new TraceRequest(i * 100L, 10, 4, new long[] { i }, sessions[i], 0));
        }

        List<PointShares.Share> shares = PointShares.split(LoadPoint.replay(2, rows.size()), 2, rows);

        assertThat(shares).hasSize(2);
        var all = new ArrayList<Integer>();
        for (PointShares.Share share : shares) {
            assertThat(share.traceRows()).isSorted();
            assertThat(share.point().requestCount()).isEqualTo(share.traceRows().size());
            assertThat(share.point().replay().speedup()).isEqualTo(2);
            all.addAll(share.traceRows());
            for (String session : List.of("a", "b", "c")) {
                long turns = share.traceRows().stream().filter(row -> session.equals(sessions[row])).count();
                assertThat(turns).as("turns of %s on share %d", session, share.index())
                        .isIn(0L, Arrays.stream(sessions).filter(session::equals).count());
            }
        }
        all.sort(null);
        assertThat(all).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        // the four turns of "a" on one share, the other eight rows on the other: 4 and 8 would be uneven, 6 and 6 fit
        assertThat(shares).extracting(share -> share.traceRows().size()).containsExactlyInAnyOrder(6, 6);
    }

    @Test
    void replaySharesKeepSessionsWholeSendEveryRowOnceAndEachRowAtItsTimeFromTheOneStart() {
        var random = new Random(16);
        List<TraceRequest> rows = new ArrayList<>();
        Map<String, Integer> turnsLeft = new HashMap<>();
        long clock = 0;
        for (int row = 0; row < 300; row++) {
            clock += random.nextInt(400);
            String open = turnsLeft.isEmpty() || random.nextInt(3) == 0 ? null
                    : new ArrayList<>(turnsLeft.keySet()).get(random.nextInt(turnsLeft.size()));
            String session;
            Long timestamp;
            if (open != null) { // a later turn: released by its previous turn, its timestamp unused or absent
                session = open;
                timestamp = random.nextBoolean() ? null : clock;
                if (turnsLeft.merge(open, -1, Integer::sum) == 0) {
                    turnsLeft.remove(open);
                }
            } else { // a first turn, or a row of its own
                session = random.nextInt(4) == 0 ? null : "s" + row;
                timestamp = clock;
                if (session != null) {
                    turnsLeft.put(session, 1 + random.nextInt(6));
                }
            }
            rows.add(new TraceRequest(timestamp, 10 + row, 4, new long[] { row }, session, random.nextInt(50)));
        }
        int[] previousTurn = SessionTurns.previousRows(rows);

        for (double speedup : new double[] { 1, 2.5 }) {
            LoadPoint point = LoadPoint.replay(speedup, rows.size());
            Map<Integer, Long> alone = firstTurnOffsets(rows, previousTurn,
                    IntStream.range(0, rows.size()).boxed().toList(), speedup, 0);
            for (int instances = 1; instances <= 6; instances++) {
                List<PointShares.Share> shares = PointShares.split(point, instances, rows);

                assertThat(PointShares.split(point, instances, rows)).as("the same split on every instance")
                        .isEqualTo(shares);
                assertThat(shares).hasSize(instances);
                var every = new ArrayList<Integer>();
                Map<String, Integer> shareOfSession = new HashMap<>();
                Map<Integer, Long> shared = new HashMap<>();
                for (PointShares.Share share : shares) {
                    assertThat(share.traceRows()).isSorted();
                    assertThat(share.point()).isEqualTo(LoadPoint.replay(speedup, share.traceRows().size()));
                    every.addAll(share.traceRows());
                    for (int row : share.traceRows()) {
                        String session = rows.get(row).sessionId();
                        if (session != null) {
                            assertThat(shareOfSession.putIfAbsent(session, share.index()))
                                    .as("the share of session %s", session).isIn(null, share.index());
                        }
                    }
                    shared.putAll(firstTurnOffsets(rows, previousTurn, share.traceRows(), speedup,
                            share.startOffsetNanos()));
                }
                every.sort(null);
                assertThat(every).as("every row once").isEqualTo(IntStream.range(0, rows.size()).boxed().toList());
                assertThat(shared.keySet()).isEqualTo(alone.keySet());
                // each first turn leaves after the one shared start exactly when it leaves on one instance (±1 ns)
                alone.forEach((row, offset) -> assertThat(shared.get(row)).as("row %d, %d shares", row, shares.size())
                        .isCloseTo(offset, within(1L)));
            }
        }
    }

    /**
     * When each first turn among {@code subset} leaves, in ns after the shared start: the subset's replay schedule (its
     * first turns by timestamp, from its own first) moved by {@code startOffsetNanos}.
     */
    private static Map<Integer, Long> firstTurnOffsets(List<TraceRequest> rows, int[] previousTurn,
            List<Integer> subset, double speedup, long startOffsetNanos) {
        List<Integer> firstTurns = subset.stream().filter(row -> previousTurn[row] < 0)
                .sorted(Comparator.comparingLong(row -> rows.get(row).timestampMillis())).toList();
        var schedule = ArrivalSchedule.replay(firstTurns.stream().mapToLong(row -> rows.get(row).timestampMillis())
                .toArray(), speedup);
        Map<Integer, Long> offsets = new HashMap<>();
        for (int i = 0; i < firstTurns.size(); i++) {
            offsets.put(firstTurns.get(i), startOffsetNanos + schedule.offsetNanos(i));
        }
        return offsets;
    }

    @Test
    void oneInstanceIsThePointItselfAndNoneIsRefused() {
        LoadPoint point = new LoadPoint(5, 50, 3);

        assertThat(PointShares.split(point, 1, null)).singleElement()
                .satisfies(share -> assertThat(share.point()).isEqualTo(point));
        assertThatThrownBy(() -> PointShares.split(point, 0, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
