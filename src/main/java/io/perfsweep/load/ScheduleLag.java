package io.perfsweep.load;

import java.util.List;

import io.perfsweep.metrics.MetricStats;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.metrics.SendDelay;

/**
 * How far behind its schedule the load generator sent the requests of a point: percentiles of the send delay
 * ({@code sentNanos − intendedStartNanos}, metric {@code send_delay}), in milliseconds, numpy-linear like every other
 * percentile.
 *
 * <p>
 * A point is <em>degraded</em> when the p99 lag exceeds {@value #DEGRADED_P99_MILLIS} ms, AIPerf's threshold: the
 * generator (or the concurrency cap) could not keep the asked rate, so the point measured a lower offered load than
 * its label says. Its latencies from intended start stay honest (they include the lag); its latencies from send do
 * not. Closed-loop points have no lag (intended start is the send).
 *
 * @param p50Millis median send delay
 * @param p90Millis 90th percentile send delay
 * @param p99Millis 99th percentile send delay
 * @param degraded whether {@code p99Millis > 500}
 */
public record ScheduleLag(double p50Millis, double p90Millis, double p99Millis, boolean degraded) {

    /** AIPerf's limit on the p99 schedule lag, in ms, beyond which a point's schedule counts as degraded. */
    public static final double DEGRADED_P99_MILLIS = 500;

    /** No lag at all (no records, or a closed-loop point). */
    public static final ScheduleLag NONE = new ScheduleLag(0, 0, 0, false);

    /** The lag of these records, valid or not (a failed request still left late or on time). */
    public static ScheduleLag of(List<RequestRecord> records) {
        if (records.isEmpty()) {
            return NONE;
        }
        double[] lagMillis = records.stream().mapToDouble(r -> SendDelay.nanos(r) / 1e6).sorted().toArray();
        double p99 = MetricStats.percentile(lagMillis, 99);
        return new ScheduleLag(MetricStats.percentile(lagMillis, 50), MetricStats.percentile(lagMillis, 90), p99,
                p99 > DEGRADED_P99_MILLIS);
    }
}
