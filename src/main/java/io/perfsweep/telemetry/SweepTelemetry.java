package io.perfsweep.telemetry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Hands out the live meters of a sweep, one set per benchmark, target and model. Eager ({@link Startup}) so the
 * registry and this bean exist before the first job; the meters themselves appear with the first sweep of a label
 * set, because Prometheus series need their label values.
 */
@Startup
@ApplicationScoped
public class SweepTelemetry {

    @Inject
    MeterRegistry registry;

    public SweepTelemetry() {
    }

    /** Telemetry on {@code registry}, outside CDI (tests, tools). */
    public SweepTelemetry(MeterRegistry registry) {
        this.registry = registry;
    }

    // Strong references: Micrometer holds gauge state weakly, and a label set's meters outlive each of its sweeps.
    private final Map<SweepLabels, SweepMeters> meters = new ConcurrentHashMap<>();

    /** The meters of sweeps with these labels, registered on first use and shared by later sweeps. */
    public SweepMeters meters(String benchmark, String target, String model) {
        return meters.computeIfAbsent(new SweepLabels(benchmark, target, model), labels -> new SweepMeters(registry,
                labels));
    }
}
