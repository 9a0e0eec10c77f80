package io.perfsweep.store;

import java.time.Instant;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The planner's files of one planner-profile job (table {@code planner_profile}), see {@link PlannerProfileStore}. */
@Entity
@Table(name = "planner_profile")
public class PlannerProfileEntity extends PanacheEntityBase {

    @Id
    @Column(name = "job_id")
    public String jobId;

    /** {@code prefill_raw_data.json}, as written. */
    @Column(name = "prefill_raw_data", nullable = false)
    public String prefillRawData;

    /** {@code decode_raw_data.json}, as written. */
    @Column(name = "decode_raw_data", nullable = false)
    public String decodeRawData;

    /** {@code selected_prefill_interpolation/raw_data.npz}. */
    @Column(name = "prefill_npz", nullable = false)
    public byte[] prefillNpz;

    /** {@code selected_decode_interpolation/raw_data.npz}. */
    @Column(name = "decode_npz", nullable = false)
    public byte[] decodeNpz;

    @Column(name = "max_kv_tokens", nullable = false)
    public long maxKvTokens;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "summary", nullable = false, columnDefinition = "jsonb")
    public Map<String, Object> summary;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
