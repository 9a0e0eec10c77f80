package io.perfsweep.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the AIPerf export needs besides the measurements.
 *
 * @param benchmarkId identifier of the run or sweep point, written as {@code benchmark_id}
 * @param startTime when the point started ({@code start_time}), or null to omit it
 * @param endTime when the point ended ({@code end_time}), or null to omit it
 * @param wasCancelled whether the point was stopped before it completed
 * @param inputConfig the resolved configuration, written as-is as {@code input_config}; empty to omit it
 * @param runInfo run identification ({@code sweep_id}, {@code trial}, {@code run_label}, …); empty to omit it
 * @param requestIds {@code X-Request-ID} of each record, in record order; empty to derive
 *        {@code "<benchmarkId>-<index>"}
 * @param workers the instances that drove a shared point ({@code instance}, {@code concurrency}, {@code requests},
 *        {@code startSkewMs}), written as perfsweep's top-level {@code workers}; empty to omit it
 */
public record ExportContext(String benchmarkId, Instant startTime, Instant endTime, boolean wasCancelled,
        Map<String, Object> inputConfig, Map<String, Object> runInfo, List<String> requestIds,
        List<Map<String, Object>> workers) {

    public ExportContext {
        inputConfig = Map.copyOf(inputConfig);
        runInfo = Map.copyOf(runInfo);
        requestIds = List.copyOf(requestIds);
        workers = workers == null ? List.of() : List.copyOf(workers);
    }

    /** A point one instance ran. */
    public ExportContext(String benchmarkId, Instant startTime, Instant endTime, boolean wasCancelled,
            Map<String, Object> inputConfig, Map<String, Object> runInfo, List<String> requestIds) {
        this(benchmarkId, startTime, endTime, wasCancelled, inputConfig, runInfo, requestIds, List.of());
    }

    /** A context with only an id: no times, no configuration, derived request ids. */
    public static ExportContext of(String benchmarkId) {
        return new ExportContext(benchmarkId, null, null, false, Map.of(), Map.of(), List.of());
    }

    /** The request id of the record at {@code index}. */
    public String requestId(int index) {
        return index < requestIds.size() ? requestIds.get(index) : benchmarkId + "-" + index;
    }
}
