package io.perfsweep.server;

import java.util.Map;

/** The {@code stats} object of one series in {@code server_metrics_export.json}. */
public interface SeriesStats {

    /** The stats as the schema names them, in the schema's order; absent values are left out. */
    Map<String, Object> toJson();
}
