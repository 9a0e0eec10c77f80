package io.perfsweep.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class TimeSlicesTest {

    static final long MS = 1_000_000L;
    /** A wall-clock instant on a whole number of 2-second slices since the epoch. */
    static final long WALL = 1_700_000_000_000_000_000L;

    /** A valid request sent {@code sentMs} after {@link #WALL} on the wall clock, ending at {@code endMs}. */
    static RequestRecord request(long sentMs, long endMs) {
        long sent = sentMs * MS;
        long end = endMs * MS;
        return new RequestRecord(sent, sent, end, WALL + sent, new long[] { sent + 10 * MS, end }, 0, 100, 2, null, 2,
                null, null);
    }

    /** The window 0.3 s … 7.1 s after {@link #WALL}: a, b (both in slice 0), c on the 2 s boundary, d in the last. */
    static final List<RequestRecord> RECORDS = List.of(request(300, 1_900), request(1_900, 5_000),
            request(2_000, 2_500), request(6_500, 7_000));

    static TimeSlices twoSecondSlices() {
        return TimeSlices.of(RECORDS, WALL + 300 * MS, WALL + 7_100 * MS, 2.0).orElseThrow();
    }

    @Test
    void slicesAreCutOnWallClockMultiplesOfTheDurationSoTheFirstAndLastAreShort() {
        TimeSlices slices = twoSecondSlices();

        assertThat(slices.slices()).containsExactly(
                new TimeSlices.Slice(0, WALL + 300 * MS, WALL + 2_000 * MS, false),
                new TimeSlices.Slice(1, WALL + 2_000 * MS, WALL + 4_000 * MS, true),
                new TimeSlices.Slice(2, WALL + 4_000 * MS, WALL + 6_000 * MS, true),
                new TimeSlices.Slice(3, WALL + 6_000 * MS, WALL + 7_100 * MS, false));
        assertThat(slices.sliceSeconds()).isEqualTo(2.0);
        assertThat(slices.slices().get(3).seconds()).isCloseTo(1.1, within(1e-9));
    }

    @Test
    void aRequestCountsInTheSliceItWasSentInByAiperfsRule() {
        TimeSlices slices = twoSecondSlices();
        List<List<RequestRecord>> bySlice = slices.requestsBySlice(RECORDS);

        // b is sent at 1.9 s and ends at 5 s: it counts in slice 0 only, with its whole latency
        assertThat(bySlice.get(0)).containsExactly(RECORDS.get(0), RECORDS.get(1));
        // c is sent exactly on the 2 s boundary: ⌊t / 2 s⌋ puts it in the later slice
        assertThat(bySlice.get(1)).containsExactly(RECORDS.get(2));
        assertThat(bySlice.get(2)).isEmpty();
        assertThat(bySlice.get(3)).containsExactly(RECORDS.get(3));
        assertThat(slices.indexOf(WALL + 2_000 * MS - 1)).isZero();
        assertThat(slices.indexOf(WALL + 2_000 * MS)).isEqualTo(1);
        assertThat(slices.indexOf(WALL + 200 * MS)).isEqualTo(-1);
        assertThat(slices.indexOf(WALL + 7_100 * MS)).isEqualTo(-1);

        List<PointSummary> summaries = slices.summaries(RECORDS, Slo.NONE);
        assertThat(summaries.get(0).requestCount()).isEqualTo(2);
        assertThat(summaries.get(0).recordMetrics().get(MetricTag.REQUEST_LATENCY).avg())
                .isCloseTo((1_600 + 3_100) / 2.0, within(1e-9));
        assertThat(summaries.get(1).requestCount()).isEqualTo(1);
        assertThat(summaries.get(2).requestCount()).isZero();
        assertThat(summaries.get(2).recordMetrics()).isEmpty();
    }

    @Test
    void theClientsRequestsInFlightAreTheirTimeInsideEachSliceOverItsLength() {
        double[] inFlight = twoSecondSlices().inFlight(RECORDS);

        assertThat(inFlight[0]).isCloseTo((1.6 + 0.1) / 1.7, within(1e-9)); // a, and b's first 0.1 s
        assertThat(inFlight[1]).isCloseTo((2.0 + 0.5) / 2.0, within(1e-9)); // b throughout, c for 0.5 s
        assertThat(inFlight[2]).isCloseTo(1.0 / 2.0, within(1e-9)); // b until 5 s, though sent in slice 0
        assertThat(inFlight[3]).isCloseTo(0.5 / 1.1, within(1e-9));
    }

    @Test
    void aRequestOutsideTheGivenWindowWidensItAndNoRequestMeansNoSlices() {
        TimeSlices slices = TimeSlices.of(List.of(request(-500, 100), request(300, 9_000)), WALL, WALL + 4_000 * MS,
                2.0).orElseThrow();

        assertThat(slices.slices()).hasSize(6);
        assertThat(slices.slices().get(0).startEpochNanos()).isEqualTo(WALL - 500 * MS);
        assertThat(slices.slices().get(5).endEpochNanos()).isEqualTo(WALL + 9_000 * MS + 1);
        assertThat(slices.monotonicOf(WALL + 300 * MS)).isEqualTo(300 * MS);
        assertThat(TimeSlices.of(List.of(), WALL, WALL + 4_000 * MS, 2.0)).isEmpty();
        assertThat(TimeSlices.timelineSeconds(30)).isEqualTo(1.0);
        assertThat(TimeSlices.timelineSeconds(600)).isEqualTo(5.0);
    }
}
