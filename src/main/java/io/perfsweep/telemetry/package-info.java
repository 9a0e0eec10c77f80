/**
 * Live Micrometer meters of running sweeps and of the job queue, scraped by Prometheus at {@code /q/metrics} as
 * {@code perfsweep_*}. Labels are bounded: {@code benchmark}, {@code target}, {@code model} (plus {@code outcome} or
 * {@code state}); never a job or request id.
 */
package io.perfsweep.telemetry;
