package io.perfsweep.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TraceBinsTest {

    @Test
    void binsRowsIntoIntervalWindowsSkippingEmptyOnes() {
        // interval 10 s: 0 ms and 9999 ms → window 0; 10000 ms → 10; 35000 ms → 30 (window 20 is empty, not emitted)
        List<TraceRow> rows = List.of(TraceRow.of(0, 100, 10, List.of()), TraceRow.of(9999, 201, 21, List.of()),
                TraceRow.of(10_000, 50, 5, List.of()), TraceRow.of(35_000, 7, 3, List.of()));

        assertThat(TraceBins.bin(rows, 10)).containsExactly(new TraceBins.TrafficBin(0, 2, 150.5, 15.5),
                new TraceBins.TrafficBin(10, 1, 50, 5), new TraceBins.TrafficBin(30, 1, 7, 3));
    }

    @Test
    void unsortedRowsLandInSortedWindows() {
        List<TraceRow> rows = List.of(TraceRow.of(61_000, 3, 1, List.of()), TraceRow.of(1_000, 1, 1, List.of()),
                TraceRow.of(60_000, 5, 3, List.of()));

        assertThat(TraceBins.bin(rows, 60)).containsExactly(new TraceBins.TrafficBin(0, 1, 1, 1),
                new TraceBins.TrafficBin(60, 2, 4, 2));
    }
}
