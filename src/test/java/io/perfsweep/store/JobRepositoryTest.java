package io.perfsweep.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.perfsweep.testsupport.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class JobRepositoryTest {

    private static final String SPEC = "{\"apiVersion\": \"perfsweep/v1\", \"name\": \"qwen\", \"load\": "
            + "{\"type\": \"concurrency\", \"levels\": [1, 2, 5]}}";

    @Inject
    JobRepository jobs;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void flywayCreatesTheSchema() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = 'public' ORDER BY table_name")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        assertThat(tables).contains("flyway_schema_history", "job", "sweep_point", "request_record");
    }

    @Test
    void jobRoundTrips() {
        String id = "job-" + UUID.randomUUID();
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        jobs.persistIfAbsent(JobEntity.queued(id, "qwen3-0p6b-vllm-agg", SPEC, "http://vllm:8000", "Qwen/Qwen3-0.6B", 7));

        JobEntity loaded = QuarkusTransaction.requiringNew().call(() -> jobs.findById(id));

        assertThat(loaded.name).isEqualTo("qwen3-0p6b-vllm-agg");
        assertThat(loaded.state).isEqualTo(JobState.QUEUED);
        assertThat(loaded.targetUrl).isEqualTo("http://vllm:8000");
        assertThat(loaded.model).isEqualTo("Qwen/Qwen3-0.6B");
        assertThat(loaded.pointsTotal).isEqualTo(7);
        assertThat(loaded.createdAt).isAfterOrEqualTo(before.minusMillis(1));
        assertThat(loaded.specJson).contains("\"apiVersion\"").contains("perfsweep/v1").contains("[1, 2, 5]");
        assertThat(loaded.version).isZero();
    }

    @Test
    void secondSubmissionOfAnIdKeepsTheFirst() {
        String id = "job-" + UUID.randomUUID();
        jobs.persistIfAbsent(JobEntity.queued(id, "first", SPEC, "http://a", "m", 1));

        JobEntity kept = jobs.persistIfAbsent(JobEntity.queued(id, "second", SPEC, "http://b", "m", 2));

        assertThat(kept.name).isEqualTo("first");
        assertThat(QuarkusTransaction.requiringNew().call(() -> jobs.count("id", id))).isEqualTo(1);
    }

    @Test
    void stateChangesBumpTheVersionAndStaleUpdatesFail() {
        String id = "job-" + UUID.randomUUID();
        jobs.persistIfAbsent(JobEntity.queued(id, "locking", SPEC, "http://a", "m", 1));
        JobEntity stale = QuarkusTransaction.requiringNew().call(() -> jobs.findById(id));

        QuarkusTransaction.requiringNew()
                .run(() -> jobs.findById(id).moveTo(JobState.RUNNING, null, Instant.now()));

        JobEntity running = QuarkusTransaction.requiringNew().call(() -> jobs.findById(id));
        assertThat(running.state).isEqualTo(JobState.RUNNING);
        assertThat(running.startedAt).isNotNull();
        assertThat(running.version).isEqualTo(1);
        stale.moveTo(JobState.FAILED, "stale", Instant.now());
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> jobs.getEntityManager().merge(stale)))
                .isInstanceOf(OptimisticLockException.class);
    }

    @Test
    void listsJobsByNameStateAndTargetNewestFirst() {
        String name = "list-" + UUID.randomUUID();
        String target = "http://" + name + ":8000";
        for (int i = 0; i < 3; i++) {
            JobEntity job = JobEntity.queued(name + "-" + i, name, SPEC, target, "m", 1);
            job.createdAt = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i);
            jobs.persistIfAbsent(job);
        }
        QuarkusTransaction.requiringNew()
                .run(() -> jobs.findById(name + "-1").moveTo(JobState.SUCCEEDED, null, Instant.now()));

        List<String> byName = QuarkusTransaction.requiringNew()
                .call(() -> jobs.listByName(name, Page.ofSize(10)).stream().map(j -> j.id).toList());
        List<String> byTarget = QuarkusTransaction.requiringNew()
                .call(() -> jobs.listByTarget(target, Page.ofSize(2)).stream().map(j -> j.id).toList());
        List<JobEntity> succeeded = QuarkusTransaction.requiringNew()
                .call(() -> jobs.listByState(JobState.SUCCEEDED, Page.ofSize(1000)));

        assertThat(byName).containsExactly(name + "-2", name + "-1", name + "-0");
        assertThat(byTarget).containsExactly(name + "-2", name + "-1");
        assertThat(succeeded).extracting(j -> j.id).contains(name + "-1").doesNotContain(name + "-0");
    }

    @Test
    void databaseRejectsAnUnknownState() {
        assertThatThrownBy(() -> {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO job (id, name, state, spec) VALUES ('bad-" + UUID.randomUUID()
                        + "', 'x', 'PAUSED', '{}')");
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("job_state_check");
    }
}
