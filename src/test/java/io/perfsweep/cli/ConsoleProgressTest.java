package io.perfsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import io.perfsweep.load.ArrivalSchedule;
import io.perfsweep.load.LoadPoint;

/** The progress lines name the load each point actually runs. */
class ConsoleProgressTest {

    @Test
    void eachKindOfPointIsAnnouncedByItsOwnLoad() {
        var text = new StringWriter();
        var progress = new ConsoleProgress(new PrintWriter(text, true));

        progress.pointStarted(LoadPoint.rate(5, 30, 0, ArrivalSchedule.Arrival.POISSON, 8, 1), 0, 4);
        progress.pointStarted(LoadPoint.rate(2.5, 10, 0, ArrivalSchedule.Arrival.CONSTANT, null, 1), 1, 4);
        progress.pointStarted(LoadPoint.replay(4, 12), 2, 4);
        progress.pointStarted(new LoadPoint(8, 24, 8), 3, 4);

        assertThat(text.toString().lines()).containsExactly(
                "[1/4] rate 5/s (at most 8 in flight): 30 requests (+0 warm-up)",
                "[2/4] rate 2.5/s: 10 requests (+0 warm-up)",
                "[3/4] replay x4: 12 requests (+0 warm-up)",
                "[4/4] concurrency 8: 24 requests (+8 warm-up)");
    }
}
