package io.perfsweep.telemetry;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Jobs by state and the queue depth, as last counted by the caller (the service counts the job table: the count is
 * shared by every instance, so dashboards take {@code max}, never {@code sum}, across instances).
 */
@ApplicationScoped
public class JobGauges {

    @Inject
    MeterRegistry registry;

    // Strong references: Micrometer holds gauge state weakly.
    private final Map<String, AtomicLong> jobsByState = new ConcurrentHashMap<>();
    private final AtomicLong queueDepth = new AtomicLong();

    /** Registers a gauge per state and the queue depth, all 0, so they are scraped before the first count. */
    public void register(Collection<String> states) {
        states.forEach(this::state);
        Gauge.builder("perfsweep.queue.depth", queueDepth, AtomicLong::get)
                .description("Jobs waiting to run: stored as QUEUED, not started yet").register(registry);
    }

    /** Sets every registered state's count (0 when absent from {@code countsByState}) and the queue depth. */
    public void update(Map<String, Long> countsByState, long queued) {
        countsByState.keySet().forEach(this::state);
        jobsByState.forEach((state, count) -> count.set(countsByState.getOrDefault(state, 0L)));
        queueDepth.set(queued);
    }

    private AtomicLong state(String state) {
        return jobsByState.computeIfAbsent(state, name -> {
            var count = new AtomicLong();
            Gauge.builder("perfsweep.jobs", count, AtomicLong::get).tag("state", name)
                    .description("Jobs in the job table by state").register(registry);
            return count;
        });
    }
}
