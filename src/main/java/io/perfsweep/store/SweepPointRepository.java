package io.perfsweep.store;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

/** Queries over sweep points; storing goes through {@link PointStore}, which also writes the records. */
@ApplicationScoped
public class SweepPointRepository implements PanacheRepository<SweepPointEntity> {

    /** A job's points in sweep order. */
    public List<SweepPointEntity> listByJob(String jobId) {
        return list("jobId = ?1 order by pointIndex", jobId);
    }

    /** The point at this position of a job's sweep, if stored. */
    public Optional<SweepPointEntity> findByJobAndIndex(String jobId, int pointIndex) {
        return find("jobId = ?1 and pointIndex = ?2", jobId, pointIndex).firstResultOptional();
    }

    /** How many raw request records a point has. */
    public long countRecords(long pointId) {
        return getSession().createNativeQuery("SELECT count(*) FROM request_record WHERE point_id = :id", Long.class)
                .setParameter("id", pointId).getSingleResult();
    }
}
