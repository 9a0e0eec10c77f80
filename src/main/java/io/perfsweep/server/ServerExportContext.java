package io.perfsweep.server;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code server_metrics_export.json} says besides the statistics.
 *
 * @param aiperfVersion written as {@code aiperf_version} (perfsweep's version string), or {@code null}
 * @param benchmarkId the benchmark's UUID, or {@code null}
 * @param endpointsConfigured every endpoint that was to be scraped, reachable or not
 * @param startTime start of the measured window on the wall clock
 * @param endTime end of the measured window on the wall clock
 * @param inputConfig the user's configuration, serialised as given
 */
public record ServerExportContext(String aiperfVersion, String benchmarkId, List<String> endpointsConfigured,
        Instant startTime, Instant endTime, Map<String, Object> inputConfig) {

    public ServerExportContext {
        endpointsConfigured = List.copyOf(endpointsConfigured);
        inputConfig = inputConfig == null ? Map.of() : inputConfig;
    }
}
