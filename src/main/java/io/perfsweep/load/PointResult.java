package io.perfsweep.load;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.perfsweep.metrics.PointSummary;
import io.perfsweep.metrics.PointTrials;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.server.ServerCapture;

/**
 * A finished point.
 *
 * @param point what was asked
 * @param summary AIPerf statistics of the measured requests
 * @param records the measured requests (warm-up excluded), in send order
 * @param requestIds the {@code X-Request-ID} of each record, in the same order
 * @param maxInFlight the most requests in flight at once, as counted by the load generator
 * @param startTime wall-clock start of the measured phase
 * @param endTime wall-clock end of the measured phase
 * @param server the target's own metrics scraped during the point; {@link ServerCapture#NONE} when none were
 */
public record PointResult(LoadPoint point, PointSummary summary, List<RequestRecord> records, List<String> requestIds,
        int maxInFlight, Instant startTime, Instant endTime, ServerCapture server) {

    public PointResult {
        server = server == null ? ServerCapture.NONE : server;
    }

    /** A point measured without server metrics. */
    public PointResult(LoadPoint point, PointSummary summary, List<RequestRecord> records, List<String> requestIds,
            int maxInFlight, Instant startTime, Instant endTime) {
        this(point, summary, records, requestIds, maxInFlight, startTime, endTime, ServerCapture.NONE);
    }

    /**
     * A point run as several trials, as one result: the means over the trials ({@link PointTrials#mean()}), every
     * trial's records and request ids in trial order, the most in flight of any trial, from the first trial's start to
     * the last one's end, and the first trial's server metrics. One trial is that trial.
     */
    public static PointResult ofTrials(List<PointResult> trials) {
        if (trials.size() == 1) {
            return trials.get(0);
        }
        var records = new ArrayList<RequestRecord>();
        var requestIds = new ArrayList<String>();
        trials.forEach(t -> {
            records.addAll(t.records());
            requestIds.addAll(t.requestIds());
        });
        PointResult first = trials.get(0);
        return new PointResult(first.point(), new PointTrials(trials.stream().map(PointResult::summary).toList())
                .mean(), records, requestIds, trials.stream().mapToInt(PointResult::maxInFlight).max().orElse(0),
                first.startTime(), trials.get(trials.size() - 1).endTime(), first.server());
    }

    /** Send-delay percentiles of the measured requests; all zero for a closed-loop point. */
    public ScheduleLag scheduleLag() {
        return ScheduleLag.of(records);
    }

    /** Whether the point could not keep its schedule: p99 send delay above {@value ScheduleLag#DEGRADED_P99_MILLIS} ms. */
    public boolean scheduleDegraded() {
        return scheduleLag().degraded();
    }
}
