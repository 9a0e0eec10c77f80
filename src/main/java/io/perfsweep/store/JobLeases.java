package io.perfsweep.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The lease of a job held by an instance: which delivery of its JetStream message holds it, and until when (the
 * database's clock, so instances with skewed clocks agree). Columns {@code delivery} and {@code lease_until} are
 * written here only, by SQL, and are not mapped on {@link JobEntity}: a flush of a job read earlier can then never
 * write an older lease back.
 */
@ApplicationScoped
public class JobLeases {

    /** A job whose instance stopped on its last delivery, now stored as FAILED. */
    public record Orphan(String id, String name, String reason, int pointsDone, int pointsTotal) {
    }

    /** Through the repository, not an injected EntityManager: CLI commands run with the persistence unit off. */
    @Inject
    JobRepository jobs;

    /** Records that {@code delivery} (1 for the first) of the job's message holds it, for {@code lease} from now. */
    @Transactional
    public void hold(String jobId, int delivery, Duration lease) {
        entityManager().createNativeQuery("update job set delivery = ?1, lease_until = now() + cast(?2 as interval)"
                + " where id = ?3 and state in ('QUEUED', 'RUNNING')")
                .setParameter(1, delivery).setParameter(2, seconds(lease)).setParameter(3, jobId).executeUpdate();
    }

    /** Extends the leases of the jobs this instance holds to {@code lease} from now. */
    @Transactional
    public void renew(Collection<String> jobIds, Duration lease) {
        if (jobIds.isEmpty()) {
            return;
        }
        entityManager().createNativeQuery("update job set lease_until = now() + cast(?1 as interval)"
                + " where id in (?2) and state in ('QUEUED', 'RUNNING')")
                .setParameter(1, seconds(lease)).setParameter(2, jobIds).executeUpdate();
    }

    /**
     * Ends, as FAILED with the reason, every job that is still QUEUED or RUNNING although the instance holding it on
     * the last delivery ({@code delivery >= maxDeliver}) let its lease run out: JetStream will not deliver it again, so
     * nothing else would ever end it. One statement (a data-modifying CTE), so
     * when several instances look at once each job ends once.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Orphan> failOrphans(int maxDeliver) {
        List<Object[]> rows = entityManager().createNativeQuery("with failed as (update job set state = 'FAILED',"
                + " finished_at = now(),"
                + " version = version + 1, lease_until = null, reason = 'the instance running it stopped on its last"
                + " delivery (' || delivery || ' of ' || ?1 || ', perfsweep.nats.max-deliver) and its lease ran out"
                + " at ' || to_char(lease_until at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                + " || '; nothing will run it again'"
                + " where state in ('QUEUED', 'RUNNING') and delivery >= ?1 and lease_until < now()"
                + " returning id, name, reason, points_done, points_total) select * from failed")
                .setParameter(1, maxDeliver).getResultList();
        var orphans = new ArrayList<Orphan>(rows.size());
        for (Object[] row : rows) {
            orphans.add(new Orphan((String) row[0], (String) row[1], (String) row[2], ((Number) row[3]).intValue(),
                    ((Number) row[4]).intValue()));
        }
        return orphans;
    }

    private EntityManager entityManager() {
        return jobs.getEntityManager();
    }

    private static String seconds(Duration lease) {
        return lease.toMillis() / 1000.0 + " seconds";
    }
}
