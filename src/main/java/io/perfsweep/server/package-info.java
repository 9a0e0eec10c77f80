/**
 * The target's own metrics beside the client's: a strict parser of the Prometheus text format and OpenMetrics
 * ({@link io.perfsweep.server.ExpositionParser}), one parsed scrape ({@link io.perfsweep.server.Scrape}), AIPerf's
 * per-series statistics over a point's measured window ({@link io.perfsweep.server.ServerMetricsWindow}), facts
 * derived from them whichever server it is ({@link io.perfsweep.server.ServerFacts}) and AIPerf's
 * {@code server_metrics_export.json}/{@code .csv} ({@link io.perfsweep.server.ServerMetricsExport}). The pure part
 * knows no HTTP, CDI or clock of its own; times come in as {@link java.lang.System#nanoTime()} values. Depends on
 * {@code metrics} only (for NumPy's percentile).
 */
package io.perfsweep.server;
