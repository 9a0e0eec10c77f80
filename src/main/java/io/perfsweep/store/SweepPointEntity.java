package io.perfsweep.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One measured sweep point (table {@code sweep_point}): the AIPerf-shaped summary as {@code jsonb}, the numbers people
 * query as typed columns (display units: ms, requests/s, tokens/s), and the encoded HDR histograms. A column is null
 * when the summary has no value for it, never 0. Filled by {@link PointColumns}.
 */
@Entity
@Table(name = "sweep_point")
public class SweepPointEntity extends PanacheEntityBase {

    /** {@code bigserial}: identity generation, so the id is known right after {@code persist} (the COPY needs it). */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    public Long id;

    @Column(name = "job_id", nullable = false)
    public String jobId;

    @Column(name = "point_index", nullable = false)
    public int pointIndex;

    @Column(name = "label", nullable = false)
    public String label;

    @Column(name = "concurrency")
    public Integer concurrency;

    @Column(name = "request_rate")
    public Double requestRatePerSecond;

    @Column(name = "gpus")
    public Integer gpus;

    /** Share of each prompt taken from a shared prefix, for the points of a prefix-ratio job; else null. */
    @Column(name = "prefix_ratio")
    public Double prefixRatio;

    /** AIPerf {@code profile_export_aiperf.json} metric keys: tag → {unit, avg, p50, …}; see {@link PointSummaryJson}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "summary", nullable = false, columnDefinition = "jsonb")
    public Map<String, Object> summary;

    /**
     * The target's own metrics over the measured window ({@code server_metrics_export.json} with the derived facts),
     * or null when the point was measured without them.
     */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "server_metrics", columnDefinition = "jsonb")
    public Map<String, Object> serverMetrics;

    /** Why a trial of the point failed after its earlier trials were kept, or null when none failed. */
    @Column(name = "failure")
    public String failure;

    /** The instances that drove a shared point ({@code [{instance, concurrency, requests, startSkewMs}]}), or null. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "workers", columnDefinition = "jsonb")
    public List<Map<String, Object>> workers;

    @Column(name = "ttft_avg_ms")
    public Double ttftAvgMillis;
    @Column(name = "ttft_p50_ms")
    public Double ttftP50Millis;
    @Column(name = "ttft_p90_ms")
    public Double ttftP90Millis;
    @Column(name = "ttft_p99_ms")
    public Double ttftP99Millis;

    @Column(name = "itl_avg_ms")
    public Double itlAvgMillis;
    @Column(name = "itl_p50_ms")
    public Double itlP50Millis;
    @Column(name = "itl_p90_ms")
    public Double itlP90Millis;
    @Column(name = "itl_p99_ms")
    public Double itlP99Millis;

    @Column(name = "latency_avg_ms")
    public Double latencyAvgMillis;
    @Column(name = "latency_p50_ms")
    public Double latencyP50Millis;
    @Column(name = "latency_p90_ms")
    public Double latencyP90Millis;
    @Column(name = "latency_p99_ms")
    public Double latencyP99Millis;

    @Column(name = "request_throughput")
    public Double requestsPerSecond;
    @Column(name = "output_token_throughput")
    public Double outputTokensPerSecond;
    @Column(name = "tokens_per_sec_per_user")
    public Double tokensPerSecondPerUser;
    @Column(name = "tokens_per_sec_per_gpu")
    public Double tokensPerSecondPerGpu;
    @Column(name = "goodput")
    public Double goodputRequestsPerSecond;
    @Column(name = "good_request_fraction")
    public Double goodRequestFraction;

    @Column(name = "request_count", nullable = false)
    public long requestCount;
    @Column(name = "error_count", nullable = false)
    public long errorCount;
    @Column(name = "achieved_concurrency")
    public Double achievedConcurrency;

    /** {@link PointHistogramsCodec} bytes. */
    @Column(name = "histograms")
    public byte[] histograms;

    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
}
