package io.perfsweep.job;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.perfsweep.config.PerfsweepConfig;
import io.perfsweep.store.JobRepository;
import io.perfsweep.store.JobState;
import io.perfsweep.telemetry.JobGauges;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Feeds the jobs-by-state and queue-depth gauges from the job table every few seconds. The table, not this
 * instance's runner, is counted, so the gauges survive restarts and agree across instances.
 */
@ApplicationScoped
public class JobStateGauges {

    /** Shorter than Prometheus's usual 15 s scrape interval, long enough to be negligible for the database. */
    static final long REFRESH_SECONDS = 5;

    @Inject
    PerfsweepConfig config;

    @Inject
    JobRepository jobs;

    @Inject
    JobGauges gauges;

    private ScheduledExecutorService refresher;

    void onStart(@Observes StartupEvent event) {
        if (!config.service().enabled()) {
            return; // CLI commands have no job table (the datasource is off).
        }
        gauges.register(Arrays.stream(JobState.values()).map(Enum::name).toList());
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            var thread = new Thread(r, "perfsweep-job-gauges");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /** Counts jobs by state in one query; a failed count keeps the last values (the database may be restarting). */
    void refresh() {
        try {
            Map<String, Long> counts = QuarkusTransaction.requiringNew().call(this::countByState);
            gauges.update(counts, counts.getOrDefault(JobState.QUEUED.name(), 0L));
        } catch (RuntimeException e) {
            Log.debugf("Job state gauges not refreshed: %s", e.getMessage());
        }
    }

    private Map<String, Long> countByState() {
        var counts = new HashMap<String, Long>();
        jobs.getEntityManager()
                .createQuery("select j.state, count(j) from JobEntity j group by j.state", Object[].class)
                .getResultList().forEach(row -> counts.put(((JobState) row[0]).name(), (Long) row[1]));
        return counts;
    }
}
