package io.perfsweep.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.testsupport.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The shares of a point driven by several instances in PostgreSQL: records written by COPY under their attempt's key
 * and read back exactly for the merge, an attempt deleted by its key, and a late worker of a voided attempt unable to
 * add anything.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ShareStoreTest {

    private static final Logger LOG = Logger.getLogger(ShareStoreTest.class);

    @Inject
    JobRepository jobs;

    @Inject
    ShareStore shares;

    @Test
    void anAttemptsRecordsComeBackShareAfterShareExactlyAndGoWithTheAttempt() {
        String jobId = newJob();
        List<RequestRecord> first = SyntheticRecords.generate(20_000, 256, 1);
        List<RequestRecord> second = SyntheticRecords.generate(20_000, 256, 2);
        long a = shares.begin(new ShareKey(jobId, 0, "attempt-1", 0), "svc-a", "svc-a", 100, null, 20_000);
        long b = shares.begin(new ShareKey(jobId, 0, "attempt-1", 1), "svc-b", "svc-a", 100, null, 20_000);

        long start = System.nanoTime();
        assertThat(shares.finish(a, first, 1.5, null)).isTrue();
        Duration wrote = Duration.ofNanos(System.nanoTime() - start);
        assertThat(shares.finish(b, second, -0.5, null)).isTrue();
        start = System.nanoTime();
        List<RequestRecord> union = shares.records(jobId, 0, "attempt-1");
        Duration read = Duration.ofNanos(System.nanoTime() - start);

        LOG.infof("share COPY of 20000 records (256 responses each): %d ms (%.0f records/s); the attempt's 40000 read"
                + " back: %d ms (%.0f records/s)", wrote.toMillis(), 20_000 / (wrote.toNanos() / 1e9), read.toMillis(),
                40_000 / (read.toNanos() / 1e9));
        assertThat(union).hasSize(40_000);
        assertThat(union.get(0).responseNanos()).isEqualTo(first.get(0).responseNanos());
        assertThat(union.get(20_000).responseNanos()).isEqualTo(second.get(0).responseNanos());
        assertThat(union.get(39_999).wallStartEpochNanos()).isEqualTo(second.get(19_999).wallStartEpochNanos());
        assertThat(shares.shares(jobId, 0, "attempt-1")).extracting(PointShareRow::instance, PointShareRow::recordCount,
                PointShareRow::startSkewMs).containsExactly(org.assertj.core.groups.Tuple.tuple("svc-a", 20_000, 1.5),
                        org.assertj.core.groups.Tuple.tuple("svc-b", 20_000, -0.5));

        assertThat(shares.voidAttempt(jobId, 0, "attempt-1")).isEqualTo(2);
        assertThat(shares.records(jobId, 0, "attempt-1")).isEmpty();
    }

    @Test
    void theAttemptsAPointStillHoldsAreListedOldestFirstWithTheirCoordinatorForTheNextCoordinatorToVoid() {
        String jobId = newJob();
        shares.begin(new ShareKey(jobId, 1, "attempt-old", 0), "svc-b", "svc-a", 4, null, 10);
        shares.begin(new ShareKey(jobId, 1, "attempt-old", 1), "svc-c", "svc-a", 4, null, 10);
        shares.begin(new ShareKey(jobId, 1, "attempt-new", 0), "svc-b", "svc-c", 4, null, 10);
        shares.begin(new ShareKey(jobId, 2, "attempt-of-another-point", 0), "svc-b", "svc-a", 4, null, 10);

        assertThat(shares.attempts(jobId, 1)).containsExactly(new ShareStore.Attempt("attempt-old", "svc-a", 2),
                new ShareStore.Attempt("attempt-new", "svc-c", 1));
        assertThat(shares.voidAttempt(jobId, 1, "attempt-old")).isEqualTo(2);
        assertThat(shares.attempts(jobId, 1)).extracting(ShareStore.Attempt::attempt).containsExactly("attempt-new");
    }

    @Test
    void aShareFinishingAfterItsAttemptWasVoidedWritesNothing() {
        String jobId = newJob();
        long late = shares.begin(new ShareKey(jobId, 3, "attempt-1", 0), "svc-a", "svc-a", 4, null, 10);
        shares.begin(new ShareKey(jobId, 3, "attempt-2", 0), "svc-b", "svc-a", 4, null, 10);
        shares.voidAttempt(jobId, 3, "attempt-1");

        assertThat(shares.finish(late, SyntheticRecords.generate(10, 4, 3), 0, null)).isFalse();

        assertThat(shares.records(jobId, 3, "attempt-1")).isEmpty();
        assertThat(shares.shares(jobId, 3, "attempt-2")).hasSize(1);
        assertThat(shares.deletePoint(jobId, 3)).isEqualTo(1);
    }

    private String newJob() {
        String jobId = "share-" + UUID.randomUUID();
        jobs.persistIfAbsent(JobEntity.queued(jobId, "share-test", "{}", "http://mock:8000", "m", 1));
        return jobId;
    }
}
