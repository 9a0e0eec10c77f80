package io.perfsweep.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsweep.load.ArrivalSchedule;
import io.perfsweep.load.LoadPoint;
import io.perfsweep.load.PointShares;
import io.perfsweep.workload.TraceRequest;

/** A share travels the work queue as JSON and comes back as exactly the load point it was split into. */
class ShareMessageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<LoadPoint> throughJson(LoadPoint point, int instances) throws Exception {
        var shares = PointShares.split(point, instances, List.of());
        var points = new java.util.ArrayList<LoadPoint>();
        for (PointShares.Share share : shares) {
            var message = ShareMessage.of("job", 3, "attempt", share, shares.size(), "svc-1", "run.work.instance.x",
                    1_800_000_000_000L, 42 + share.index(), null);
            ShareMessage read = JSON.readValue(JSON.writeValueAsBytes(message), ShareMessage.class);
            assertThat(read).isEqualTo(message);
            assertThat(read.point()).isEqualTo(share.point());
            points.add(read.point());
        }
        return points;
    }

    @Test
    void aReplayShareCarriesItsSpeedupStartOffsetAndTheTracesDigestButNoRows() throws Exception {
        List<TraceRequest> rows = List.of(new TraceRequest(0L, 10, 4, new long[] { 1 }, "a", 0),
                new TraceRequest(1_000L, 11, 4, new long[] { 2 }, "b", 0),
                new TraceRequest(null, 12, 4, new long[] { 1, 3 }, "a", 250));
        String digest = ShareMessage.traceDigest(rows);
        var shares = PointShares.split(LoadPoint.replay(2, 3), 2, rows);

        for (PointShares.Share share : shares) {
            var message = ShareMessage.of("job", 0, "attempt", share, shares.size(), "svc-1", "run.work.instance.x",
                    1_800_000_000_000L, 0, digest);
            ShareMessage read = JSON.readValue(JSON.writeValueAsBytes(message), ShareMessage.class);
            assertThat(read).isEqualTo(message);
            assertThat(read.point()).isEqualTo(share.point());
            assertThat(read.traceDigest()).isEqualTo(digest);
        }
        // session "a" (two turns) on share 0 from the start; "b" on share 1, 1 s into the trace at speed-up 2
        assertThat(shares).extracting(PointShares.Share::startOffsetNanos).containsExactly(0L, 500_000_000L);
        assertThat(ShareMessage.traceDigest(List.of(rows.get(0), rows.get(1), new TraceRequest(null, 12, 4,
                new long[] { 1, 3 }, "a", 251)))).as("a changed delay changes the digest").isNotEqualTo(digest);
    }

    @Test
    void closedLoopSharesKeepTheirStreamsAndRequests() throws Exception {
        assertThat(throughJson(new LoadPoint(200, 401, 10), 2)).containsExactly(new LoadPoint(100, 201, 5),
                new LoadPoint(100, 200, 5));
    }

    @Test
    void rateSharesKeepTheirRateArrivalCapAndSeed() throws Exception {
        var poisson = throughJson(LoadPoint.rate(30, 90, 0, ArrivalSchedule.Arrival.POISSON, 12, 7), 3);
        assertThat(poisson).extracting(p -> p.openLoop().seed()).containsExactly(7L, 8L, 9L);
        assertThat(poisson).allSatisfy(p -> {
            assertThat(p.openLoop().ratePerSecond()).isEqualTo(10);
            assertThat(p.concurrency()).isEqualTo(4);
            assertThat(p.openLoop().capped()).isTrue();
        });
        var constant = throughJson(LoadPoint.rate(8, 40, 0, ArrivalSchedule.Arrival.CONSTANT, null, 1), 2);
        assertThat(constant).allSatisfy(p -> assertThat(p.openLoop().capped()).isFalse());
    }
}
