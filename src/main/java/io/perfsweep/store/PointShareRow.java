package io.perfsweep.store;

import java.util.Map;

/**
 * A share as stored ({@code point_share}).
 *
 * @param shareIndex the share, from 0
 * @param instance the instance that ran it
 * @param coordinator the instance that merges its point
 * @param concurrency its streams, or null for an uncapped rate share
 * @param requestRate its requests/s, or null for a closed-loop share
 * @param requests measured requests it sends
 * @param state {@code RUNNING} or {@code DONE}
 * @param recordCount records written, or null until done
 * @param startSkewMs its window's start minus the agreed start, on the coordinator's clock, or null until done
 * @param clientHealth its client verdict as in the AIPerf export, or null
 */
public record PointShareRow(int shareIndex, String instance, String coordinator, Integer concurrency,
        Double requestRate, int requests, String state, Integer recordCount, Double startSkewMs,
        Map<String, Object> clientHealth) {

    public boolean done() {
        return "DONE".equals(state);
    }
}
