package io.perfsweep.datagen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The planner's warm-up binning of a Mooncake trace (Dynamo
 * {@code components/src/dynamo/planner/offline/trace_data.py:extract_metrics_from_mooncake}, anchors §6.3): each row
 * falls into the window {@code floor(timestamp_s / interval) · interval}; non-empty windows are returned in time order
 * with their request count and mean ISL/OSL. Empty windows are not emitted, as in Dynamo.
 */
public final class TraceBins {

    private TraceBins() {
    }

    /**
     * One adjustment-interval window.
     *
     * @param intervalStartSeconds start of the window in seconds since the trace start
     * @param requestCount rows in the window
     * @param avgIsl mean {@code input_length} in tokens
     * @param avgOsl mean {@code output_length} in tokens
     */
    public record TrafficBin(long intervalStartSeconds, int requestCount, double avgIsl, double avgOsl) {
    }

    /** Bins rows into windows of {@code intervalSeconds}; every row needs a timestamp. */
    public static List<TrafficBin> bin(List<TraceRow> rows, int intervalSeconds) {
        if (intervalSeconds <= 0) {
            throw new IllegalArgumentException("interval must be positive, got " + intervalSeconds);
        }
        long intervalMillis = intervalSeconds * 1000L;
        Map<Long, long[]> totalsByStart = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            TraceRow row = rows.get(i);
            if (row.timestampMillis() == null) {
                throw new IllegalArgumentException("row " + (i + 1) + " has no timestamp");
            }
            long start = Math.floorDiv(row.timestampMillis(), intervalMillis) * intervalSeconds;
            long[] totals = totalsByStart.computeIfAbsent(start, key -> new long[3]);
            totals[0]++;
            totals[1] += row.inputLengthTokens();
            totals[2] += row.outputLengthTokens();
        }
        List<TrafficBin> bins = new ArrayList<>(totalsByStart.size());
        totalsByStart.forEach((start, totals) -> bins.add(new TrafficBin(start, (int) totals[0],
                (double) totals[1] / totals[0], (double) totals[2] / totals[0])));
        return bins;
    }
}
