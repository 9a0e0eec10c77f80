package io.perfsweep.store;

import java.io.Serializable;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One trial of a point run several times (table {@code sweep_point_trial}): its own AIPerf summary and where its
 * records lie among the point's ({@code seq} from {@code firstSeq}, {@code recordCount} of them).
 */
@Entity
@Table(name = "sweep_point_trial")
@IdClass(SweepPointTrialEntity.Key.class)
public class SweepPointTrialEntity extends PanacheEntityBase {

    @Id
    @Column(name = "point_id")
    public Long pointId;

    /** From 1, in the order the trials ran. */
    @Id
    @Column(name = "trial")
    public Integer trial;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "summary", nullable = false, columnDefinition = "jsonb")
    public Map<String, Object> summary;

    @Column(name = "first_seq", nullable = false)
    public int firstSeq;

    @Column(name = "record_count", nullable = false)
    public int recordCount;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** The composite key: point and trial. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        public Long pointId;
        public Integer trial;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(pointId, k.pointId) && Objects.equals(trial, k.trial);
        }

        @Override
        public int hashCode() {
            return Objects.hash(pointId, trial);
        }
    }
}
