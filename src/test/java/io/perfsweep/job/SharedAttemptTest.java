package io.perfsweep.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.perfsweep.load.LoadPoint;
import io.perfsweep.metrics.MetricTag;
import io.perfsweep.metrics.PointSummarizer;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.metrics.Slo;
import io.perfsweep.store.PointShareRow;

/** The exact merge of a shared point: one timeline for every worker's records, and the union summarized once. */
class SharedAttemptTest {

    private static final long MS = 1_000_000;

    /**
     * A request of {@code tokens} tokens sent at {@code sentNanos} on a worker's monotonic clock whose wall clock reads
     * {@code wallAtZeroNanos} at monotonic 0: TTFT {@code ttftMs}, one token every {@code itlMs}.
     */
    private static RequestRecord request(long wallAtZeroNanos, long sentNanos, long ttftMs, long itlMs, int tokens) {
        long[] responses = new long[tokens];
        for (int i = 0; i < tokens; i++) {
            responses[i] = sentNanos + ttftMs * MS + i * itlMs * MS;
        }
        return new RequestRecord(sentNanos, sentNanos, responses[tokens - 1] + MS, wallAtZeroNanos + sentNanos,
                responses, 0, 10, tokens, null, tokens, null, null);
    }

    @Test
    void workersOnUnrelatedMonotonicClocksMeetOnTheCoordinatorsWallClockWithEveryDurationKept() {
        long trueStart = 1_800_000_000_000_000_000L; // epoch ns of the shared start on the coordinator's clock
        // worker A: monotonic 5 s at the start, wall clock right; worker B: monotonic 9000 s, wall clock 3 ms ahead
        var a = List.of(request(trueStart - 5_000 * MS, 5_000 * MS, 40, 10, 5));
        var b = List.of(request(trueStart + 3 * MS - 9_000_000 * MS, 9_000_000 * MS, 70, 20, 5));

        var onA = SharedTimeline.of(a, 0).get(0);
        var onB = SharedTimeline.of(b, 3 * MS).get(0);

        assertThat(onA.sentNanos()).isEqualTo(trueStart);
        assertThat(onB.sentNanos()).as("B's offset removed").isEqualTo(trueStart);
        assertThat(onB.wallStartEpochNanos()).isEqualTo(trueStart);
        assertThat(onB.responseNanos()[0] - onB.sentNanos()).as("TTFT kept").isEqualTo(70 * MS);
        assertThat(onB.responseNanos()[4] - onB.responseNanos()[3]).as("ITL kept").isEqualTo(20 * MS);
        assertThat(onB.endNanos() - onB.sentNanos()).isEqualTo(b.get(0).endNanos() - b.get(0).sentNanos());
    }

    @Test
    void theMergeIsTheSummaryOfTheUnionNotAnAverageOfTheShares() {
        long start = 1_800_000_000_000_000_000L;
        var first = new ArrayList<RequestRecord>();
        var second = new ArrayList<RequestRecord>();
        for (int i = 0; i < 90; i++) {
            first.add(request(start, i * 10 * MS, 20, 5, 4)); // fast worker: TTFT 20 ms
        }
        for (int i = 0; i < 10; i++) {
            second.add(request(start, i * 10 * MS, 500, 5, 4)); // slow worker: TTFT 500 ms
        }
        var union = new ArrayList<RequestRecord>(first);
        union.addAll(second);
        var rows = List.of(new PointShareRow(0, "a", "a", 90, null, 90, "DONE", 90, 1.5, null),
                new PointShareRow(1, "b", "a", 10, null, 10, "DONE", 10, -0.5, null));

        var merged = SharedAttempt.merge(new LoadPoint(100, 100, 0), Slo.NONE, rows, 2, union, Instant.EPOCH);

        var ttft = merged.result().summary().stats(MetricTag.TIME_TO_FIRST_TOKEN).orElseThrow();
        assertThat(ttft.p50()).isCloseTo(20, within(1e-9));
        // p99 of the union is the slow worker's, where an average of the two p99s would read 260 ms
        assertThat(ttft.p99()).isCloseTo(500, within(1e-9));
        assertThat(ttft.p99()).isEqualTo(PointSummarizer.summarize(union, Slo.NONE)
                .stats(MetricTag.TIME_TO_FIRST_TOKEN).orElseThrow().p99());
        assertThat(merged.result().summary().requestCount()).isEqualTo(100);
        assertThat(merged.workers()).extracting(w -> w.instance() + ":" + w.concurrency() + ":" + w.requests())
                .containsExactly("a:90:90", "b:10:10");
    }

    @Test
    void anAttemptWithAMissingShareOrMissingRecordsIsNeverMerged() {
        var record = request(0, 0, 20, 5, 4);
        var done = new PointShareRow(0, "a", "a", 1, null, 1, "DONE", 1, 0.0, null);
        var running = new PointShareRow(1, "b", "a", 1, null, 1, "RUNNING", null, null, null);

        assertThatThrownBy(() -> SharedAttempt.merge(new LoadPoint(2, 2, 0), Slo.NONE, List.of(done), 2,
                List.of(record), Instant.EPOCH)).hasMessageContaining("1 of 2 shares");
        assertThatThrownBy(() -> SharedAttempt.merge(new LoadPoint(2, 2, 0), Slo.NONE, List.of(done, running), 2,
                List.of(record), Instant.EPOCH)).hasMessageContaining("incomplete");
    }

    @Test
    void aShareNotReadyInTimeOrSilentOrFailedVoidsTheAttempt() {
        var attempt = new SharedAttempt("x", 2);
        attempt.report(new ShareReport(ShareReport.Kind.READY, "x", 0, "a", null), 1_000);

        assertThat(attempt.problem(1_500, 2_000, 4_000)).isNull();
        assertThat(attempt.problem(2_500, 2_000, 4_000)).isEqualTo("share 1 was not ready in time (no instance"
                + " took it)");
        attempt.report(new ShareReport(ShareReport.Kind.READY, "x", 1, "b", null), 2_000);
        attempt.report(new ShareReport(ShareReport.Kind.ALIVE, "x", 1, "b", null), 5_500);
        assertThat(attempt.problem(5_500, 2_000, 4_000)).isEqualTo("share 0 on a went silent for 4 s (the instance"
                + " died or lost NATS)");
        attempt.report(new ShareReport(ShareReport.Kind.FAILED, "x", 1, "b", "boom"), 5_600);
        assertThat(attempt.problem(5_600, 2_000, 4_000)).isEqualTo("share 1 on b failed: boom");
    }
}
